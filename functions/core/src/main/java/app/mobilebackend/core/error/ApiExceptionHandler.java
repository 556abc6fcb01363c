package app.mobilebackend.core.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Answers an {@link ApiException} with its status and detail. */
@Singleton
final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    ApiExceptionHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiException exception) {
        return problems.processResponse(
            ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
            HttpResponse.status(exception.status()));
    }
}
