package app.mobilebackend.devserver;

import app.mobilebackend.localstack.ApiGatewayEvents;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns a local HTTP exchange into the API Gateway REST proxy event Lambda would get, and the handler's answer back.
 *
 * <p>What API Gateway (REST API, Lambda proxy integration, payload 1.0) puts in the event for
 * {@code GET /todos/a%25b?q=x%20y}, and so what this bridge puts there:
 * <ul>
 *   <li>{@code path}: the path as the client sent it, still percent-encoded ({@code /todos/a%25b},
 *       {@code /todos/caf%C3%A9}, {@code /todos/%F0%9F%98%80}, {@code /todos/%00}); a {@code +} stays a {@code +}.
 *       AWS's reference of the input format does not say; live captures do: REST APIs, function URLs and ALB keep the
 *       encoding, only HTTP APIs decode (github.com/middleapi/standard-server/pull/93, citing the captures in
 *       github.com/hotsock/voker/pull/8), and AWS's own ASP.NET Core bridge decodes {@code Path} itself
 *       ({@code Utilities.DecodeResourcePath} in aws/aws-lambda-dotnet's {@code APIGatewayProxyFunction}, after
 *       aws/aws-lambda-dotnet#386 where {@code file%20name.xml} reached the controller encoded).</li>
 *   <li>{@code resource} (and {@code requestContext.resourcePath}): the matched resource, {@code /todos/{todoId}}.</li>
 *   <li>{@code pathParameters}: decoded, {@code {"todoId": "a%b"}} (serverless/serverless#5037,
 *       dherault/serverless-offline#638: local tools that passed them encoded differed from AWS). That an encoded
 *       slash stays in its segment ({@code a%2Fb} matching {@code /todos/{todoId}} with {@code a/b}) is assumed, not
 *       checked against AWS; the functions route on {@code path} and answer 404 either way.</li>
 *   <li>{@code requestContext.path}: the same encoded path, after the stage on the execute-api host
 *       ({@code /prod/todos/a%25b}); here without a stage, as on a custom domain.</li>
 *   <li>{@code queryStringParameters}, {@code multiValueQueryStringParameters}: decoded as a form is, a {@code +}
 *       a space ({@code ?sort=-+createdAt} gave {@code "- createdAt"} in the event logged in aws/aws-cdk#19827),
 *       {@code %2B} a plus (micronaut-aws#1412, tried on AWS); a name without {@code =} has the value {@code ""}.</li>
 * </ul>
 * The function needs {@code path} encoded: micronaut-aws (payload1 {@code ApiGatewayProxyServletRequest}, through
 * {@code ApiGatewayServletRequest.buildUri}) parses it with {@code UriBuilder.of(path)}, which refuses a decoded
 * {@code %}, space, quote, backslash or control character before any route or error handler runs.
 */
final class ApiGatewayBridge {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ApiGatewayBridge() {
    }

    static APIGatewayProxyRequestEvent toEvent(HttpExchange exchange, ApiResources resources) throws IOException {
        var uri = exchange.getRequestURI();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : asSent(uri.getRawPath());
        ApiGatewayEvents event = ApiGatewayEvents.request(exchange.getRequestMethod(), path)
            .sourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        resources.match(path).ifPresent(match -> {
            event.resource(match.resource());
            match.pathParameters().forEach(event::pathParameter);
        });
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> event.header(name, value)));
        String rawQuery = uri.getRawQuery() == null ? null : asSent(uri.getRawQuery());
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
                event.query(name, value);
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (body.length > 0) {
                event.body(new String(body, StandardCharsets.UTF_8));
            }
        }
        return event.build();
    }

    static void write(APIGatewayProxyResponseEvent response, HttpExchange exchange) throws IOException {
        var headers = exchange.getResponseHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        }
        if (response.getHeaders() != null) {
            for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                if (!headers.containsKey(header.getKey())) {
                    headers.add(header.getKey(), header.getValue());
                }
            }
        }
        headers.remove("Content-Length"); // the server frames the body itself
        byte[] body = response.getBody() == null ? new byte[0]
            : Boolean.TRUE.equals(response.getIsBase64Encoded()) ? Base64.getDecoder().decode(response.getBody())
            : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == null ? 500 : response.getStatusCode();
        boolean noBody = body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /**
     * The JDK's server reads the request line as ISO-8859-1, one char a byte: the bytes a client sent unencoded
     * (UTF-8, {@code café}) are percent-encoded, so that they decode to what the client meant, not to {@code cafÃ©}.
     */
    private static String asSent(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static String decodeQuery(String value) {
        return ApiResources.decode(value.replace('+', ' '));
    }
}
