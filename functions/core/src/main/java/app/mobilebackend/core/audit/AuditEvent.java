package app.mobilebackend.core.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One structured audit record: who did what to whose data, when, and how it ended. It names resources by id and
 * route only: never a request or response body, never a token, never an email, a name or a file name.
 *
 * @param event     {@code access} (a request to the API) or {@code erasure} (a user's data erased)
 * @param at        when the request finished
 * @param actor     the caller's {@code sub}, absent for an unauthenticated request
 * @param action    the operation ({@code operationId} of the spec), absent when no route matched
 * @param method    the HTTP method
 * @param route     the route template, e.g. {@code /todos/{todoId}}
 * @param path      the path asked for (ids only: the API has no personal data in paths)
 * @param status    the HTTP status answered
 * @param requestId the Lambda request id, to join with the function's own log
 * @param detail    for erasures: the erasure record's id, the subject hash and the areas erased
 */
@Serdeable
public record AuditEvent(String event, Instant at, @Nullable String actor, @Nullable String action, @Nullable String method,
                         @Nullable String route, @Nullable String path, @Nullable Integer status, @Nullable String requestId,
                         @Nullable String detail) {
}
