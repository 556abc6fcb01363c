package app.mobilebackend.core.error;

import app.mobilebackend.api.model.FieldError;
import app.mobilebackend.api.model.Problem;
import com.fasterxml.jackson.core.JacksonException;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes every error as an RFC 9457 problem document: validation, security, routing, JSON parsing and
 * database errors all pass through here, so clients see one shape. Server errors never carry internals.
 */
@Singleton
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    public static final String PROBLEM_JSON_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.of(PROBLEM_JSON_TYPE);

    @Override
    @NonNull
    public MutableHttpResponse<Problem> processResponse(@NonNull ErrorContext errorContext,
                                                        @NonNull MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        Problem problem = problem(status, null);
        Throwable cause = errorContext.getRootCause().orElse(null);
        if (status.getCode() >= 500) {
            problem.setDetail(status == HttpStatus.SERVICE_UNAVAILABLE
                ? "The service is briefly unavailable; try again."
                : "The server could not answer this request.");
        } else if (cause instanceof FieldViolationException violations) {
            problem.setDetail(violations.getMessage());
            problem.setErrors(violations.errors());
        } else if (status == HttpStatus.UNAUTHORIZED) {
            problem.setDetail("A valid access token is required.");
        } else if (isUnreadableBody(cause)) {
            problem.setDetail("The request body is not valid JSON of the expected shape.");
        } else {
            describe(errorContext, problem);
        }
        if (status.getCode() < 500 && cause instanceof ApiException failure) {
            failure.complete(problem);
        }
        return response.contentType(PROBLEM_JSON).body(problem);
    }

    /**
     * A problem of this shape, for the answers written outside Micronaut's routing (an event it cannot take, see
     * {@code app.mobilebackend.core.lambda.ProxyEvents}).
     */
    public static Problem problem(HttpStatus status, @Nullable String detail) {
        Problem problem = new Problem("about:blank", title(status), status.getCode());
        problem.setDetail(detail);
        return problem;
    }

    /** The status's reason phrase, as RFC 9110 names it (Micronaut still says "Unprocessable Entity" for 422). */
    private static String title(HttpStatus status) {
        return status == HttpStatus.UNPROCESSABLE_ENTITY ? "Unprocessable Content" : status.getReason();
    }

    private static void describe(ErrorContext errorContext, Problem problem) {
        List<FieldError> fieldErrors = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (Error error : errorContext.getErrors()) {
            if (error.getPath().isPresent()) {
                fieldErrors.add(new FieldError(error.getPath().get().replaceFirst("^/", ""), error.getMessage()));
            } else {
                messages.add(error.getMessage());
            }
        }
        if (!fieldErrors.isEmpty()) {
            problem.setDetail("The request is invalid.");
            problem.setErrors(fieldErrors);
        } else if (!messages.isEmpty()) {
            problem.setDetail(String.join(" ", messages));
        }
    }

    /** Parser messages carry internals (types, stream positions): clients get a plain sentence instead. */
    private static boolean isUnreadableBody(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof JacksonException || t instanceof CodecException) {
                return true;
            }
        }
        return false;
    }
}
