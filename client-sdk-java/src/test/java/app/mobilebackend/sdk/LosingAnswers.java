package app.mobilebackend.sdk;

import java.io.Closeable;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that loses the first answer to each write (method and path) after the server acted on it, as a
 * tunnel or a dead radio would, and records every write as it was sent (the SDK's own headers included).
 * {@link #client} is a {@link MobileBackendClient} whose generated APIs send through it.
 */
final class LosingAnswers extends HttpClient {

    final Set<String> lost = ConcurrentHashMap.newKeySet();
    final List<HttpRequest> writes = new CopyOnWriteArrayList<>();
    private final HttpClient real;

    private LosingAnswers(HttpClient real) {
        this.real = real;
    }

    /** A client of {@code baseUrl} sending {@code tokens}' token, whose answers to writes are lost once each. */
    static Client client(String baseUrl, AccessTokenProvider tokens) {
        return new Client(baseUrl, tokens);
    }

    static final class Client extends MobileBackendClient {
        final LosingAnswers http;

        private Client(String baseUrl, AccessTokenProvider tokens) {
            super(baseUrl, tokens);
            http = new LosingAnswers(super.getHttpClient());
        }

        @Override
        public HttpClient getHttpClient() {
            return http;
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        HttpResponse<T> response = real.send(request, handler);
        if (!request.method().equals("GET")) {
            writes.add(request);
            if (lost.add(request.method() + " " + request.uri().getPath())) {
                if (response.body() instanceof Closeable body) {
                    body.close();
                }
                throw new IOException("answer lost on the way back");
            }
        }
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        throw new UnsupportedOperationException("the SDK calls send");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        throw new UnsupportedOperationException("the SDK calls send");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return real.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return real.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return real.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return real.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return real.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return real.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return real.authenticator();
    }

    @Override
    public Version version() {
        return real.version();
    }

    @Override
    public Optional<Executor> executor() {
        return real.executor();
    }
}
