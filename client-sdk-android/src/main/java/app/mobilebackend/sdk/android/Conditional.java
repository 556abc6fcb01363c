package app.mobilebackend.sdk.android;

import java.util.Optional;

/**
 * Conditional GETs without exceptions for the normal case. The generated methods throw a 304 Not Modified as an
 * {@link ApiException}; {@link #ifModified} turns it into an empty result, so "my copy is current" is a value.
 * <pre>{@code
 * Optional<ApiResponse<Todo>> fresh = Conditional.ifModified(() -> todos.getTodoWithHttpInfo(id, cachedEtag));
 * }</pre>
 */
public final class Conditional {

    /** A generated {@code ...WithHttpInfo} call. */
    public interface Call<T> {
        ApiResponse<T> call() throws ApiException;
    }

    private Conditional() {
    }

    /** The response when the resource changed since the ETag the call sent; empty when the server answered 304. */
    public static <T> Optional<ApiResponse<T>> ifModified(Call<T> call) throws ApiException {
        try {
            return Optional.of(call.call());
        } catch (ApiException failure) {
            if (failure.getCode() == 304) {
                return Optional.empty();
            }
            throw failure;
        }
    }
}
