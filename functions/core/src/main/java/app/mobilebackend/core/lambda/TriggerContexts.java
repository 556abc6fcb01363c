package app.mobilebackend.core.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.HashMap;
import java.util.Map;

/**
 * The application context of a function that an AWS service (Cognito) calls rather than API Gateway: no HTTP
 * security, so no token settings, and only the beans it uses. Not the Lambda builder's eager start, which would
 * build every singleton of core (each repository, the token validator) and cannot be switched off once set.
 */
public final class TriggerContexts {

    private static final String[] LAMBDA_ENVIRONMENTS = {"function", "lambda"};

    private TriggerContexts() {
    }

    /** A builder for a trigger that uses the database. */
    public static ApplicationContextBuilder withDatabase() {
        return builder(Map.of());
    }

    /** A builder for a trigger that never touches the database: no pool, no database settings, no route to it. */
    public static ApplicationContextBuilder withoutDatabase() {
        return builder(Map.of("datasources.default.enabled", false));
    }

    private static ApplicationContextBuilder builder(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("micronaut.security.enabled", false);
        // Environments set, not deduced, as for the HTTP functions (ApiGatewayHandler#contextBuilder).
        return ApplicationContext.builder().environments(LAMBDA_ENVIRONMENTS).properties(properties)
            .deduceEnvironment(false).deduceCloudEnvironment(false).bootstrapEnvironment(false);
    }
}
