package app.mobilebackend.localstack.aws;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Secrets Manager on loopback, at the protocol level: answers {@code secretsmanager.GetSecretValue} (AWS JSON 1.1)
 * with a configured SecretString and records every request, so the real AWS SDK v2 {@code SecretsManagerClient}
 * talks to it.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    /** One request as the SDK sent it. */
    public record Request(String method, String path, String target, String contentType, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String responseBody;

    public SecretsManagerStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            var headers = exchange.getRequestHeaders();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                headers.getFirst("X-Amz-Target"), headers.getFirst("Content-Type"),
                headers.getFirst("Authorization"), body));
            byte[] answer = responseBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** Answers GetSecretValue with this SecretString. */
    public SecretsManagerStandIn secretString(String secretString) {
        this.status = 200;
        this.responseBody = "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf\","
            + "\"Name\":\"prod/db\",\"SecretString\":" + jsonString(secretString) + ","
            + "\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1\",\"VersionStages\":[\"AWSCURRENT\"],"
            + "\"CreatedDate\":1.523477145713E9}";
        return this;
    }

    /** Answers with an AWS JSON error. */
    public SecretsManagerStandIn error(int status, String type, String message) {
        this.status = status;
        this.responseBody = "{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}";
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return requests;
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
