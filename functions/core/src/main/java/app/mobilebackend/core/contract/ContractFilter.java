package app.mobilebackend.core.contract;

import app.mobilebackend.api.model.FieldError;
import app.mobilebackend.core.error.FieldViolationException;
import app.mobilebackend.core.http.RequestSizeFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.web.router.UriRouteMatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds every request to its operation's contract before anything binds it: a parameter or body that breaks the
 * spec's schema answers 400 naming each offending field, and the controller never runs. After the security filter,
 * so that a request without a valid token learns only that (401), and after the size check (413).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(ContractFilter.ORDER)
final class ContractFilter {

    /** After the security filter and the body size check ({@code RequestSizeFilter}). */
    public static final int ORDER = RequestSizeFilter.ORDER + 10;

    private final ApiContract contract;
    private final ErrorResponseProcessor<?> problems;

    ContractFilter(ApiContract contract, ErrorResponseProcessor<?> problems) {
        this.contract = contract;
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> holdToContract(HttpRequest<?> request, @Body @Nullable String body) {
        var match = RouteAttributes.getRouteMatch(request);
        if (match.isEmpty() || !(match.get().getRouteInfo() instanceof UriRouteInfo<?, ?> route)) {
            return null;
        }
        Optional<OperationContract> operation = contract.operation(route.getHttpMethodName(), route.getUriMatchTemplate().toString());
        if (operation.isEmpty()) {
            return null;
        }
        if (operation.get().takesJsonBody() && body != null && !body.isBlank() && request.getContentType().isEmpty()) {
            // a body of no declared type: JSON is what the spec takes, but nothing says this is JSON
            return problems.processResponse(ErrorContext.builder(request)
                    .errorMessage("The request body needs Content-Type: application/json.").build(),
                HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE));
        }
        Map<String, Object> variables = match.get() instanceof UriRouteMatch<?, ?> uri ? uri.getVariableValues() : Map.of();
        OperationContract.Violations violations = operation.get().check(request, variables, body);
        if (violations.none()) {
            return null;
        }
        ErrorContext.Builder error = ErrorContext.builder(request);
        if (violations.malformedBody() != null && violations.errors().isEmpty()) {
            error.errorMessage(violations.malformedBody());
        } else {
            List<FieldError> errors = new ArrayList<>(violations.errors());
            if (violations.malformedBody() != null) {
                errors.add(new FieldError("body", violations.malformedBody()));
            }
            error.cause(new FieldViolationException(errors));
        }
        return problems.processResponse(error.build(), HttpResponse.badRequest());
    }
}
