package app.mobilebackend.core.error;

import app.mobilebackend.api.model.FieldError;

import java.util.List;

/** A 400 for fields that bean validation cannot check (free-form maps), listing each offending field. */
public final class FieldViolationException extends RuntimeException {

    private final transient List<FieldError> errors;

    public FieldViolationException(List<FieldError> errors) {
        super("The request is invalid.", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
