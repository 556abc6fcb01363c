package app.mobilebackend.core.contract;

import app.mobilebackend.api.model.FieldError;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Schema;
import io.micronaut.http.HttpRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The spec's rules for one operation: its parameters and its JSON body. {@link #check} lists every way a request
 * breaks them, each naming the field ({@code title}, {@code lines[0].quantity}) or the parameter ({@code limit}).
 */
public final class OperationContract {

    /**
     * Strict JSON: one value and nothing after it ({@link #check} reads on past the value), no field twice (which of
     * the two would count?). Numbers keep their exact value, so that {@code 1.0} is not an integer and a huge one is
     * not rounded into range.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    private static final String TRAILING_DATA = "The request body has more data after its JSON value.";

    /** A JSON request body: whether the operation needs one, and its schema. */
    record Body(boolean required, Schema schema) {
    }

    private final String name;
    private final List<ParameterRule> parameters;
    private final Body body;

    OperationContract(String name, List<ParameterRule> parameters, Body body) {
        this.name = name;
        this.parameters = parameters;
        this.body = body;
    }

    /** Whether the operation takes a JSON body. */
    public boolean takesJsonBody() {
        return body != null;
    }

    /** What the request breaks; empty when it keeps the contract. */
    public Violations check(HttpRequest<?> request, Map<String, Object> pathVariables, String bodyText) {
        List<FieldError> errors = new ArrayList<>();
        for (ParameterRule parameter : parameters) {
            List<String> values = switch (parameter.in()) {
                case PATH -> pathVariables.containsKey(parameter.name()) ? List.of(String.valueOf(pathVariables.get(parameter.name()))) : List.of();
                case QUERY -> request.getParameters().getAll(parameter.name());
                case HEADER -> request.getHeaders().getAll(parameter.name());
                case COOKIE -> List.of();
            };
            checkParameter(parameter, values, errors);
        }
        if (body == null) {
            return new Violations(null, errors);
        }
        if (bodyText == null || bodyText.isBlank()) {
            if (body.required()) {
                errors.add(new FieldError("body", "is required: send a JSON document"));
            }
            return new Violations(null, errors);
        }
        JsonNode document;
        try (JsonParser parser = JSON.createParser(bodyText)) {
            document = JSON.readTree(parser);
            if (document == null) {
                return new Violations("The request body is not valid JSON.", errors);
            }
            try {
                if (parser.nextToken() != null) {
                    return new Violations(TRAILING_DATA, errors);
                }
            } catch (IOException afterTheValue) {
                return new Violations(TRAILING_DATA, errors); // "{…} x": whatever follows the value is not JSON either
            }
        } catch (IOException e) {
            return new Violations(malformed(e), errors);
        }
        errors.addAll(SchemaViolations.of(body.schema().validate(document), ""));
        SchemaViolations.unpairedSurrogates(document, "", errors);
        return new Violations(null, errors);
    }

    private static void checkParameter(ParameterRule parameter, List<String> values, List<FieldError> errors) {
        if (values.isEmpty()) {
            if (parameter.required()) {
                errors.add(new FieldError(parameter.name(), "is required"));
            }
            return;
        }
        if (values.size() > 1) {
            errors.add(new FieldError(parameter.name(), "must be given once"));
            return;
        }
        JsonNode value = parameter.read(values.get(0));
        if (value == null) {
            errors.add(new FieldError(parameter.name(), parameter.typeMessage()));
        } else if (parameter.schema() != null) {
            SchemaViolations.of(parameter.schema().validate(value), parameter.name()).forEach(errors::add);
            SchemaViolations.unpairedSurrogates(value, parameter.name(), errors);
        }
    }

    /** Why a body is not one JSON value, in words for the client (no parser internals, no echo of the input). */
    private static String malformed(IOException e) {
        String message = e instanceof StreamReadException read ? read.getOriginalMessage() : e.getMessage();
        Function<String, Boolean> says = fragment -> message != null && message.contains(fragment);
        if (says.apply("Duplicate field")) {
            return "The request body names a field twice: " + message.substring(message.indexOf('\'')).replace('\'', '"') + ".";
        }
        if (says.apply("end-of-input") || says.apply("end of input")) {
            return "The request body ends before its JSON value does.";
        }
        return "The request body is not valid JSON.";
    }

    @Override
    public String toString() {
        return name;
    }

    /** A request's breaches: a body that is not JSON at all, or the fields and parameters that break their rules. */
    public record Violations(String malformedBody, List<FieldError> errors) {

        public boolean none() {
            return malformedBody == null && errors.isEmpty();
        }
    }
}
