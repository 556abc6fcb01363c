package app.mobilebackend.sdk.android;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An app already shipped must read what a newer server answers: a minor version may add fields to any response,
 * and RFC 9457 lets a problem carry extension members. Every response example of the spec, with a field this SDK has
 * never heard of added to each of its objects, is read as the SDK reads an answer (its Gson, its models' checks).
 */
class ForwardCompatibilityTest {

    private static final String MODELS = "app.mobilebackend.sdk.android.model.";
    /** An enum value the SDK was generated without, and what it reads it as (enumUnknownDefaultCase). */
    private static final String NEWER_VALUE = "VALUE_OF_A_NEWER_SERVER";
    private static final String UNKNOWN_VALUE = "unknown_default_open_api";

    @TestFactory
    List<DynamicTest> readsEveryResponseWithFieldsANewerServerAdds() throws IOException {
        Map<String, Object> spec = spec();
        List<DynamicTest> tests = new ArrayList<>();
        for (ResponseExample example : responseExamples(spec)) {
            JsonElement newer = withUnknownFields(spec, JSON.getGson().toJsonTree(plain(example.example())), example.schema());
            tests.add(DynamicTest.dynamicTest(example.name(), () -> {
                Class<?> type = Class.forName(MODELS + example.model());
                Object read = assertDoesNotThrow(() -> JSON.getGson().fromJson(newer, type), newer.toString());
                // what the SDK knows is still read: the known fields come back as they were sent
                JsonObject again = JSON.getGson().toJsonTree(read).getAsJsonObject();
                JsonObject sent = newer.getAsJsonObject();
                for (String field : again.keySet()) {
                    if (!field.equals("fieldOfANewerServer") && sent.has(field) && sent.get(field).isJsonPrimitive()) {
                        assertEquals(sent.get(field), again.get(field), field);
                    }
                }
            }));
        }
        assertTrue(tests.size() >= 20, "the spec's response examples: " + tests.size());
        return tests;
    }

    /**
     * A minor version may add an enum value to a response (the breaking-change gate calls it compatible): every enum
     * value of every response example, replaced by one this SDK has never heard of, reads as
     * {@code UNKNOWN_DEFAULT_OPEN_API} (the SDK is generated with {@code enumUnknownDefaultCase}), not as an error
     * and never as one of the values it knows.
     */
    @TestFactory
    List<DynamicTest> readsEveryResponseWithEnumValuesANewerServerAdds() throws IOException {
        Map<String, Object> spec = spec();
        List<DynamicTest> tests = new ArrayList<>();
        for (ResponseExample example : responseExamples(spec)) {
            List<String> replaced = new ArrayList<>();
            JsonElement newer = withNewEnumValues(spec, JSON.getGson().toJsonTree(plain(example.example())), example.schema(), "", replaced);
            if (replaced.isEmpty()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(example.name() + " " + replaced, () -> {
                Object read = assertDoesNotThrow(() -> JSON.getGson().fromJson(newer, Class.forName(MODELS + example.model())), newer.toString());
                String again = JSON.getGson().toJson(read);
                assertFalse(again.contains(NEWER_VALUE), again);
                assertEquals(replaced.size(), again.split(UNKNOWN_VALUE, -1).length - 1, again);
            }));
        }
        assertTrue(tests.size() >= 5, "response examples with an enum: " + tests.size());
        return tests;
    }

    /** Replaces each string whose schema is an enum by a value that enum does not have, noting where. */
    private static JsonElement withNewEnumValues(Map<String, Object> spec, JsonElement element, Map<String, Object> declared,
                                                 String at, List<String> replaced) {
        Map<String, Object> schema = resolve(spec, declared);
        if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            Map<String, Object> properties = map(schema.get("properties"));
            for (String key : new ArrayList<>(object.keySet())) {
                Map<String, Object> child = map(properties.containsKey(key) ? properties.get(key) : schema.get("additionalProperties"));
                JsonElement value = object.get(key);
                if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() && resolve(spec, child).containsKey("enum")) {
                    object.add(key, new JsonPrimitive(NEWER_VALUE));
                    replaced.add(at + key);
                } else {
                    withNewEnumValues(spec, value, child, at + key + ".", replaced);
                }
            }
        } else if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(item -> withNewEnumValues(spec, item, map(schema.get("items")), at + "[].", replaced));
        }
        return element;
    }

    /**
     * Every object of the document that its schema declares properties for gains a member the SDK was generated
     * without (a map, such as a health check's {@code checks}, only holds more entries of its own kind).
     */
    private static JsonElement withUnknownFields(Map<String, Object> spec, JsonElement element, Map<String, Object> declared) {
        Map<String, Object> schema = resolve(spec, declared);
        if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            Map<String, Object> properties = map(schema.get("properties"));
            for (String key : new ArrayList<>(object.keySet())) {
                Object child = properties.containsKey(key) ? properties.get(key) : schema.get("additionalProperties");
                withUnknownFields(spec, object.get(key), map(child));
            }
            if (!properties.isEmpty()) {
                JsonObject added = new JsonObject();
                added.add("since", new JsonPrimitive("1.2.0"));
                object.add("fieldOfANewerServer", added);
            }
        } else if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(item -> withUnknownFields(spec, item, map(schema.get("items"))));
        }
        return element;
    }

    /** A response of the spec that names its model and has an example: what a server of that version answers. */
    private record ResponseExample(String name, String model, Map<String, Object> schema, Object example) {
    }

    private static List<ResponseExample> responseExamples(Map<String, Object> spec) {
        List<ResponseExample> examples = new ArrayList<>();
        map(spec.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (method.equals("parameters")) {
                return;
            }
            map(map(operation).get("responses")).forEach((status, declared) ->
                map(resolve(spec, map(declared)).get("content")).forEach((mediaType, content) -> {
                    Map<String, Object> media = map(content);
                    Object ref = map(media.get("schema")).get("$ref");
                    if (ref != null && media.containsKey("example")) {
                        String model = ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
                        examples.add(new ResponseExample(method.toUpperCase() + " " + path + " " + status + " " + model,
                            model, map(media.get("schema")), media.get("example")));
                    }
                }));
        }));
        return examples;
    }

    /** YAML's own types as JSON's: an unquoted timestamp is the RFC 3339 text the server sends. */
    private static Object plain(Object yaml) {
        if (yaml instanceof Map<?, ?> map) {
            Map<String, Object> json = new LinkedHashMap<>();
            map.forEach((key, value) -> json.put(String.valueOf(key), plain(value)));
            return json;
        }
        if (yaml instanceof List<?> list) {
            return list.stream().map(ForwardCompatibilityTest::plain).toList();
        }
        return yaml instanceof Date date ? date.toInstant().toString() : yaml;
    }

    private static Map<String, Object> resolve(Map<String, Object> spec, Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        Map<String, Object> target = spec;
        for (String part : ref.toString().substring(2).split("/")) {
            target = map(target.get(part));
        }
        return target;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Map<String, Object> spec() throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("api.spec", "../api-spec/openapi.yaml")))) {
            return new Yaml().load(in);
        }
    }
}
