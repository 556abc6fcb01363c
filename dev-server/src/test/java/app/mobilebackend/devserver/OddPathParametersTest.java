package app.mobilebackend.devserver;

import app.mobilebackend.localstack.ApiGatewayEvents;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Any character in a path parameter answers 404 (400 where the spec's length says so), never 5xx, and the same
 * through the dev server's HTTP port as through the function given the event API Gateway sends for that request
 * (the path as sent, the parameters decoded; built here by hand, not by the dev server's bridge).
 */
class OddPathParametersTest {

    /** An id as the client sends it in the path and as API Gateway decodes it into {@code pathParameters}. */
    private record OddId(String sent, String decoded, int status) {
        static OddId of(String sent, String decoded) {
            return new OddId(sent, decoded, 404);
        }
    }

    private record Operation(String method, String resource, String parameter, String body) {
        String path(OddId id) {
            return resource.replace("{" + parameter + "}", id.sent());
        }
    }

    private static final String LONG = "x".repeat(65);
    private static final List<OddId> IDS = List.of(
        OddId.of("a%25b", "a%b"),
        OddId.of("%25", "%"),
        OddId.of("a%20b", "a b"),
        OddId.of("%22x%22", "\"x\""),
        OddId.of("%27", "'"),
        OddId.of("a%5Cb", "a\\b"),
        OddId.of("%00", "\u0000"),
        OddId.of("a%0D%0Ab%09%7F%1B", "a\r\nb\t\u007f\u001b"),
        OddId.of("caf%C3%A9", "café"),
        OddId.of("%F0%9F%98%80", "\uD83D\uDE00"),
        OddId.of("a+b", "a+b"),
        OddId.of("a%3Fb%23c", "a?b#c"),
        OddId.of("%7B%7D%3C%3E%60%5E%7C", "{}<>`^|"),
        OddId.of("..", ".."),
        OddId.of(".", "."),
        OddId.of("%2E%2E", ".."),
        OddId.of("a%2Fb", "a/b"),
        OddId.of("%2F", "/"),
        OddId.of("x".repeat(64), "x".repeat(64)),
        new OddId(LONG, LONG, 400),
        new OddId("x".repeat(4000), "x".repeat(4000), 400),
        new OddId("%25".repeat(65), "%".repeat(65), 400));

    private static final String TODO = "{\"title\":\"Buy milk\",\"done\":false}";
    private static final List<Operation> OPERATIONS = List.of(
        new Operation("GET", "/todos/{todoId}", "todoId", null),
        new Operation("PUT", "/todos/{todoId}", "todoId", TODO),
        new Operation("DELETE", "/todos/{todoId}", "todoId", null),
        new Operation("GET", "/files/{fileId}", "fileId", null),
        new Operation("DELETE", "/files/{fileId}", "fileId", null),
        new Operation("GET", "/orders/{orderId}", "orderId", null));

    private static DevServer dev;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        dev = SharedDevServer.get();
        token = dev.token("odd-" + UUID.randomUUID());
    }


    @Test
    void oddPathParametersAnswerTheSameLocallyAsDeployed() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Operation operation : OPERATIONS) {
            for (OddId id : IDS) {
                String request = operation.method() + " " + operation.path(id);
                HttpResponse<String> local = HTTP.send(httpRequest(operation, id), HttpResponse.BodyHandlers.ofString());
                APIGatewayProxyResponseEvent deployed = dev.handler().handleRequest(event(operation, id), new MockLambdaContext());
                int status = deployed.getStatusCode();
                String body = deployed.getBody() == null ? "" : deployed.getBody();
                if (local.statusCode() != status || !local.body().equals(body)) {
                    failures.add(request + ": dev server " + local.statusCode() + " " + local.body() + ", function " + status + " " + body);
                } else if (status != id.status()) {
                    failures.add(request + ": " + status + " " + body + ", expected " + id.status());
                } else if (!"application/problem+json".equals(header(deployed, "Content-Type"))
                    || !local.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")) {
                    failures.add(request + ": Content-Type " + header(deployed, "Content-Type") + " / " + local.headers().firstValue("Content-Type"));
                }
            }
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    /**
     * Clients do send some characters unencoded (curl sends {@code "}, {@code {}, {@code |} as typed), and API Gateway
     * passes the path on as sent: the function answers 404, as for the encoded id, where its URI parsing threw.
     */
    @Test
    void unencodedCharactersInTheEventsPathAnswerNotFound() {
        List<String> failures = new ArrayList<>();
        for (String id : List.of("\"x\"", "{x}", "a|b", "a^b`c", "a\\b", "a%b", "%zz", "a b", "<x>", "café", "\uD83D\uDE00", "a\u0000b")) {
            APIGatewayProxyResponseEvent response = dev.handler().handleRequest(ApiGatewayEvents.request("GET", "/todos/" + id)
                .resource("/todos/{todoId}").pathParameter("todoId", id).bearer(token).build(), new MockLambdaContext());
            if (response.getStatusCode() != 404 || !"application/problem+json".equals(header(response, "Content-Type"))) {
                failures.add("GET /todos/" + id + ": " + response.getStatusCode() + " " + response.getBody());
            }
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    /**
     * What a client sends unencoded never answers 5xx locally: UTF-8 reaches the function as the same id as its
     * encoded form, while the JDK's HTTP server refuses a quote, brace, bar or stray {@code %} in the request line
     * itself (400, text/html) before the bridge sees it, and UTF-8 with a byte in 0x80..0x9F (an emoji), which it
     * reads as ISO-8859-1 control characters.
     */
    @Test
    void unencodedCharactersSentToTheDevServerNeverAnswer5xx() throws Exception {
        APIGatewayProxyResponseEvent encoded = dev.handler().handleRequest(ApiGatewayEvents.request("GET", "/todos/caf%C3%A9")
            .resource("/todos/{todoId}").pathParameter("todoId", "café").bearer(token).build(), new MockLambdaContext());
        assertEquals(List.of("404", encoded.getBody()), rawRequest("/todos/café"));
        for (String path : List.of("/todos/\"x\"", "/todos/{x}", "/todos/a|b", "/todos/a%b", "/todos/%zz", "/todos/\uD83D\uDE00")) {
            assertEquals("400", rawRequest(path).get(0), path);
        }
    }

    /** The status and the body of the answer to a GET of {@code path} written as is, in UTF-8, into the request line. */
    private static List<String> rawRequest(String path) throws IOException {
        try (Socket socket = new Socket("localhost", dev.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return List.of(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3), answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    private static HttpRequest httpRequest(Operation operation, OddId id) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dev.url() + operation.path(id)))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
        if (operation.body() != null) {
            request.header("Content-Type", "application/json").header("If-Match", "\"1\"");
        }
        return request.method(operation.method(), operation.body() == null
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(operation.body())).build();
    }

    /** What API Gateway hands the function for the same request. */
    private static APIGatewayProxyRequestEvent event(Operation operation, OddId id) {
        ApiGatewayEvents event = ApiGatewayEvents.request(operation.method(), operation.path(id))
            .resource(operation.resource())
            .pathParameter(operation.parameter(), id.decoded())
            .bearer(token)
            .header("Accept", "application/json");
        if (operation.body() != null) {
            event.json(operation.body()).header("If-Match", "\"1\"");
        }
        return event.build();
    }
}
