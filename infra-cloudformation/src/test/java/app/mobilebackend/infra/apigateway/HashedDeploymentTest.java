package app.mobilebackend.infra.apigateway;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The api stack's deployment changes when, and only when, the API definition changes. */
class HashedDeploymentTest {

    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    private static final Path SPEC = MODULE.resolve("../api-spec/openapi.yaml");
    private static final Path OVERLAY = MODULE.resolve("api/overlay.yaml");
    private static final Path API_TEMPLATE = MODULE.resolve("templates/stacks/api.yaml");

    @Test
    void theSameSpecGivesTheSameDeploymentAndAChangedRouteANewOne() throws IOException {
        String spec = Files.readString(SPEC);
        String same = logicalIdOf(spec);
        assertEquals(same, logicalIdOf(spec), "the definition is generated the same way every time");

        // a new route, as a spec change would add
        String withRoute = spec.replace("\npaths:\n", String.join("\n", "", "paths:",
            "  /planted:",
            "    get:",
            "      operationId: getPlanted",
            "      x-function: planted",
            "      responses:",
            "        '200':",
            "          description: A route the spec did not have.",
            ""));
        assertNotEquals(spec, withRoute, "the planted route went in");
        assertNotEquals(same, logicalIdOf(withRoute));
        // a changed summary changes the definition API Gateway holds too
        assertNotEquals(same, logicalIdOf(spec.replaceFirst("summary: ", "summary: Newly worded, ")));
    }

    @Test
    void theRenderedStackNamesOneDeploymentAndTheStageServesIt() throws IOException {
        String logicalId = HashedDeployment.logicalId("definition".getBytes(StandardCharsets.UTF_8));
        assertTrue(logicalId.matches("Deployment[0-9a-f]{16}"), logicalId);

        String rendered = HashedDeployment.render(Files.readString(API_TEMPLATE), logicalId);

        Map<String, Object> resources = resources(rendered);
        List<String> deployments = resources.entrySet().stream()
            .filter(e -> "AWS::ApiGateway::Deployment".equals(((Map<?, ?>) e.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
        assertEquals(List.of(logicalId), deployments);
        Map<?, ?> stage = (Map<?, ?>) ((Map<?, ?>) resources.get("Stage")).get("Properties");
        assertEquals(Map.of("Ref", logicalId), stage.get("DeploymentId"));
        assertFalse(rendered.matches("(?s).*\\b(Ref|DependsOn): Deployment\\s.*"), "a reference to the old id is left");
        // everything else is the source, comments included
        assertEquals(Files.readString(API_TEMPLATE).replace("  Deployment:\n", "  " + logicalId + ":\n")
            .replace("Ref: Deployment\n", "Ref: " + logicalId + "\n"), rendered);
    }

    @Test
    void theBuildWroteTheStackDeployUploads() throws IOException {
        Path built = MODULE.resolve("target/templates/stacks/api.yaml");
        Path definition = MODULE.resolve("target/api/openapi-apigateway.yaml");
        assertTrue(Files.isRegularFile(built), "the build writes " + built);
        String logicalId = HashedDeployment.logicalId(Files.readAllBytes(definition));
        assertEquals(HashedDeployment.render(Files.readString(API_TEMPLATE), logicalId), Files.readString(built));
    }

    @Test
    void refusesATemplateWithoutItsOneDeployment() {
        assertThrows(IllegalArgumentException.class, () -> HashedDeployment.render("Resources:\n  Other:\n    Type: X\n", "DeploymentAB"));
        assertThrows(IllegalArgumentException.class, () -> HashedDeployment.render(
            "Resources:\n  Deployment:\n    Type: X\n  Deployment:\n    Type: Y\n", "DeploymentAB"));
        assertThrows(IllegalArgumentException.class, () -> HashedDeployment.render("Resources:\n  Deployment:\n    Type: X\n", "DeploymentAB"));
    }

    /** The logical id the build gives the deployment for {@code spec}: through the real definition generator. */
    private static String logicalIdOf(String spec) throws IOException {
        Path dir = Files.createTempDirectory("hashed-deployment");
        Path specFile = dir.resolve("openapi.yaml");
        Files.writeString(specFile, spec);
        Path out = dir.resolve("openapi-apigateway.yaml");
        ApiGatewayDefinition.main(new String[] {specFile.toString(), OVERLAY.toString(), out.toString()});
        return HashedDeployment.logicalId(Files.readAllBytes(out));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources(String template) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions())); // the templates use no short tags (!Ref)
        return (Map<String, Object>) ((Map<String, Object>) yaml.load(template)).get("Resources");
    }
}
