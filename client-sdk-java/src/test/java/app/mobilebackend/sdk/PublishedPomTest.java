package app.mobilebackend.sdk;

import app.mobilebackend.testkit.PublishedPom;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** An app resolves the SDK from its published POM alone. */
class PublishedPomTest {

    @Test
    void standsAlone() throws Exception {
        PublishedPom.assertStandsAlone(Path.of("target/published-pom.xml"));
    }
}
