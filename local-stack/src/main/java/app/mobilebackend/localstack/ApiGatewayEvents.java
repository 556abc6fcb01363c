package app.mobilebackend.localstack;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the API Gateway REST proxy events (payload 1.0) that Lambda hands a function, in code:
 * {@code ApiGatewayEvents.request("GET", "/todos").bearer(token).query("limit", "5").build()}.
 * As API Gateway does, the event carries the path as the client sent it (still percent-encoded) and the query,
 * path parameters and headers decoded: {@code request("GET", "/todos/a%25b").resource("/todos/{todoId}")
 * .pathParameter("todoId", "a%b")}.
 */
public final class ApiGatewayEvents {

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private String resource;
    private String body;
    private String sourceIp = "127.0.0.1";

    private ApiGatewayEvents(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** A request for {@code path} as the client sent it: percent-encoded, as API Gateway passes it on. */
    public static ApiGatewayEvents request(String method, String path) {
        return new ApiGatewayEvents(method, path);
    }

    /** The API's resource the path matched, {@code /todos/{todoId}} (without it, the path itself). */
    public ApiGatewayEvents resource(String resource) {
        this.resource = resource;
        return this;
    }

    /** A path parameter of the resource, decoded ({@code a%b} for the segment {@code a%25b}). */
    public ApiGatewayEvents pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    public ApiGatewayEvents header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    public ApiGatewayEvents bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public ApiGatewayEvents query(String name, String value) {
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** A JSON body, with its content type. */
    public ApiGatewayEvents json(String json) {
        header("Content-Type", "application/json");
        this.body = json;
        return this;
    }

    /** A body as sent, without adding a content type. */
    public ApiGatewayEvents body(String body) {
        this.body = body;
        return this;
    }

    public ApiGatewayEvents sourceIp(String sourceIp) {
        this.sourceIp = sourceIp;
        return this;
    }

    public APIGatewayProxyRequestEvent build() {
        if (body != null && first(headers, "Content-Length") == null) {
            // clients send it and API Gateway passes it on
            header("Content-Length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        }
        var identity = new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp(sourceIp).withUserAgent(
            first(headers, "User-Agent"));
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
            .withRequestId(UUID.randomUUID().toString())
            .withStage("local")
            .withHttpMethod(method)
            .withPath(path)
            .withResourcePath(resource == null ? path : resource)
            .withProtocol("HTTP/1.1")
            .withIdentity(identity);
        context.setRequestTimeEpoch(Instant.now().toEpochMilli());
        return new APIGatewayProxyRequestEvent()
            .withHttpMethod(method)
            .withPath(path)
            .withResource(resource == null ? path : resource)
            .withPathParameters(pathParameters.isEmpty() ? null : new LinkedHashMap<>(pathParameters))
            .withHeaders(single(headers))
            .withMultiValueHeaders(copy(headers))
            .withQueryStringParameters(query.isEmpty() ? null : single(query))
            .withMultiValueQueryStringParameters(query.isEmpty() ? null : copy(query))
            .withBody(body)
            .withIsBase64Encoded(false)
            .withRequestContext(context);
    }

    private static String first(Map<String, List<String>> values, String name) {
        for (var entry : values.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** API Gateway's single-value maps keep the last value of a repeated name. */
    private static Map<String, String> single(Map<String, List<String>> values) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((name, list) -> result.put(name, list.get(list.size() - 1)));
        return result;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> values) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        values.forEach((name, list) -> result.put(name, List.copyOf(list)));
        return result;
    }
}
