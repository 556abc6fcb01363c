package app.mobilebackend.testkit.contract;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI 3.0 document read as plain maps, and its operations with every {@code $ref} resolved: what the contract
 * suite generates requests from and validates answers against.
 */
public final class ApiSpec {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final Map<String, Object> document;

    private ApiSpec(Map<String, Object> document) {
        this.document = document;
    }

    public static ApiSpec read(Path file) throws IOException {
        return new ApiSpec(new Yaml().load(Files.readString(file)));
    }

    /** The raw {@code components.schemas}, refs unresolved (for the JSON Schema document of an answer). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> componentSchemas() {
        return (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
    }

    /** Every operation of the spec, in the document's order. */
    @SuppressWarnings("unchecked")
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Object globalSecurity = document.get("security");
        ((Map<String, Object>) document.get("paths")).forEach((path, rawItem) -> {
            Map<String, Object> item = (Map<String, Object>) rawItem;
            List<Object> shared = (List<Object>) item.getOrDefault("parameters", List.of());
            item.forEach((method, rawOp) -> {
                if (!HTTP_METHODS.contains(method)) {
                    return;
                }
                Map<String, Object> op = (Map<String, Object>) rawOp;
                Map<String, Parameter> parameters = new LinkedHashMap<>();
                List<Object> all = new ArrayList<>(shared);
                all.addAll((List<Object>) op.getOrDefault("parameters", List.of()));
                for (Object raw : all) {
                    Map<String, Object> p = (Map<String, Object>) resolve(raw);
                    parameters.put(p.get("in") + ":" + p.get("name"), new Parameter((String) p.get("name"), (String) p.get("in"),
                        Boolean.TRUE.equals(p.get("required")), (Map<String, Object>) p.get("schema"), p.get("example")));
                }
                Body body = null;
                if (op.get("requestBody") != null) {
                    Map<String, Object> rb = (Map<String, Object>) resolve(op.get("requestBody"));
                    Map<String, Object> content = (Map<String, Object>) rb.get("content");
                    Map.Entry<String, Object> first = content.entrySet().iterator().next();
                    Map<String, Object> media = (Map<String, Object>) first.getValue();
                    body = new Body(Boolean.TRUE.equals(rb.get("required")), first.getKey(), (Map<String, Object>) media.get("schema"),
                        media.get("example"));
                }
                Map<String, Map<String, Object>> responses = new LinkedHashMap<>();
                Map<String, Map<String, Object>> rawResponses = new LinkedHashMap<>();
                ((Map<Object, Object>) op.get("responses")).forEach((status, response) -> {
                    Map<String, Object> unresolvedContent = (Map<String, Object>) derefOnce(response).get("content");
                    rawResponses.put(String.valueOf(status), unresolvedContent == null ? Map.of() : unresolvedContent);
                    responses.put(String.valueOf(status), (Map<String, Object>) resolve(response));
                });
                Object security = op.containsKey("security") ? op.get("security") : globalSecurity;
                operations.add(new Operation(method.toUpperCase(), path, String.valueOf(op.get("x-function")),
                    String.valueOf(op.get("operationId")), List.copyOf(parameters.values()), body, responses, rawResponses,
                    security instanceof List<?> list && !list.isEmpty()));
            });
        });
        return operations;
    }

    /** The object a {@code $ref} names, followed once (its own refs stay). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> derefOnce(Object node) {
        Map<String, Object> map = (Map<String, Object>) node;
        while (map.get("$ref") instanceof String ref) {
            map = (Map<String, Object>) lookup(ref);
        }
        return map;
    }

    /** A copy of the node with every {@code $ref} replaced by what it names. */
    @SuppressWarnings("unchecked")
    public Object resolve(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("$ref") instanceof String ref) {
                return resolve(lookup(ref));
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, value) -> copy.put(String.valueOf(key), resolve(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(this::resolve).toList();
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private Object lookup(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local refs are supported: " + ref);
        }
        Object node = document;
        for (String part : ref.substring(2).split("/")) {
            node = ((Map<String, Object>) node).get(part.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    /** A parameter of an operation, its schema resolved. */
    public record Parameter(String name, String in, boolean required, Map<String, Object> schema, Object example) {
    }

    /** A request body: its media type, resolved schema and example (null when there is none). */
    public record Body(boolean required, String mediaType, Map<String, Object> schema, Object example) {
    }

    /**
     * One operation. {@code responses}: status → resolved response object; {@code responseContent}: status → media type
     * → media type object with its schema's refs as written (for the JSON Schema document with {@code $defs}).
     */
    public record Operation(String method, String path, String function, String operationId, List<Parameter> parameters,
                            Body body, Map<String, Map<String, Object>> responses,
                            Map<String, Map<String, Object>> responseContent, boolean secured) {

        public boolean declares(int status) {
            return responses.containsKey(String.valueOf(status));
        }

        @Override
        public String toString() {
            return operationId + " (" + method + " " + path + ")";
        }
    }
}
