package app.mobilebackend.core.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Answers a {@link FieldViolationException} with 400 and its field errors. */
@Singleton
final class FieldViolationExceptionHandler implements ExceptionHandler<FieldViolationException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> problems;

    FieldViolationExceptionHandler(ErrorResponseProcessor<?> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, FieldViolationException exception) {
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(),
            HttpResponse.status(exception.status()));
    }
}
