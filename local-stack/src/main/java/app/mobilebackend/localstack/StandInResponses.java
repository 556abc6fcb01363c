package app.mobilebackend.localstack;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** How the loopback stand-ins (legacy login API, SES, SNS, EventBridge) write an answer. */
public final class StandInResponses {

    private StandInResponses() {
    }

    /** {@code body} as {@code contentType} with {@code headers}, and a request id as AWS services send one. */
    public static void send(HttpExchange exchange, int status, String contentType, Map<String, String> headers, String body)
        throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
