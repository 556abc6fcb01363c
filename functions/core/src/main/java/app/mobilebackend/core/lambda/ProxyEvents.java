package app.mobilebackend.core.lambda;

import app.mobilebackend.core.error.ProblemErrorResponseProcessor;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Stands between the Lambda runtime and Micronaut's event conversion: every event the runtime can hand over gets
 * an answer, never an exception. Events Micronaut would stumble on are made whole (no {@code requestContext}, null
 * header or parameter values, a custom domain's base path in {@code path}); the ones no route can serve are answered
 * here with a problem document of the same shape as {@link ProblemErrorResponseProcessor}'s (no method, a malformed
 * path, a body that is not the base64 it claims to be, a body declared in a charset other than UTF-8).
 */
final class ProxyEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyEvents.class);
    private static final String SERVER_ERROR = "The server could not answer this request.";

    private final JsonMapper json;

    ProxyEvents(JsonMapper json) {
        this.json = json;
    }

    /** Answers {@code event} through {@code handler} (Micronaut's), or by itself when the event cannot reach a route. */
    APIGatewayProxyResponseEvent answer(APIGatewayProxyRequestEvent event,
                                        Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
        try {
            APIGatewayProxyResponseEvent refusal = refusal(event);
            if (refusal != null) {
                return refusal;
            }
            APIGatewayProxyResponseEvent response = handler.apply(normalised(event));
            if (response == null || response.getStatusCode() == null
                || response.getStatusCode() >= 500 && (response.getBody() == null || response.getBody().isEmpty())) {
                // Micronaut answers 500 without a body when writing its own error answer failed (it logs why)
                LOG.error("{} {} was answered {} without a problem document", event.getHttpMethod(), event.getPath(),
                    response == null ? "nothing" : response.getStatusCode());
                return problem(HttpStatus.INTERNAL_SERVER_ERROR, SERVER_ERROR);
            }
            return response;
        } catch (RuntimeException e) {
            LOG.error("{} {} could not be answered", event == null ? null : event.getHttpMethod(),
                event == null ? null : event.getPath(), e);
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, SERVER_ERROR);
        }
    }

    private APIGatewayProxyResponseEvent refusal(APIGatewayProxyRequestEvent event) {
        if (event == null) {
            return problem(HttpStatus.BAD_REQUEST, "The event is not an API Gateway request.");
        }
        if (event.getHttpMethod() == null || event.getHttpMethod().isBlank()) {
            return problem(HttpStatus.BAD_REQUEST, "The request has no HTTP method.");
        }
        if (event.getPath() != null && !isUriPath(event.getPath())) {
            return problem(HttpStatus.BAD_REQUEST, "The request path is not a valid URI path.");
        }
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return null;
        }
        byte[] decoded = null;
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                decoded = Base64.getDecoder().decode(body); // the decoder Micronaut reads the body with
            } catch (IllegalArgumentException e) {
                return problem(HttpStatus.BAD_REQUEST, "The request body is marked base64-encoded but is not valid base64.");
            }
        }
        String charset = declaredCharset(event);
        if (charset != null && !isUtf8Compatible(charset, body, decoded)) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The request body is declared in charset " + charset
                + "; send it as UTF-8 (charset=UTF-8, or no charset).");
        }
        return null;
    }

    /**
     * JSON between systems is UTF-8 (RFC 8259, section 8.1), and Micronaut would re-encode the event's body with the
     * declared charset, turning what it cannot encode into {@code ?}: only UTF-8, or US-ASCII that is pure ASCII
     * (the same bytes), is taken.
     */
    private static boolean isUtf8Compatible(String charset, String body, byte[] decoded) {
        Charset declared;
        try {
            declared = Charset.forName(charset);
        } catch (IllegalArgumentException e) {
            return false; // an illegal or unknown name
        }
        if (declared.equals(StandardCharsets.UTF_8)) {
            return true;
        }
        return declared.equals(StandardCharsets.US_ASCII)
            && (decoded == null ? body.chars().allMatch(c -> c < 0x80) : isAscii(decoded));
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The {@code charset} parameter of the {@code Content-Type}, whatever the case of the header's name. */
    private static String declaredCharset(APIGatewayProxyRequestEvent event) {
        String contentType = header(event, "Content-Type");
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("charset")) {
                return parameter[1].trim().replace("\"", "");
            }
        }
        return null;
    }

    private static String header(APIGatewayProxyRequestEvent event, String name) {
        if (event.getMultiValueHeaders() != null) {
            for (var entry : event.getMultiValueHeaders().entrySet()) {
                if (name.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
        }
        if (event.getHeaders() != null) {
            for (var entry : event.getHeaders().entrySet()) {
                if (name.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    private static boolean isUriPath(String path) {
        try {
            new URI(path);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A copy Micronaut can convert: a request context, no null names or values, the path its route was made for. */
    private static APIGatewayProxyRequestEvent normalised(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyRequestEvent copy = event.clone();
        if (copy.getRequestContext() == null) {
            // read by the security filter; API Gateway always sends one, a hand-made event may not
            copy.setRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withHttpMethod(event.getHttpMethod())
                .withPath(event.getPath()));
        }
        copy.setHeaders(withoutNulls(event.getHeaders()));
        copy.setMultiValueHeaders(withoutNullLists(event.getMultiValueHeaders()));
        copy.setQueryStringParameters(withoutNulls(event.getQueryStringParameters()));
        copy.setMultiValueQueryStringParameters(withoutNullLists(event.getMultiValueQueryStringParameters()));
        copy.setPathParameters(withoutNulls(event.getPathParameters()));
        copy.setPath(BasePaths.withoutBasePath(event.getPath(), resource(event)));
        return copy;
    }

    private static String resource(APIGatewayProxyRequestEvent event) {
        if (event.getResource() != null) {
            return event.getResource();
        }
        return event.getRequestContext() == null ? null : event.getRequestContext().getResourcePath();
    }

    private static Map<String, String> withoutNulls(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name != null && value != null) {
                result.put(name, value);
            }
        });
        return result;
    }

    private static Map<String, List<String>> withoutNullLists(Map<String, List<String>> values) {
        if (values == null) {
            return null;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        values.forEach((name, list) -> {
            if (name != null && list != null) {
                result.put(name, list.stream().filter(Objects::nonNull).toList());
            }
        });
        return result;
    }

    private APIGatewayProxyResponseEvent problem(HttpStatus status, String detail) {
        String body;
        try {
            body = json.writeValueAsString(ProblemErrorResponseProcessor.problem(status, detail));
        } catch (Exception e) {
            LOG.error("Could not write the problem document of a {} answer", status.getCode(), e);
            body = "{\"type\":\"about:blank\",\"status\":" + status.getCode() + "}";
        }
        String type = ProblemErrorResponseProcessor.PROBLEM_JSON_TYPE;
        return new APIGatewayProxyResponseEvent()
            .withStatusCode(status.getCode())
            .withHeaders(Map.of("Content-Type", type))
            .withMultiValueHeaders(Map.of("Content-Type", List.of(type)))
            .withBody(body)
            .withIsBase64Encoded(false);
    }
}
