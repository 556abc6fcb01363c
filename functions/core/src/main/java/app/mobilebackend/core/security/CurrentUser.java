package app.mobilebackend.core.security;

import app.mobilebackend.core.error.ApiException;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;

/** The caller of the current request: the {@code sub} of their access token, which owns every row they touch. */
@Singleton
public final class CurrentUser {

    private final SecurityService securityService;

    CurrentUser(SecurityService securityService) {
        this.securityService = securityService;
    }

    /** The caller's subject; never blank on a secured route. */
    public String sub() {
        return securityService.username()
            .orElseThrow(() -> ApiException.unauthorized("A valid access token is required."));
    }
}
