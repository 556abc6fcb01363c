package app.mobilebackend.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each SDK is versioned as the contract it was generated from: its Maven or npm version is the spec's info.version. */
class SdkVersionTest {

    /** The module's own version: the first version after its artifactId, outside the parent element. */
    private static final Pattern OWN_VERSION = Pattern.compile("</parent>.*?<artifactId>[^<]+</artifactId>\\s*(?:<!--.*?-->\\s*)?<version>([^<]+)</version>", Pattern.DOTALL);

    @ParameterizedTest
    @ValueSource(strings = {"client-sdk-java", "client-sdk-android", "client-sdk-kotlin"})
    void sdkVersionIsTheSpecVersion(String module) throws IOException {
        Matcher version = OWN_VERSION.matcher(Files.readString(root().resolve(module).resolve("pom.xml")));

        assertTrue(version.find(), module + "/pom.xml declares its own <version>");
        assertEquals(specVersion(), version.group(1),
            module + "/pom.xml <version> must be the spec's info.version: set it to " + specVersion());
    }

    @Test
    @SuppressWarnings("unchecked")
    void typeScriptPackageVersionIsTheSpecVersion() throws IOException {
        // JSON is YAML: the package manifest reads with the same parser.
        Map<String, Object> manifest = new Yaml().load(Files.readString(root().resolve("client-sdk-typescript/package.json")));

        assertEquals(specVersion(), manifest.get("version"),
            "client-sdk-typescript/package.json \"version\" must be the spec's info.version");
    }

    private static Path root() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    @SuppressWarnings("unchecked")
    private static String specVersion() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(root().resolve("api-spec/openapi.yaml")));
        return String.valueOf(((Map<String, Object>) spec.get("info")).get("version"));
    }
}
