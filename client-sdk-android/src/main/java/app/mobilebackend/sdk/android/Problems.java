package app.mobilebackend.sdk.android;

import app.mobilebackend.sdk.android.model.Problem;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        if (!isProblem(failure.getResponseHeaders()) || failure.getResponseBody() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Problem.fromJson(failure.getResponseBody()));
        } catch (IOException | RuntimeException notAProblem) {
            return Optional.empty();
        }
    }

    private static boolean isProblem(Map<String, List<String>> headers) {
        if (headers == null) {
            return false;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("content-type".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                return header.getValue().get(0).toLowerCase(Locale.ROOT).startsWith("application/problem+json");
            }
        }
        return false;
    }
}
