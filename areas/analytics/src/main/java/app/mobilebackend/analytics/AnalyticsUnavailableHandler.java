package app.mobilebackend.analytics;

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

/** Kinesis refused records of the batch after every retry: 503 with {@code Retry-After}, the batch may be sent again. */
@Singleton
final class AnalyticsUnavailableHandler implements ExceptionHandler<AnalyticsUnavailableException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsUnavailableHandler.class);

    private final ErrorResponseProcessor<?> problems;

    AnalyticsUnavailableHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, AnalyticsUnavailableException exception) {
        LOG.error("Analytics stream unavailable on {} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(),
            HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, HealthService.RETRY_AFTER_SECONDS));
    }
}
