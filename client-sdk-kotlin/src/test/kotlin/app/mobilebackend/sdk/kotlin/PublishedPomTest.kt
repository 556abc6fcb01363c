package app.mobilebackend.sdk.kotlin

import app.mobilebackend.testkit.PublishedPom
import org.junit.jupiter.api.Test
import java.nio.file.Path

/** An app resolves the SDK from its published POM alone. */
class PublishedPomTest {

    @Test
    fun standsAlone() {
        PublishedPom.assertStandsAlone(Path.of("target/published-pom.xml"))
    }
}
