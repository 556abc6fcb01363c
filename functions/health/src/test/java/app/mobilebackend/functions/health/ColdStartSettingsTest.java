package app.mobilebackend.functions.health;

import app.mobilebackend.core.lambda.ApiGatewayHandler;
import app.mobilebackend.testkit.LocalFunction;
import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.MicronautLambdaContext;
import io.micronaut.security.endpoints.introspection.IntrospectionController;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a function does at every cold start, held to what it needs. */
class ColdStartSettingsTest {

    private static LocalFunction function;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void theEnvironmentIsSetNotDeduced() {
        var configuration = (ApplicationContextConfiguration) ApiGatewayHandler.contextBuilder();
        assertEquals(Optional.of(false), configuration.getDeduceEnvironments());
        assertFalse(configuration.isDeduceCloudEnvironment());
        assertEquals(Boolean.FALSE, configuration.isBootstrapEnvironmentEnabled());
        // The handler the runtime builds starts from that builder: only the environments it names are active.
        assertEquals(Set.of(Environment.FUNCTION, MicronautLambdaContext.ENVIRONMENT_LAMBDA),
            function.context().getEnvironment().getActiveNames());
    }

    @Test
    void aMissingTokenSettingStopsTheStart() {
        // Checked by AuthConfiguration itself (no bean validation in the jar), as the context starts.
        RuntimeException blankIssuer = assertThrows(RuntimeException.class, () -> LocalFunction.start(Map.of("auth.issuer", " ")));
        assertTrue(messages(blankIssuer).contains("auth.issuer (AUTH_ISSUER) must be set"), messages(blankIssuer));
        RuntimeException noClient = assertThrows(RuntimeException.class, () -> LocalFunction.start(Map.of("auth.client-ids", List.of())));
        assertTrue(messages(noClient).contains("auth.client-ids (AUTH_CLIENT_IDS)"), messages(noClient));
    }

    @Test
    void secretsManagerLoginWithoutItsClientInTheJarStopsTheStart() {
        // This jar, as every function's, carries no Secrets Manager client (optional in functions-core).
        RuntimeException refused = assertThrows(RuntimeException.class,
            () -> LocalFunction.start(Map.of("db.auth", "secrets-manager", "db.secret-id", "mobile-backend/db")));
        assertTrue(messages(refused).contains("declare software.amazon.awssdk:secretsmanager"), messages(refused));
    }

    private static String messages(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void noEndpointOfMicronautSecurityIsBuilt() {
        assertFalse(function.context().containsBean(IntrospectionController.class));
        assertEquals(Set.of("/health"), function.context().getBean(Router.class).uriRoutes()
            .map(UriRouteInfo::getUriMatchTemplate).map(Object::toString).collect(Collectors.toSet()));
    }
}
