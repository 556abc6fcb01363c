package app.mobilebackend.testkit.contract;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Values valid for an OpenAPI schema (refs resolved), as jqwik arbitraries of plain Java values (maps, lists,
 * strings, numbers, booleans, null): every type, bound, pattern, enum and required set; optional properties absent and
 * present; lengths counted in code points, as JSON Schema counts them, with Unicode up to the astral plane.
 */
public final class SchemaValues {

    /** Stands for a property left out of an object. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };

    /** Code points of valid free text: no controls, and none of {@code / \ .} that some fields refuse by description. */
    private static final Arbitrary<Integer> TEXT = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(codePoints("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))),
        Tuple.of(1, Arbitraries.of(codePoints(" -_,:;!?'()&+=@#"))),
        Tuple.of(2, Arbitraries.integers().between(0x00C0, 0x00FF).filter(c -> c != 0xD7 && c != 0xF7)),
        Tuple.of(1, Arbitraries.integers().between(0x0410, 0x044F)),
        Tuple.of(2, Arbitraries.integers().between(0x4E00, 0x9FA5)),
        Tuple.of(2, Arbitraries.integers().between(0x1F600, 0x1F64F)),
        Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1F5FF)));

    /** Printable ASCII without controls: what a header value may carry. */
    private static final Arbitrary<Integer> HEADER_TEXT = Arbitraries.integers().between(0x21, 0x7E);

    private static final Arbitrary<Integer> ID_TEXT = Arbitraries.of(codePoints("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"));

    /** The text free strings are made of. */
    public enum Alphabet { TEXT, HEADER, ID }

    private SchemaValues() {
    }

    public static Arbitrary<Object> of(Map<String, Object> schema) {
        return of(schema, Alphabet.TEXT);
    }

    @SuppressWarnings("unchecked")
    public static Arbitrary<Object> of(Map<String, Object> schema, Alphabet alphabet) {
        Arbitrary<Object> values = ofType(schema, alphabet);
        if (Boolean.TRUE.equals(schema.get("nullable"))) {
            values = values.injectNull(0.15);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> ofType(Map<String, Object> schema, Alphabet alphabet) {
        if (schema.get("enum") instanceof List<?> values) {
            return Arbitraries.of((List<Object>) values);
        }
        String type = (String) schema.getOrDefault("type", schema.containsKey("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> objects(schema);
            case "array" -> arrays(schema);
            case "integer" -> integers(schema).map(v -> v);
            case "number" -> Arbitraries.doubles().between(number(schema, "minimum", -1e9), number(schema, "maximum", 1e9)).map(v -> v);
            case "boolean" -> Arbitraries.of(true, false).map(v -> v);
            default -> strings(schema, alphabet).map(v -> v);
        };
    }

    public static Arbitrary<Long> integers(Map<String, Object> schema) {
        boolean int32 = "int32".equals(schema.get("format"));
        long min = (long) number(schema, "minimum", int32 ? Integer.MIN_VALUE : -(1L << 53));
        long max = (long) number(schema, "maximum", int32 ? Integer.MAX_VALUE : (1L << 53));
        return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.longs().between(min, max)),
            Tuple.of(1, Arbitraries.just(min)),
            Tuple.of(1, Arbitraries.just(max)));
    }

    public static Arbitrary<String> strings(Map<String, Object> schema, Alphabet alphabet) {
        if ("date-time".equals(schema.get("format"))) {
            return Arbitraries.longs().between(0, 4_102_444_799L).flatMap(seconds -> Arbitraries.of(
                DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds)),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.ofHours(2))),
                DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds, 123_000_000))));
        }
        int min = ((Number) schema.getOrDefault("minLength", 0)).intValue();
        int max = schema.get("maxLength") instanceof Number n ? n.intValue() : Math.max(min, 40);
        if (schema.get("pattern") instanceof String pattern) {
            Pattern regex = Pattern.compile(pattern);
            Arbitrary<String> matching = PatternStrings.matching(pattern).orElseGet(() -> examples(schema));
            return matching.filter(s -> regex.matcher(s).find() && lengthOk(s, min, max));
        }
        Arbitrary<Integer> points = switch (alphabet) {
            case TEXT -> TEXT;
            case HEADER -> HEADER_TEXT;
            case ID -> ID_TEXT;
        };
        int first = Math.max(min, 1);
        int shortMax = Math.min(max, first + 30);
        Arbitrary<String> general = Arbitraries.integers().between(first, Math.max(first, shortMax))
            .flatMap(n -> points.list().ofSize(n)).map(SchemaValues::fromCodePoints)
            .filter(s -> alphabet != Alphabet.TEXT || !Character.isWhitespace(s.codePointAt(0)));
        List<Tuple.Tuple2<Integer, Arbitrary<String>>> choices = new ArrayList<>();
        choices.add(Tuple.of(8, general));
        if (max >= 1) {
            // the longest string allowed, in astral-plane characters when it is free text (two UTF-16 units each)
            Arbitrary<Integer> longest = alphabet == Alphabet.TEXT ? Arbitraries.integers().between(0x1F600, 0x1F64F) : points;
            choices.add(Tuple.of(1, longest.list().ofSize(max).map(SchemaValues::fromCodePoints)));
            choices.add(Tuple.of(1, points.filter(c -> !Character.isWhitespace(c)).list().ofSize(Math.max(min, 1)).map(SchemaValues::fromCodePoints)));
        }
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<String> examples(Map<String, Object> schema) {
        Object example = schema.get("example");
        if (example == null) {
            throw new IllegalArgumentException("no generator for pattern " + schema.get("pattern") + " and no example");
        }
        return Arbitraries.just(String.valueOf(example));
    }

    private static boolean lengthOk(String s, int min, int max) {
        int n = s.codePointCount(0, s.length());
        return n >= min && n <= max;
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> objects(Map<String, Object> schema) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<String> required = (List<String>) schema.getOrDefault("required", List.of());
        List<String> names = new ArrayList<>(properties.keySet());
        List<Arbitrary<Object>> parts = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> property = (Map<String, Object>) properties.get(name);
            if (Boolean.TRUE.equals(property.get("readOnly"))) {
                parts.add(Arbitraries.just(ABSENT));
                continue;
            }
            Arbitrary<Object> value = of(property);
            parts.add(required.contains(name) ? value : Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(ABSENT)), Tuple.of(2, value)));
        }
        Arbitrary<Map<String, Object>> extra = Arbitraries.just(Map.of());
        if (properties.isEmpty() && schema.get("additionalProperties") != null && !Boolean.FALSE.equals(schema.get("additionalProperties"))) {
            Arbitrary<Object> value = schema.get("additionalProperties") instanceof Map<?, ?> valueSchema
                ? of((Map<String, Object>) valueSchema)
                : Arbitraries.oneOf(strings(Map.of("maxLength", 40), Alphabet.TEXT).map(v -> (Object) v),
                    Arbitraries.integers().between(-1_000_000, 1_000_000).map(v -> (Object) v), Arbitraries.of(true, false).map(v -> (Object) v));
            Arbitrary<String> keys = strings(Map.of("minLength", 1, "maxLength", 24), Alphabet.TEXT);
            extra = Arbitraries.maps(keys, value).ofMaxSize(6);
        }
        if (parts.isEmpty()) {
            return extra.map(map -> new LinkedHashMap<String, Object>(map));
        }
        Arbitrary<List<Object>> combined = Combinators.combine(parts).as(list -> list);
        return Combinators.combine(combined, extra).as((values, more) -> {
            Map<String, Object> object = new LinkedHashMap<>(more);
            for (int i = 0; i < names.size(); i++) {
                if (values.get(i) != ABSENT) {
                    object.put(names.get(i), values.get(i));
                }
            }
            return object;
        });
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> arrays(Map<String, Object> schema) {
        Map<String, Object> items = (Map<String, Object>) schema.getOrDefault("items", Map.of());
        int min = ((Number) schema.getOrDefault("minItems", 0)).intValue();
        int max = schema.get("maxItems") instanceof Number n ? n.intValue() : min + 5;
        Arbitrary<Object> item = of(items);
        return Arbitraries.frequencyOf(
            Tuple.of(6, item.list().ofMinSize(min).ofMaxSize(Math.min(max, min + 4))),
            Tuple.of(1, item.list().ofSize(max))).map(list -> new ArrayList<>(list));
    }

    static double number(Map<String, Object> schema, String key, double fallback) {
        return schema.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    static String fromCodePoints(List<Integer> points) {
        StringBuilder text = new StringBuilder();
        points.forEach(text::appendCodePoint);
        return text.toString();
    }

    private static List<Integer> codePoints(String chars) {
        return chars.codePoints().boxed().toList();
    }
}
