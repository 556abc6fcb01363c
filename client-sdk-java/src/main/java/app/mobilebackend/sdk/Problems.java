package app.mobilebackend.sdk;

import app.mobilebackend.sdk.model.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.Locale;
import java.util.Optional;

/** The API's errors as typed RFC 9457 documents, instead of the response body as a string. */
public final class Problems {

    private Problems() {
    }

    /**
     * The problem the API sent with a failed call (a 412 with the current version, a 400 naming each bad field...),
     * or empty when the answer was not {@code application/problem+json}: a gateway's HTML 502, a lost connection.
     * Members a newer API adds to a problem are ignored.
     */
    public static Optional<Problem> of(ApiException failure) {
        boolean isProblem = failure.getResponseHeaders() != null && failure.getResponseHeaders()
            .firstValue("Content-Type")
            .map(type -> type.toLowerCase(Locale.ROOT).startsWith("application/problem+json"))
            .orElse(false);
        if (!isProblem || failure.getResponseBody() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiClient.createDefaultObjectMapper().readValue(failure.getResponseBody(), Problem.class));
        } catch (JsonProcessingException notAProblem) {
            return Optional.empty();
        }
    }
}
