package app.mobilebackend.push;

import app.mobilebackend.core.health.HealthService;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SNS did not answer or throttled: 503 with {@code Retry-After}; nothing was stored, so the client may retry. */
@Singleton
final class PushUnavailableHandler implements ExceptionHandler<PushUnavailableException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(PushUnavailableHandler.class);

    private final ErrorResponseProcessor<?> problems;

    PushUnavailableHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, PushUnavailableException exception) {
        LOG.error("Push service unavailable on {} {}", request.getMethod(), request.getPath(), exception);
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(),
            HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, HealthService.RETRY_AFTER_SECONDS));
    }
}
