package app.mobilebackend.core.error;

import app.mobilebackend.api.model.FieldError;
import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * A 400 for fields that bean validation cannot check (free-form maps), listing each offending field; or, through
 * {@link #unprocessable}, a 422 for fields that are well-formed but name something that does not exist.
 */
public final class FieldViolationException extends RuntimeException {

    private final transient List<FieldError> errors;
    private final HttpStatus status;

    public FieldViolationException(List<FieldError> errors) {
        this(HttpStatus.BAD_REQUEST, "The request is invalid.", errors);
    }

    private FieldViolationException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** 422 Unprocessable Content: {@code detail} says what is wrong, {@code errors} where. */
    public static FieldViolationException unprocessable(String detail, List<FieldError> errors) {
        return new FieldViolationException(HttpStatus.UNPROCESSABLE_ENTITY, detail, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
