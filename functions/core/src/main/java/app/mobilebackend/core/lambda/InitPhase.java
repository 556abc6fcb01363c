package app.mobilebackend.core.lambda;

import com.nimbusds.jose.jwk.JWKSet;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.security.token.jwt.signature.jwks.JwkSetFetcher;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Does at start-up, in Lambda's init phase, what the first request would otherwise wait for: fetches and parses the
 * token signing keys (JWKS) and opens and validates the pool's first database connection. Init runs before the
 * first request is routed to the container (and, with SnapStart or provisioned concurrency, long before), so the
 * user's first request no longer pays for them. A failure here is logged, never fatal: the request that needs the
 * keys or the database then fails (401 or 503) or succeeds on its own, as it would without this.
 * {@code init.warm-up=false} turns it off.
 */
@Singleton
final class InitPhase implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(InitPhase.class);

    private final BeanProvider<JwksSignatureConfiguration> signingKeys;
    private final BeanProvider<JwkSetFetcher<JWKSet>> fetcher;
    private final BeanProvider<DataSource> dataSource;
    private final boolean enabled;
    private final boolean tokensChecked;

    InitPhase(BeanProvider<JwksSignatureConfiguration> signingKeys, BeanProvider<JwkSetFetcher<JWKSet>> fetcher,
              BeanProvider<DataSource> dataSource, @Value("${init.warm-up:true}") boolean enabled,
              @Value("${auth.jwks-url:}") String jwksUrl) {
        this.signingKeys = signingKeys;
        this.fetcher = fetcher;
        // Functions no API Gateway calls (Cognito triggers, the relay) have no issuer to trust: nothing to fetch.
        this.tokensChecked = !jwksUrl.isBlank();
        this.dataSource = dataSource;
        this.enabled = enabled;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (enabled) {
            warmUp();
        }
    }

    /** Fetches the signing keys and opens and validates a pooled connection; logs what fails. */
    void warmUp() {
        for (JwksSignatureConfiguration keys : tokensChecked ? signingKeys.stream().toList() : List.<JwksSignatureConfiguration>of()) {
            try {
                // The same call, with the same cache key, as the token validator's (ReactiveJwksSignature): it fills
                // the fetcher's cache, which the first request then reads.
                Mono.from(fetcher.get().fetch(keys.getName(), keys.getUrl())).block();
            } catch (RuntimeException e) {
                LOG.warn("Could not fetch the token signing keys at start-up; the first request will try again", e);
            }
        }
        if (dataSource.isPresent()) {
            // The bean is Micronaut Data's contextual proxy, which lends connections only inside a transaction: ask the pool.
            try (Connection connection = dataSource.get().unwrap(HikariDataSource.class).getConnection()) {
                connection.isValid(2);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Could not open a database connection at start-up; the first request will try again: {}", e.toString());
            }
        }
    }
}
