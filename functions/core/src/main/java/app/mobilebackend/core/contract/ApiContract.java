package app.mobilebackend.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import io.micronaut.web.router.Router;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The spec ({@code META-INF/api/openapi.json}, written by the build from {@code api-spec/openapi.yaml}) as the rule at
 * the edge: for each operation, its parameters' and body's schemas, checked with JSON Schema's own semantics (OpenAPI
 * 3.0 dialect: no type coercion, lengths in code points, {@code nullable}, formats asserted). A function checks only its
 * own operations; their rules are built at start, in the init phase.
 */
@Singleton
public final class ApiContract {

    static final String SPEC_RESOURCE = "META-INF/api/openapi.json";
    private static final String SPEC_IRI = "urn:mobile-backend:openapi.json";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Optional<OperationContract>> operations = new ConcurrentHashMap<>();
    private final AtomicInteger inlineSchemas = new AtomicInteger();
    private volatile Spec spec;

    /** The spec's document, and its schemas as a registry that resolves references into it. */
    private record Spec(JsonNode document, SchemaRegistry schemas) {
    }

    /**
     * The rules of this function's routes are built now, in the init phase. A function without routes (a Cognito
     * trigger, the outbox relay) reads no spec at all.
     */
    ApiContract(Router router) {
        router.uriRoutes().forEach(route -> operation(route.getHttpMethodName(), route.getUriMatchTemplate().toString()));
    }

    /** The rules of the operation at this method and spec path ({@code /todos/{todoId}}); empty for one the spec lacks. */
    public Optional<OperationContract> operation(String method, String pathTemplate) {
        return operations.computeIfAbsent(method.toUpperCase(Locale.ROOT) + " " + pathTemplate,
            key -> Optional.ofNullable(build(method.toLowerCase(Locale.ROOT), pathTemplate)));
    }

    private OperationContract build(String method, String pathTemplate) {
        JsonNode path = spec().document().path("paths").path(pathTemplate);
        JsonNode operation = path.path(method);
        if (!operation.isObject()) {
            return null;
        }
        // Path-level parameters first; an operation's own parameter of the same name and place replaces one.
        Map<String, ParameterRule> parameters = new LinkedHashMap<>();
        for (JsonNode list : List.of(path.path("parameters"), operation.path("parameters"))) {
            for (JsonNode declared : list) {
                JsonNode parameter = resolve(declared);
                String in = parameter.path("in").asText();
                String name = parameter.path("name").asText();
                parameters.put(in + ":" + name.toLowerCase(Locale.ROOT), new ParameterRule(name, ParameterRule.Location.of(in),
                    parameter.path("required").asBoolean(false), parameter.path("schema").path("type").asText("string"),
                    schemaOf(parameter.path("schema"))));
            }
        }
        OperationContract.Body body = null;
        JsonNode requestBody = resolve(operation.path("requestBody"));
        JsonNode jsonContent = requestBody.path("content").path("application/json");
        if (jsonContent.isObject()) {
            body = new OperationContract.Body(requestBody.path("required").asBoolean(false), schemaOf(jsonContent.path("schema")));
        }
        return new OperationContract(method.toUpperCase(Locale.ROOT) + " " + pathTemplate, List.copyOf(parameters.values()), body);
    }

    /** A {@code $ref} within the spec ({@code #/components/parameters/Limit}) followed to what it names. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() && ref.asText().startsWith("#") ? resolve(spec().document().at(ref.asText().substring(1))) : node;
    }

    /**
     * A schema of the spec as a validator. Inline schemas are copied out with their references made absolute, so
     * that they resolve into the spec document the registry holds.
     */
    private Schema schemaOf(JsonNode schema) {
        if (schema.isMissingNode()) {
            return null;
        }
        JsonNode copy = schema.deepCopy();
        absolutize(copy);
        return spec().schemas().getSchema(SchemaLocation.of("urn:mobile-backend:schema:" + inlineSchemas.incrementAndGet()), copy);
    }

    private static void absolutize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                object.put("$ref", SPEC_IRI + ref.asText());
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                absolutize(children.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ApiContract::absolutize);
        }
    }

    private Spec spec() {
        Spec loaded = spec;
        if (loaded == null) {
            synchronized (this) {
                if (spec == null) {
                    spec = load();
                }
                loaded = spec;
            }
        }
        return loaded;
    }

    private Spec load() {
        String text = readSpec();
        JsonNode document;
        try {
            document = json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("The spec in the jar is not JSON: " + SPEC_RESOURCE, e);
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ROOT)
            .build();
        return new Spec(document, SchemaRegistry.withDialect(Dialects.getOpenApi30(),
            builder -> builder.schemaRegistryConfig(config).schemas(Map.of(SPEC_IRI, text))));
    }

    private static String readSpec() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The spec is missing from the jar: " + SPEC_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests: whether the spec has been read. */
    boolean specRead() {
        return spec != null;
    }

    /** For tests: every operation the spec declares, as method and path. */
    List<String> declaredOperations() {
        List<String> all = new ArrayList<>();
        spec().document().path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (!operation.getKey().equals("parameters")) {
                all.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return all;
    }
}
