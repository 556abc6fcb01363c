package app.mobilebackend.infra.apigateway;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the API definition API Gateway imports: the clean contract ({@code api-spec/openapi.yaml}) plus the AWS
 * parts of the overlay ({@code infra-cloudformation/api/overlay.yaml}).
 *
 * <p>For every operation it adds an {@code x-amazon-apigateway-integration} (Lambda proxy) whose {@code uri} is an
 * {@code Fn::Sub} naming the api stack parameter of the operation's function, {@code <PascalCase(x-function)>FunctionAliasArn}:
 * the output is included into {@code templates/stacks/api.yaml} by {@code AWS::Include}, which resolves it there. It
 * replaces the spec's bearer security scheme by a Cognito user pool authorizer, spells out the security of every
 * operation (API Gateway does not apply the document-level {@code security}; {@code security: []} stays, so
 * {@code /health} has no authorizer), and adds the request validators and the gateway responses.
 *
 * <p>Two changes to the contract's content, both because of what API Gateway does with it: {@code servers} (the local
 * dev server) is dropped, and a schema's {@code nullable: true} is turned into "no {@code type}" (its other
 * constraints stay): API Gateway validates bodies with JSON Schema draft 4, which knows no {@code nullable}, and would
 * otherwise refuse a {@code null} the contract allows. The function still validates the whole body.
 *
 * <p>Usage: {@code ApiGatewayDefinition <openapi.yaml> <overlay.yaml> <out.yaml>}. Fails (an exception, never
 * {@code System.exit}: it runs inside Maven) when an operation has no {@code x-function}.
 */
public final class ApiGatewayDefinition {

    /** The OpenAPI operation keys of a path item. */
    public static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final String INTEGRATION = "x-amazon-apigateway-integration";
    /** Keys whose values are instances, not schemas. */
    private static final Set<String> VALUES = Set.of("example", "examples", "default", "enum");

    private ApiGatewayDefinition() {
    }

    /** One operation of the spec: its path, lower-case method and function. */
    public record Operation(String path, String method, String function) {

        /** The api stack parameter holding the ARN of this operation's function alias. */
        public String aliasParameter() {
            return ApiGatewayDefinition.aliasParameter(function);
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ApiGatewayDefinition <openapi.yaml> <overlay.yaml> <out.yaml>, got " + args.length + " arguments");
        }
        Path spec = Path.of(args[0]);
        Path overlay = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Map<String, Object> definition = generate(load(spec), load(overlay));
        write(definition, out);
        System.out.println("API Gateway definition: " + out + " (" + operations(definition).size() + " operations, from " + spec + " and " + overlay + ")");
    }

    /** {@code todos-list} → {@code TodosList}. */
    public static String pascalCase(String function) {
        StringBuilder name = new StringBuilder();
        for (String part : function.split("-")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    /** {@code todos-list} → {@code TodosListFunctionAliasArn}, the api stack parameter. */
    public static String aliasParameter(String function) {
        return pascalCase(function) + "FunctionAliasArn";
    }

    /** Every operation of {@code spec}, in document order; fails on one without a valid {@code x-function}. */
    public static List<Operation> operations(Map<String, Object> spec) {
        Map<String, Object> paths = map(spec.get("paths"), "paths");
        List<Operation> operations = new ArrayList<>();
        Map<String, Operation> byFunction = new LinkedHashMap<>();
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> item = map(path.getValue(), "paths." + path.getKey());
            for (Map.Entry<String, Object> entry : item.entrySet()) {
                if (!HTTP_METHODS.contains(entry.getKey())) {
                    continue; // parameters, summary, servers…
                }
                String where = entry.getKey().toUpperCase() + " " + path.getKey();
                Object function = map(entry.getValue(), where).get("x-function");
                if (!(function instanceof String name) || name.isBlank()) {
                    throw new IllegalArgumentException("Operation " + where + " has no x-function: name the function that serves it"
                        + " (x-function: <resource>-<verb>, its module functions/<x-function>/)");
                }
                if (!FUNCTION_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("Operation " + where + " has x-function '" + name + "': expected lower-case words joined by '-'");
                }
                Operation operation = new Operation(path.getKey(), entry.getKey(), name);
                Operation other = byFunction.putIfAbsent(name, operation);
                if (other != null) {
                    throw new IllegalArgumentException("x-function '" + name + "' serves both " + other + " and " + where
                        + ": one function per operation (its invoke permission is scoped to one method and path)");
                }
                operations.add(operation);
            }
        }
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("The spec has no operations");
        }
        return operations;
    }

    /** The API Gateway definition: a new document, {@code spec} and {@code overlay} are not changed. */
    public static Map<String, Object> generate(Map<String, Object> spec, Map<String, Object> overlay) {
        Map<String, Object> definition = map(copy(spec), "spec");
        List<Operation> operations = operations(definition);

        Map<String, Object> integration = map(copy(overlay.get("integration")), "overlay integration");
        Object uriTemplate = integration.remove("uriTemplate");
        if (!(uriTemplate instanceof String template) || !template.contains("{aliasParameter}")) {
            throw new IllegalArgumentException("overlay integration.uriTemplate must be a string containing {aliasParameter}");
        }
        Map<String, Object> authorizer = map(overlay.get("authorizer"), "overlay authorizer");
        String scheme = string(authorizer.get("scheme"), "overlay authorizer.scheme");

        // info.title: the API's name
        if (overlay.containsKey("title")) {
            map(definition.get("info"), "info").put("title", copy(overlay.get("title")));
        }
        definition.remove("servers");

        // the authorizer replaces the bearer scheme of the contract
        Map<String, Object> components = map(definition.get("components"), "components");
        Map<String, Object> schemes = map(components.get("securitySchemes"), "components.securitySchemes");
        if (!schemes.containsKey(scheme)) {
            throw new IllegalArgumentException("The spec has no security scheme '" + scheme + "' for the overlay's authorizer; it has " + schemes.keySet());
        }
        schemes.put(scheme, copy(map(authorizer.get("definition"), "overlay authorizer.definition")));
        Object documentSecurity = definition.get("security");

        Map<String, Object> paths = map(definition.get("paths"), "paths");
        for (Operation operation : operations) {
            Map<String, Object> node = map(map(paths.get(operation.path()), operation.path()).get(operation.method()), operation.toString());
            if (!node.containsKey("security")) {
                node.put("security", documentSecurity != null ? copy(documentSecurity) : List.of(Map.of(scheme, List.of())));
            }
            Map<String, Object> operationIntegration = map(copy(integration), "integration");
            operationIntegration.put("uri", Map.of("Fn::Sub", template.replace("{aliasParameter}", operation.aliasParameter())));
            node.put(INTEGRATION, operationIntegration);
        }

        relaxNullable(definition);

        definition.put("x-amazon-apigateway-request-validators", copy(map(overlay.get("requestValidators"), "overlay requestValidators")));
        definition.put("x-amazon-apigateway-request-validator", string(overlay.get("defaultRequestValidator"), "overlay defaultRequestValidator"));
        definition.put("x-amazon-apigateway-gateway-responses", copy(map(overlay.get("gatewayResponses"), "overlay gatewayResponses")));
        return definition;
    }

    /** A YAML file as a map (plain YAML only: no tags, no duplicate keys). */
    public static Map<String, Object> load(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new SafeConstructor(options)).load(reader);
            return map(document, file.toString());
        }
    }

    /** {@code definition} as block YAML, without anchors or aliases (AWS::Include takes plain YAML). */
    public static String toYaml(Map<String, Object> definition) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        options.setWidth(200);
        // copy() leaves no object referenced twice, so nothing would be anchored; this also says so.
        Representer representer = new Representer(options);
        return "# Generated by " + ApiGatewayDefinition.class.getName() + " from api-spec/openapi.yaml and infra-cloudformation/api/overlay.yaml.\n"
            + "# Do not edit: change those. Included into templates/stacks/api.yaml by AWS::Include.\n"
            + new Yaml(representer, options).dump(copy(definition));
    }

    public static void write(Map<String, Object> definition, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write(toYaml(definition));
        }
    }

    /** {@code type: X, nullable: true} → no type (draft 4 has no nullable); everywhere in the document. */
    private static void relaxNullable(Object node) {
        if (node instanceof Map<?, ?> raw) {
            @SuppressWarnings("unchecked")
            Map<String, Object> schema = (Map<String, Object>) raw;
            if (Boolean.TRUE.equals(schema.get("nullable"))) {
                schema.remove("nullable");
                schema.remove("type");
            }
            schema.forEach((key, value) -> {
                if (!VALUES.contains(key) && !key.startsWith("x-")) { // data, not schemas
                    relaxNullable(value);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(ApiGatewayDefinition::relaxNullable);
        }
    }

    /** A deep copy made of LinkedHashMaps and ArrayLists, sharing no collection. */
    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), copy(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(value -> copy.add(copy(value)));
            return copy;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + ": expected a mapping, found " + (node == null ? "nothing" : node.getClass().getSimpleName()));
    }

    private static String string(Object node, String what) {
        if (node instanceof String value && !value.isBlank()) {
            return value;
        }
        throw new IllegalArgumentException(what + ": expected a string, found " + node);
    }
}
