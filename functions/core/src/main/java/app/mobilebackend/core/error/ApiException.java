package app.mobilebackend.core.error;

import app.mobilebackend.api.model.Problem;
import io.micronaut.http.HttpStatus;

import java.util.function.Consumer;

/** A failure the client caused or must react to, answered as a problem document with its status. */
public final class ApiException extends RuntimeException {

    private static final Consumer<Problem> NOTHING_MORE = problem -> { };

    private final HttpStatus status;
    private final transient Consumer<Problem> more;

    private ApiException(HttpStatus status, String detail) {
        this(status, detail, NOTHING_MORE);
    }

    private ApiException(HttpStatus status, String detail, Consumer<Problem> more) {
        super(detail, null, false, false);
        this.status = status;
        this.more = more;
    }

    public HttpStatus status() {
        return status;
    }

    /** Adds what this failure tells beyond its detail (a 412's current state) to its problem document. */
    public void complete(Problem problem) {
        more.accept(problem);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, detail);
    }

    /** 412 whose problem carries the current state ({@code currentTodo}, ...), set by {@code current}. */
    public static ApiException preconditionFailed(String detail, Consumer<Problem> current) {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, detail, current);
    }

    public static ApiException gone(String detail) {
        return new ApiException(HttpStatus.GONE, detail);
    }

    public static ApiException preconditionRequired(String detail) {
        return new ApiException(HttpStatus.PRECONDITION_REQUIRED, detail);
    }

    public static ApiException payloadTooLarge(String detail) {
        return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, detail);
    }
}
