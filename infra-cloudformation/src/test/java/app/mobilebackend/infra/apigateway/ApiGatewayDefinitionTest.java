package app.mobilebackend.infra.apigateway;

import app.mobilebackend.infra.apigateway.ApiGatewayDefinition.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiGatewayDefinitionTest {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    static Path root;
    static Path specFile;
    static Path overlayFile;
    static Map<String, Object> spec;
    static Map<String, Object> definition;
    static List<Operation> operations;

    @BeforeAll
    static void generate() throws IOException {
        root = projectRoot();
        specFile = root.resolve("api-spec/openapi.yaml");
        overlayFile = root.resolve("infra-cloudformation/api/overlay.yaml");
        spec = ApiGatewayDefinition.load(specFile);
        definition = ApiGatewayDefinition.generate(spec, ApiGatewayDefinition.load(overlayFile));
        operations = ApiGatewayDefinition.operations(spec);
    }

    @Test
    void theRealSpecHasTheOperationsOfTheReadme() {
        assertEquals(List.of("GET /health", "GET /todos", "POST /todos", "GET /todos/{todoId}", "PUT /todos/{todoId}",
            "DELETE /todos/{todoId}", "GET /me/preferences", "PUT /me/preferences",
            "GET /files", "POST /files", "GET /files/{fileId}", "DELETE /files/{fileId}",
            "GET /orders", "POST /orders", "GET /orders/{orderId}",
            "GET /devices", "POST /devices", "DELETE /devices/{deviceId}",
            "GET /content", "GET /content/{contentId}/access",
            "GET /me/export", "DELETE /me", "GET /sync/changes", "GET /app-updates/{platform}/latest", "POST /events"), operations.stream().map(Operation::toString).toList());
    }

    @Test
    void everyOperationIntegratesTheLiveAliasOfItsFunction() {
        for (Operation operation : operations) {
            Map<String, Object> integration = map(operation(definition, operation).get("x-amazon-apigateway-integration"));
            assertNotNull(integration, operation + " has no integration");
            assertEquals("aws_proxy", integration.get("type"), operation.toString());
            assertEquals("POST", integration.get("httpMethod"), operation.toString());
            assertEquals("when_no_match", integration.get("passthroughBehavior"), operation.toString());
            Map<String, Object> uri = map(integration.get("uri"));
            assertEquals(Set.of("Fn::Sub"), uri.keySet(), operation + ": uri is one Fn::Sub");
            String expectedParameter = ApiGatewayDefinition.pascalCase(operation.function()) + "FunctionAliasArn";
            assertEquals("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${" + expectedParameter + "}/invocations",
                uri.get("Fn::Sub"), operation.toString());
        }
    }

    @Test
    void aliasParameterNamesArePascalCaseOfTheFunction() {
        assertEquals("TodosListFunctionAliasArn", ApiGatewayDefinition.aliasParameter("todos-list"));
        assertEquals("HealthFunctionAliasArn", ApiGatewayDefinition.aliasParameter("health"));
        assertEquals("PreferencesPutFunctionAliasArn", ApiGatewayDefinition.aliasParameter("preferences-put"));
    }

    @Test
    void healthAndAppUpdatesHaveNoAuthorizerAndEveryOtherOperationHasCognito() {
        for (Operation operation : operations) {
            Object security = operation(definition, operation).get("security");
            if (operation.path().equals("/health")) {
                assertEquals(List.of(), security, "/health stays open: Route 53 health checks carry no token");
            } else if (operation.path().equals("/app-updates/{platform}/latest")) {
                assertEquals(List.of(), security, "app updates stay open: an app that cannot sign in must learn that it has to update");
            } else {
                assertEquals(List.of(Map.of("cognito", List.of())), security, operation + " must require a Cognito token");
            }
        }
        Map<String, Object> scheme = map(map(map(definition.get("components")).get("securitySchemes")).get("cognito"));
        assertEquals("apiKey", scheme.get("type"));
        assertEquals("header", scheme.get("in"));
        assertEquals("Authorization", scheme.get("name"));
        assertEquals("cognito_user_pools", scheme.get("x-amazon-apigateway-authtype"));
        Map<String, Object> authorizer = map(scheme.get("x-amazon-apigateway-authorizer"));
        assertEquals("cognito_user_pools", authorizer.get("type"));
        assertEquals(List.of(Map.of("Fn::Sub", "${UserPoolArn}")), authorizer.get("providerARNs"));
    }

    @Test
    void validatorsAndProblemGatewayResponsesAreAtTheRoot() {
        assertEquals("all", definition.get("x-amazon-apigateway-request-validator"));
        Map<String, Object> all = map(map(definition.get("x-amazon-apigateway-request-validators")).get("all"));
        assertEquals(Boolean.TRUE, all.get("validateRequestBody"));
        assertEquals(Boolean.TRUE, all.get("validateRequestParameters"));
        Map<String, Object> responses = map(definition.get("x-amazon-apigateway-gateway-responses"));
        for (String type : List.of("DEFAULT_4XX", "DEFAULT_5XX", "UNAUTHORIZED", "BAD_REQUEST_BODY")) {
            Map<String, Object> response = map(responses.get(type));
            assertNotNull(response, type);
            String template = (String) map(response.get("responseTemplates")).get("application/problem+json");
            assertNotNull(template, type + " answers application/problem+json");
            assertTrue(template.contains("\"type\":\"about:blank\""), type);
            assertEquals("'application/problem+json'", map(response.get("responseParameters")).get("gatewayresponse.header.Content-Type"), type);
        }
        assertEquals(401, map(responses.get("UNAUTHORIZED")).get("statusCode"));
    }

    @Test
    void nullableFieldsAreNotRefusedByTheGatewaysDraft4Validation() {
        Map<String, Object> properties = map(map(map(map(definition.get("components")).get("schemas")).get("TodoCreate")).get("properties"));
        Map<String, Object> notes = map(properties.get("notes"));
        assertNull(notes.get("type"), "a nullable field has no type for API Gateway");
        assertNull(notes.get("nullable"));
        assertEquals(4000, notes.get("maxLength"), "its other constraints stay");
        assertEquals("string", map(properties.get("title")).get("type"), "non-nullable fields keep their type");
        // the contract itself keeps nullable
        Map<String, Object> specNotes = map(map(map(map(map(spec.get("components")).get("schemas")).get("TodoCreate")).get("properties")).get("notes"));
        assertEquals(Boolean.TRUE, specNotes.get("nullable"));
        assertEquals("string", specNotes.get("type"));
    }

    @Test
    void theOutputParsesAsPlainYamlAndTheCleanSpecIsUnchanged(@TempDir Path dir) throws IOException {
        byte[] specBefore = Files.readAllBytes(specFile);
        Path out = dir.resolve("api/openapi-apigateway.yaml");

        ApiGatewayDefinition.main(new String[] {specFile.toString(), overlayFile.toString(), out.toString()});

        String text = Files.readString(out, StandardCharsets.UTF_8);
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        assertEquals(definition, parsed, "the file holds the generated definition");
        for (Event event : new Yaml().parse(new StringReader(text))) {
            assertFalse(event instanceof AliasEvent, "no aliases (AWS::Include takes plain YAML)");
            if (event instanceof CollectionStartEvent collection) {
                assertNull(collection.getAnchor(), "no anchors");
                assertTrue(collection.getImplicit(), "no tags");
            }
            if (event instanceof ScalarEvent scalar) {
                assertNull(scalar.getAnchor(), "no anchors");
                assertNull(scalar.getTag(), "no tags (no !Sub and the like)");
            }
        }
        assertEquals(operations.size(), countOccurrences(text, "x-amazon-apigateway-integration:"));

        assertTrue(java.util.Arrays.equals(specBefore, Files.readAllBytes(specFile)), "api-spec/openapi.yaml is not written to");
        assertFalse(new String(specBefore, StandardCharsets.UTF_8).contains("x-amazon-apigateway"),
            "AWS extensions never go into the clean spec: they belong in infra-cloudformation/api/overlay.yaml");
        assertFalse(ApiGatewayDefinition.toYaml(spec).contains("x-amazon-apigateway"), "generate() leaves its input alone");
    }

    @Test
    void everyParameterTheDefinitionNamesIsAParameterOfTheApiStack() throws IOException {
        Map<String, Object> apiStack = template("api.yaml");
        Set<String> parameters = map(apiStack.get("Parameters")).keySet();
        Set<String> named = new TreeSet<>();
        collectSubVariables(definition, named);
        for (Operation operation : operations) {
            assertTrue(named.contains(operation.aliasParameter()), operation + " names " + operation.aliasParameter());
        }
        assertTrue(named.contains("UserPoolArn"));
        for (String name : named) {
            assertTrue(name.startsWith("AWS::") || parameters.contains(name),
                "the generated definition names ${" + name + "}, which templates/stacks/api.yaml has no parameter for");
        }
    }

    @Test
    void theApiStackLetsApiGatewayInvokeEachAliasOnItsOwnMethodAndPathOnly() throws IOException {
        Map<String, Object> resources = map(template("api.yaml").get("Resources"));
        for (Operation operation : operations) {
            String arnPath = operation.path().substring(1).replaceAll("\\{[^}]+}", "*");
            List<Map<String, Object>> permissions = new ArrayList<>();
            for (Object value : resources.values()) {
                Map<String, Object> resource = map(value);
                if ("AWS::Lambda::Permission".equals(resource.get("Type"))
                    && Map.of("Ref", operation.aliasParameter()).equals(map(resource.get("Properties")).get("FunctionName"))) {
                    permissions.add(map(resource.get("Properties")));
                }
            }
            assertEquals(1, permissions.size(), operation + ": one permission for " + operation.aliasParameter());
            Map<String, Object> permission = permissions.get(0);
            assertEquals("apigateway.amazonaws.com", permission.get("Principal"));
            assertEquals("lambda:InvokeFunction", permission.get("Action"));
            assertEquals("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${RestApi}/*/"
                + operation.method().toUpperCase() + "/" + arnPath, map(permission.get("SourceArn")).get("Fn::Sub"), operation.toString());
        }
    }

    @Test
    void theFunctionsStackOutputsEveryAliasTheApiStackTakes() throws IOException {
        Map<String, Object> outputs = map(template("functions.yaml").get("Outputs"));
        Set<String> apiParameters = map(template("api.yaml").get("Parameters")).keySet();
        for (Operation operation : operations) {
            assertTrue(outputs.containsKey(operation.aliasParameter()), "functions.yaml outputs " + operation.aliasParameter());
            assertTrue(apiParameters.contains(operation.aliasParameter()), "api.yaml takes " + operation.aliasParameter());
            String logicalId = ApiGatewayDefinition.pascalCase(operation.function()) + "Function";
            Map<String, Object> function = map(map(template("functions.yaml").get("Resources")).get(logicalId));
            assertNotNull(function, "functions.yaml has " + logicalId);
            assertEquals(Map.of("Fn::Sub", "${ArtifactPrefix}/functions/function-" + operation.function() + "-lambda.jar"),
                map(map(function.get("Properties")).get("Code")).get("S3Key"));
        }
    }

    @Test
    void anOperationWithoutXFunctionFailsNamingIt() {
        Map<String, Object> broken = Map.of("openapi", "3.0.3", "paths", Map.of("/orders", Map.of("post", Map.of("operationId", "createOrder"))));
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> ApiGatewayDefinition.operations(broken));
        assertTrue(failure.getMessage().contains("POST /orders"), failure.getMessage());
        assertTrue(failure.getMessage().contains("x-function"), failure.getMessage());
    }

    @Test
    void oneFunctionServingTwoOperationsFails() {
        Map<String, Object> broken = Map.of("paths", Map.of("/a", Map.of(
            "get", Map.of("x-function", "a-get"),
            "put", Map.of("x-function", "a-get"))));
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> ApiGatewayDefinition.operations(broken));
        assertTrue(failure.getMessage().contains("a-get"), failure.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Map<String, Object> template(String name) throws IOException {
        Path file = root.resolve("infra-cloudformation/templates/stacks").resolve(name);
        assertTrue(Files.isRegularFile(file), file + " exists");
        return ApiGatewayDefinition.load(file); // long-form intrinsics only: plain YAML
    }

    private static Map<String, Object> operation(Map<String, Object> document, Operation operation) {
        return map(map(map(document.get("paths")).get(operation.path())).get(operation.method()));
    }

    private static void collectSubVariables(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Fn::Sub".equals(key)) {
                    String template = value instanceof List<?> list ? (String) list.get(0) : (String) value;
                    Matcher matcher = SUB_VARIABLE.matcher(template);
                    while (matcher.find()) {
                        into.add(matcher.group(1));
                    }
                } else {
                    collectSubVariables(value, into);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectSubVariables(value, into));
        }
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? null : (Map<String, Object>) assertInstanceOf(Map.class, node);
    }

    private static Path projectRoot() {
        String property = System.getProperty("project.root");
        if (property != null && Files.isRegularFile(Path.of(property, "api-spec/openapi.yaml"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("api-spec/openapi.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("api-spec/openapi.yaml not found from " + Path.of("").toAbsolutePath());
    }
}
