package app.mobilebackend.core.audit;

import app.mobilebackend.core.lambda.CurrentInvocation;
import app.mobilebackend.core.security.CurrentUser;
import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.MethodBasedRouteInfo;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;

import java.security.Principal;
import java.time.Clock;

/**
 * Every request to the API but {@code /health} leaves one audit record: the caller, the operation, the resource's
 * path and the status — every one of them touches a user's personal data (DESIGN "Data"). Bodies never. Requests
 * the security filter refuses (401) touch nothing and do not reach this filter's response phase.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AuditFilter {

    private final AuditLog log;
    private final CurrentInvocation invocation;
    private final Clock clock;

    AuditFilter(AuditLog log, CurrentInvocation invocation, Clock clock) {
        this.log = log;
        this.invocation = invocation;
        this.clock = clock;
    }

    @ResponseFilter
    void audit(HttpRequest<?> request, HttpResponse<?> response) {
        if ("/health".equals(request.getPath())) {
            return;
        }
        String action = null;
        String route = null;
        var match = RouteAttributes.getRouteMatch(request);
        if (match.isPresent()) {
            var info = match.get().getRouteInfo();
            if (info instanceof MethodBasedRouteInfo<?, ?> method) {
                action = method.getTargetMethod().getMethodName();
            }
            if (info instanceof UriRouteInfo<?, ?> uri) {
                route = uri.getUriMatchTemplate().toString();
            }
        }
        log.record(new AuditEvent("access", clock.instant(), request.getUserPrincipal().map(AuditFilter::userKey).orElse(null),
            action, request.getMethodName(), route, request.getPath(), response.code(),
            invocation.context().map(Context::getAwsRequestId).orElse(null), null));
    }

    /** The key the user's rows have (the same in both regions), not the region's own {@code sub}. */
    private static String userKey(Principal principal) {
        return principal instanceof Authentication authentication ? CurrentUser.keyOf(authentication) : principal.getName();
    }
}
