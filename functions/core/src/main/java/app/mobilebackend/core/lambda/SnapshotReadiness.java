package app.mobilebackend.core.lambda;

import io.micronaut.crac.OrderedResource;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart readiness (CRaC): before the snapshot, primes what a request needs that init may not have finished
 * (the signing keys and a database round trip, through {@link InitPhase}) while micronaut-crac's datasource resource,
 * which runs after this one, then closes the pooled connections, which would be dead in a restored copy. After
 * restore the pool is resumed by micronaut-crac and this opens and validates a fresh connection at once, so the
 * first request after a restore does not wait for it.
 */
@Singleton
final class SnapshotReadiness implements OrderedResource {

    private final InitPhase initPhase;

    SnapshotReadiness(InitPhase initPhase) {
        this.initPhase = initPhase;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        initPhase.warmUp();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        initPhase.warmUp();
    }

    /**
     * Registered last, so notified first on checkpoint (CRaC notifies in reverse registration order), before
     * micronaut-crac's datasource resource suspends the pool, and last on restore, after it resumed the pool.
     */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
