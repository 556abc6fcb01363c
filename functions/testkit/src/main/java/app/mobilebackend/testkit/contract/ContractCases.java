package app.mobilebackend.testkit.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.engine.SourceOfRandomness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The requests the contract suite sends one operation, generated from its parameters and body schema with jqwik's
 * arbitraries, each from its own seed (so that one case reproduces alone): valid requests, invalid ones (a valid one
 * changed in exactly one way), and odd but possible events.
 */
public final class ContractCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiSpec.Operation operation;
    private final String token;
    private final List<Mutation> mutations;

    public ContractCases(ApiSpec.Operation operation, String token) {
        this.operation = operation;
        this.token = token;
        this.mutations = mutations();
    }

    /** What the answer to a case must be. */
    public enum Expect {
        /** a declared status, not 400/401/413/415, a body valid against the declared schema */
        VALID,
        /** 400 (or one of {@code alsoAllowed}) as a problem naming {@code field} when there is one; nothing stored */
        INVALID,
        /** a schema-valid but odd parameter value: 400 naming it, or 404; nothing stored */
        ODD_PARAMETER,
        /** an odd event: no exception, a proper HTTP answer (see {@link OddEvent}) */
        ODD_EVENT
    }

    /** One generated request and what its answer must be. */
    public record Case(String name, long seed, Expect expect, String field, Set<Integer> alsoAllowed, HttpRequest request,
                       OddEvent odd) {
    }

    /** The kinds of invalid requests this operation gets, in order; case i of the run uses {@code i % count}. */
    public int mutationCount() {
        return mutations.size();
    }

    /** The valid request drawn from this seed. */
    public Case valid(String name, long seed) {
        SourceOfRandomness.create(String.valueOf(seed));
        return new Case(name, seed, Expect.VALID, null, Set.of(), validRequest(), null);
    }

    /** The index-th invalid request: a valid request drawn from the seed, changed by one mutation. */
    public Case invalid(String name, long seed, int index) {
        SourceOfRandomness.create(String.valueOf(seed));
        Mutation mutation = mutations.get(index % mutations.size());
        HttpRequest base = validRequest();
        if (operation.body() != null && operation.body().example() != null && index % 2 == 0) {
            // every other case changes the spec's own example, the request the operation documents as succeeding
            // (an order of products the catalog has), so that nothing but the change can be wrong with it
            base = base.withBody(json(operation.body().example()), false);
        }
        HttpRequest request = mutation.apply().apply(base);
        return new Case(name + " " + mutation.label(), seed, mutation.expect(), mutation.field(), mutation.alsoAllowed(), request, null);
    }

    /** An odd event built from a valid request drawn from the seed. */
    public Case odd(String name, long seed, OddEvent odd) {
        SourceOfRandomness.create(String.valueOf(seed));
        return new Case(name + " " + odd.label(), seed, Expect.ODD_EVENT, null, Set.of(), validRequest(), odd);
    }

    // ---- valid requests ----

    private HttpRequest validRequest() {
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (operation.secured()) {
            headers.put("Authorization", List.of("Bearer " + token));
        }
        for (ApiSpec.Parameter parameter : operation.parameters()) {
            boolean present = parameter.required() || Arbitraries.of(true, false).sample();
            if (!present) {
                continue;
            }
            String value = parameterValue(parameter);
            switch (parameter.in()) {
                case "path" -> path.put(parameter.name(), value);
                case "header" -> headers.put(parameter.name(), List.of(value));
                case "query" -> query.put(parameter.name(), List.of(value));
                default -> { }
            }
        }
        String body = null;
        if (operation.body() != null) {
            headers.put("Content-Type", List.of(Arbitraries.of(operation.body().mediaType(), operation.body().mediaType() + "; charset=UTF-8",
                operation.body().mediaType() + ";charset=utf-8").sample()));
            body = json(SchemaValues.of(operation.body().schema()).sample());
        }
        return new HttpRequest(operation.method(), operation.path(), path, headers, query, body, false);
    }

    private static String parameterValue(ApiSpec.Parameter parameter) {
        Map<String, Object> schema = parameter.schema();
        boolean opaque = "string".equals(schema.get("type")) && !schema.containsKey("enum") && !schema.containsKey("format")
            && !schema.containsKey("pattern");
        Object example = parameter.example() != null ? parameter.example() : schema.get("example");
        return switch (parameter.in()) {
            case "path" -> String.valueOf(SchemaValues.of(withMinLength(schema), SchemaValues.Alphabet.ID).sample());
            case "header" -> {
                Arbitrary<String> free = SchemaValues.strings(withMinLength(schema), SchemaValues.Alphabet.HEADER);
                // a required header (an idempotency key) is fresh each time, so that no two cases share one
                yield example == null || parameter.required() ? free.sample() : Arbitraries.oneOf(Arbitraries.just(String.valueOf(example)), free).sample();
            }
            default -> {
                // an opaque query string (a cursor) is only meaningful as the server made it: its example stands for one
                if (opaque && parameter.example() != null) {
                    yield String.valueOf(parameter.example());
                }
                Object value = SchemaValues.of(schema).sample();
                yield String.valueOf(value);
            }
        };
    }

    private static Map<String, Object> withMinLength(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        copy.putIfAbsent("minLength", 1);
        return copy;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- invalid requests ----

    /** One way to make a valid request invalid. */
    private record Mutation(String label, Expect expect, String field, Set<Integer> alsoAllowed, UnaryOperator<HttpRequest> apply) {
    }

    private List<Mutation> mutations() {
        List<Mutation> all = new ArrayList<>();
        for (ApiSpec.Parameter parameter : operation.parameters()) {
            parameterMutations(parameter, all);
        }
        if (operation.body() != null) {
            bodyMutations(all);
            fieldMutations(operation.body().schema(), "", all);
        }
        return all;
    }

    private void parameterMutations(ApiSpec.Parameter p, List<Mutation> all) {
        Map<String, Object> schema = p.schema();
        String name = p.name();
        UnaryOperator<String> label = what -> p.in() + " " + name + " " + what;
        java.util.function.BiFunction<HttpRequest, String, HttpRequest> set = switch (p.in()) {
            case "query" -> (r, v) -> r.withQuery(name, v);
            case "header" -> (r, v) -> r.withHeader(name, v);
            default -> (r, v) -> r.withPathParameter(name, v);
        };
        Expect expect = p.in().equals("path") ? Expect.ODD_PARAMETER : Expect.INVALID;
        if (p.required() && !p.in().equals("path")) {
            all.add(new Mutation(label.apply("missing"), Expect.INVALID, name, Set.of(), r -> set.apply(r, null)));
        }
        String type = String.valueOf(schema.get("type"));
        if (type.equals("integer") || type.equals("number")) {
            all.add(new Mutation(label.apply("=abc"), expect, name, Set.of(), r -> set.apply(r, "abc")));
            if (type.equals("integer")) {
                all.add(new Mutation(label.apply("=1.5"), expect, name, Set.of(), r -> set.apply(r, "1.5")));
            }
            if (schema.get("minimum") instanceof Number min) {
                all.add(new Mutation(label.apply("=" + (min.longValue() - 1)), expect, name, Set.of(), r -> set.apply(r, String.valueOf(min.longValue() - 1))));
            }
            if (schema.get("maximum") instanceof Number max) {
                all.add(new Mutation(label.apply("=" + (max.longValue() + 1)), expect, name, Set.of(), r -> set.apply(r, String.valueOf(max.longValue() + 1))));
            }
        } else if (type.equals("boolean")) {
            all.add(new Mutation(label.apply("=maybe"), expect, name, Set.of(), r -> set.apply(r, "maybe")));
        } else {
            if (schema.get("enum") instanceof List<?>) {
                all.add(new Mutation(label.apply("unknown enum value"), expect, name, Set.of(), r -> set.apply(r, "NOT_A_DECLARED_VALUE")));
            }
            if (schema.get("maxLength") instanceof Number max) {
                String tooLong = "x".repeat(max.intValue() + 1);
                all.add(new Mutation(label.apply("of " + (max.intValue() + 1) + " characters"), expect, name, Set.of(), r -> set.apply(r, tooLong)));
            }
            if (schema.get("minLength") instanceof Number min && min.intValue() > 0 && !p.in().equals("path")) {
                String tooShort = "x".repeat(min.intValue() - 1);
                all.add(new Mutation(label.apply("of " + (min.intValue() - 1) + " characters"), expect, name, Set.of(), r -> set.apply(r, tooShort)));
            }
        }
        if (p.in().equals("path")) {
            for (String odd : List.of("a/b", "a%2Fb", "..", "a b", "a?b=c", "a#b", "a\u0000b", "a\nb", "\u007f", "é🎉", "a;b", "%", "a\\b")) {
                all.add(new Mutation(label.apply("with reserved or control characters: " + HttpRequest.escape(odd)), Expect.ODD_PARAMETER, name,
                    Set.of(), r -> set.apply(r, odd)));
            }
        }
    }

    private void bodyMutations(List<Mutation> all) {
        String media = operation.body().mediaType();
        all.add(new Mutation("body malformed JSON", Expect.INVALID, null, Set.of(),
            r -> r.withBody(r.body().substring(0, r.body().length() / 2), false)));
        all.add(new Mutation("body with trailing data after the JSON value", Expect.INVALID, null, Set.of(),
            r -> r.withBody(r.body() + " {\"trailing\": true}", false)));
        all.add(new Mutation("body with a trailing token after the JSON value", Expect.INVALID, null, Set.of(),
            r -> r.withBody(r.body() + "x", false)));
        all.add(new Mutation("body of Content-Type text/plain", Expect.INVALID, null, Set.of(415),
            r -> r.withHeader("Content-Type", "text/plain")));
        all.add(new Mutation("body without Content-Type", Expect.INVALID, null, Set.of(415),
            r -> r.withHeader("Content-Type", null)));
        all.add(new Mutation("body of " + media + "; charset=US-ASCII with non-ASCII characters", Expect.INVALID, null, Set.of(415),
            r -> r.withHeader("Content-Type", media + "; charset=US-ASCII").withBody(withNonAscii(r.body()), false)));
        all.add(new Mutation("body invalid base64 with isBase64Encoded", Expect.INVALID, null, Set.of(),
            r -> r.withBody("%%% not base64 " + r.body(), true)));
        if (operation.body().required()) {
            all.add(new Mutation("body missing", Expect.INVALID, null, Set.of(), r -> r.withBody(null, false)));
            all.add(new Mutation("body empty", Expect.INVALID, null, Set.of(), r -> r.withBody("", false)));
        }
        for (String notObject : List.of("[]", "\"text\"", "42", "null", "true")) {
            all.add(new Mutation("body is " + notObject + " instead of an object", Expect.INVALID, null, Set.of(),
                r -> r.withBody(notObject, false)));
        }
    }

    /** The body with one string value replaced by non-ASCII text (or a non-ASCII property added to a free map). */
    @SuppressWarnings("unchecked")
    private String withNonAscii(String body) {
        try {
            Object value = JSON.readValue(body, Object.class);
            if (!replaceFirstString(value)) {
                if (value instanceof Map<?, ?> map) {
                    ((Map<String, Object>) map).put("grüße", "Grüße 🎉");
                }
            }
            return json(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean replaceFirstString(Object node) {
        if (node instanceof Map<?, ?> map) {
            for (var entry : ((Map<String, Object>) map).entrySet()) {
                if (entry.getValue() instanceof String s && !s.contains("/") && !s.matches("\\d{4}-.*")) {
                    entry.setValue("Grüße 🎉");
                    return true;
                }
                if (replaceFirstString(entry.getValue())) {
                    return true;
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                if (replaceFirstString(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private void fieldMutations(Map<String, Object> schema, String prefix, List<Mutation> all) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<String> required = (List<String>) schema.getOrDefault("required", List.of());
        for (var entry : properties.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> property = (Map<String, Object>) entry.getValue();
            if (Boolean.TRUE.equals(property.get("readOnly"))) {
                continue;
            }
            String field = prefix.isEmpty() ? name : prefix + "." + name;
            List<Object> path = segments(field);
            if (required.contains(name)) {
                all.add(fieldMutation(field + " missing", field, path, REMOVE));
            }
            String type = String.valueOf(property.getOrDefault("type", property.containsKey("properties") ? "object" : "string"));
            all.add(fieldMutation(field + " of the wrong JSON type", field, path, switch (type) {
                case "string" -> 12345;
                case "integer", "number" -> "12";
                case "boolean" -> "true";
                case "array" -> Map.of("item", 1);
                default -> List.of("item");
            }));
            if (!Boolean.TRUE.equals(property.get("nullable"))) {
                all.add(fieldMutation(field + " null", field, path, null));
            }
            if (property.get("enum") instanceof List<?>) {
                all.add(fieldMutation(field + " unknown enum value", field, path, "NOT_A_DECLARED_VALUE"));
            }
            if (type.equals("string")) {
                int min = ((Number) property.getOrDefault("minLength", 0)).intValue();
                if (property.get("maxLength") instanceof Number max) {
                    // max+1 code points, each outside the BMP: the length JSON Schema counts
                    all.add(fieldMutation(field + " of " + (max.intValue() + 1) + " code points", field, path, "🎉".repeat(max.intValue() + 1)));
                }
                if (min > 0) {
                    all.add(fieldMutation(field + " of " + (min - 1) + " characters", field, path, "a".repeat(min - 1)));
                }
                if (property.get("pattern") instanceof String pattern) {
                    int max = property.get("maxLength") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
                    Pattern regex = Pattern.compile(pattern);
                    List.of("no-slash-here", "a b/c d", "/", "abc", "ab/", "x".repeat(Math.max(min, 1))).stream()
                        .filter(s -> !regex.matcher(s).find() && s.length() >= min && s.length() <= max).findFirst()
                        .ifPresent(s -> all.add(fieldMutation(field + " not matching " + pattern + ": " + s, field, path, s)));
                }
                if ("date-time".equals(property.get("format"))) {
                    all.add(fieldMutation(field + " not a date-time", field, path, "tomorrow"));
                    all.add(fieldMutation(field + " a date without a time", field, path, "2026-12-01"));
                }
            }
            if (type.equals("integer") || type.equals("number")) {
                if (property.get("minimum") instanceof Number min) {
                    all.add(fieldMutation(field + " = " + (min.longValue() - 1), field, path, min.longValue() - 1));
                }
                if (property.get("maximum") instanceof Number max) {
                    all.add(fieldMutation(field + " = " + (max.longValue() + 1), field, path, max.longValue() + 1));
                }
                if (type.equals("integer")) {
                    all.add(fieldMutation(field + " = 1.5", field, path, 1.5));
                    if ("int32".equals(property.get("format"))) {
                        all.add(fieldMutation(field + " = 2^31 (beyond int32)", field, path, 2_147_483_648L));
                    }
                }
            }
            if (type.equals("array")) {
                Map<String, Object> items = (Map<String, Object>) property.getOrDefault("items", Map.of());
                if (property.get("minItems") instanceof Number min && min.intValue() > 0) {
                    all.add(fieldMutation(field + " with " + (min.intValue() - 1) + " items", field, path, new ArrayList<>()));
                }
                if (property.get("maxItems") instanceof Number max) {
                    all.add(new Mutation(field + " with " + (max.intValue() + 1) + " items", Expect.INVALID, field, Set.of(413),
                        r -> r.withBody(json(set(read(r.body()), path, new ArrayList<>(
                            SchemaValues.of(items).list().ofSize(max.intValue() + 1).sample()))), false)));
                }
                fieldMutations(items, field + "[0]", all);
            }
            if (type.equals("object")) {
                fieldMutations(property, field, all);
            }
        }
    }

    private static final Object REMOVE = new Object();

    private Mutation fieldMutation(String label, String field, List<Object> path, Object value) {
        return new Mutation("body " + label, Expect.INVALID, field, Set.of(),
            r -> r.withBody(json(set(read(r.body()), path, value)), false));
    }

    /** {@code lines[0].quantity} → ["lines", 0, "quantity"]. */
    private static List<Object> segments(String field) {
        List<Object> out = new ArrayList<>();
        for (String part : field.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                out.add(part);
            } else {
                out.add(part.substring(0, bracket));
                out.add(Integer.parseInt(part.substring(bracket + 1, part.indexOf(']'))));
            }
        }
        return out;
    }

    private Object read(String body) {
        try {
            return JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets (or removes) the value at the path, making the objects and first array items on the way. */
    @SuppressWarnings("unchecked")
    private Object set(Object root, List<Object> path, Object value) {
        Object node = root;
        Map<String, Object> schema = operation.body().schema();
        for (int i = 0; i < path.size() - 1; i++) {
            Object key = path.get(i);
            schema = childSchema(schema, key);
            Object next = key instanceof Integer index ? ((List<Object>) node).size() > index ? ((List<Object>) node).get(index) : null
                : ((Map<String, Object>) node).get((String) key);
            if (next == null) {
                next = SchemaValues.of(schema).filter(v -> v != null).sample();
                if (key instanceof Integer) {
                    ((List<Object>) node).add(next);
                } else {
                    ((Map<String, Object>) node).put((String) key, next);
                }
            }
            node = next;
        }
        Object last = path.get(path.size() - 1);
        if (value == REMOVE) {
            ((Map<String, Object>) node).remove((String) last);
        } else {
            ((Map<String, Object>) node).put((String) last, value);
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> childSchema(Map<String, Object> schema, Object key) {
        if (key instanceof Integer) {
            return (Map<String, Object>) schema.get("items");
        }
        return (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get((String) key);
    }

    // ---- odd events ----

    /** An odd but possible event, made from a valid request's event. */
    public enum OddEvent {
        NO_REQUEST_CONTEXT("without requestContext", true),
        NULL_MULTI_VALUE_HEADERS("with multiValueHeaders null (headers only)", true),
        NULL_HEADERS("with headers null (multiValueHeaders only)", true),
        ONLY_MULTI_VALUE_QUERY("with only multiValueQueryStringParameters", true),
        LOWER_CASE_HEADERS("with lower-case header names", true),
        STAGE_PREFIX("with the stage in requestContext.path (/prod/...)", true),
        BASE_PATH_MAPPING("through a base path mapping (path /v1/..., resource without it)", true),
        NO_HEADERS_AT_ALL("with headers and multiValueHeaders both null", false),
        NULL_QUERY_MAPS("with both query maps null", true),
        NO_HTTP_METHOD("without httpMethod (unusable)", false),
        NO_PATH("without path (unusable)", false);

        private final String label;
        /** whether the event still says everything the request says: then the answer is as for the valid request */
        private final boolean usable;

        OddEvent(String label, boolean usable) {
            this.label = label;
            this.usable = usable;
        }

        public String label() {
            return label;
        }

        public boolean usable() {
            return usable;
        }
    }
}
