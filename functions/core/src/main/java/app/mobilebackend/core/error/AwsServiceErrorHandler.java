package app.mobilebackend.core.error;

import app.mobilebackend.core.health.HealthService;
import io.micronaut.context.annotation.Requires;
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
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS service (S3, SNS, EventBridge, ...) failing under a request: 503 with {@code Retry-After} when trying
 * again can help (the service could not be reached, throttled or failed on its side), 500 otherwise (a
 * misconfiguration such as a missing permission). Logged either way; the client sees no internals.
 */
@Singleton
@Requires(classes = SdkException.class)
final class AwsServiceErrorHandler implements ExceptionHandler<SdkException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(AwsServiceErrorHandler.class);

    private final ErrorResponseProcessor<?> problems;

    AwsServiceErrorHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, SdkException exception) {
        boolean transientFailure = exception instanceof SdkClientException || exception.retryable();
        LOG.error("AWS call failed ({}) on {} {}", transientFailure ? "transient" : "permanent", request.getMethod(), request.getPath(), exception);
        var response = transientFailure
            ? HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, HealthService.RETRY_AFTER_SECONDS)
            : HttpResponse.serverError();
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(), response);
    }
}
