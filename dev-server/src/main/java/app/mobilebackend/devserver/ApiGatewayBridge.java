package app.mobilebackend.devserver;

import app.mobilebackend.testkit.ApiGatewayEvents;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Turns a local HTTP exchange into the API Gateway REST proxy event Lambda would get, and the handler's answer back. */
final class ApiGatewayBridge {

    private ApiGatewayBridge() {
    }

    static APIGatewayProxyRequestEvent toEvent(HttpExchange exchange) throws IOException {
        var uri = exchange.getRequestURI();
        ApiGatewayEvents event = ApiGatewayEvents.request(exchange.getRequestMethod(), uri.getRawPath() == null ? "/" : decode(uri.getRawPath()))
            .sourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> event.header(name, value)));
        String rawQuery = uri.getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
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

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
