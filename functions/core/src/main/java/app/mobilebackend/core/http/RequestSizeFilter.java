package app.mobilebackend.core.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

/**
 * Refuses a body larger than any operation accepts with 413 before anything reads it
 * ({@code api.max-body-bytes}, 64 KiB by default; API Gateway itself stops at 10 MB).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(RequestSizeFilter.ORDER)
public final class RequestSizeFilter {

    /**
     * Right after the security filter ({@code ServerFilterPhase.SECURITY.after()}; a filter without an order runs
     * last), before anything reads the body.
     */
    public static final int ORDER = 39_250;

    private final ErrorResponseProcessor<?> problems;
    private final long maxBodyBytes;

    RequestSizeFilter(ErrorResponseProcessor<?> problems, @Value("${api.max-body-bytes:65536}") long maxBodyBytes) {
        this.problems = problems;
        this.maxBodyBytes = maxBodyBytes;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseOversizeBody(HttpRequest<?> request) {
        if (request.getContentLength() <= maxBodyBytes) {
            return null;
        }
        return problems.processResponse(ErrorContext.builder(request)
                .errorMessage("The request body may take at most " + maxBodyBytes + " bytes.").build(),
            HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE));
    }
}
