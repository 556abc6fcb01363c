package app.mobilebackend.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates an answer's body against the schema the spec declares for its status and media type. OpenAPI 3.0 schemas
 * become JSON Schema 2020-12: {@code nullable: true} becomes a type array with "null", {@code #/components/schemas/X}
 * becomes {@code #/$defs/X}, examples and extensions go; formats ({@code date-time}) are asserted.
 */
public final class AnswerSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> defs;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> cache = new ConcurrentHashMap<>();

    public AnswerSchemas(ApiSpec spec) {
        Map<String, Object> converted = new LinkedHashMap<>();
        spec.componentSchemas().forEach((name, schema) -> converted.put(name, toJsonSchema(schema)));
        this.defs = converted;
    }

    /** The violations of the body against the schema (empty when it validates). */
    public List<String> violations(String key, Map<String, Object> openApiSchema, JsonNode body) {
        Schema schema = cache.computeIfAbsent(key, k -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> root = new LinkedHashMap<>((Map<String, Object>) toJsonSchema(openApiSchema));
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$defs", defs);
            return registry.getSchema(JSON.valueToTree(root));
        });
        List<String> violations = new ArrayList<>();
        for (Error error : schema.validate(body, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))) {
            violations.add(error.toString());
        }
        return violations;
    }

    @SuppressWarnings("unchecked")
    static Object toJsonSchema(Object node) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                switch (key) {
                    case "$ref" -> out.put(key, ((String) value).replace("#/components/schemas/", "#/$defs/"));
                    case "example", "nullable", "discriminator", "xml", "externalDocs" -> { }
                    case "properties" -> {
                        Map<String, Object> properties = new LinkedHashMap<>();
                        ((Map<String, Object>) value).forEach((name, schema) -> properties.put(name, toJsonSchema(schema)));
                        out.put(key, properties);
                    }
                    default -> {
                        if (!key.startsWith("x-")) {
                            out.put(key, toJsonSchema(value));
                        }
                    }
                }
            });
            if (Boolean.TRUE.equals(map.get("nullable"))) {
                if (out.get("type") instanceof String type) {
                    out.put("type", List.of(type, "null"));
                }
                if (out.get("enum") instanceof List<?> values && !values.contains(null)) {
                    List<Object> withNull = new ArrayList<>(values);
                    withNull.add(null);
                    out.put("enum", withNull);
                }
                if (out.containsKey("$ref")) {
                    Map<String, Object> ref = Map.of("$ref", out.remove("$ref"));
                    out.put("anyOf", List.of(ref, Map.of("type", "null")));
                }
            }
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(AnswerSchemas::toJsonSchema).toList();
        }
        return node;
    }
}
