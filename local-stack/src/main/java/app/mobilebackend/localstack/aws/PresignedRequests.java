package app.mobilebackend.localstack.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** What a mobile app does with a presigned URL, over plain java.net.http: send the bytes there, or fetch them. */
public final class PresignedRequests {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PresignedRequests() {
    }

    /**
     * PUTs {@code body} to {@code url} with {@code headers}. java.net.http sets {@code Content-Length} itself, from the
     * body: a given one is only checked against it, so a different length means a body of that other length.
     */
    public static HttpResponse<String> put(String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Length")) {
                if (Long.parseLong(value) != body.length) {
                    throw new IllegalArgumentException("Content-Length " + value + " but a body of " + body.length + " bytes");
                }
            } else {
                request.header(name, value);
            }
        });
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<byte[]> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
