package app.mobilebackend.functions.health;

import app.mobilebackend.api.HealthApi;
import app.mobilebackend.api.model.Health;
import app.mobilebackend.api.model.HealthStatus;
import app.mobilebackend.core.health.HealthService;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;

import java.util.Map;

/** Serves getHealth: 200 when the database answers, 503 with {@code Retry-After} when it does not. */
@Controller
public class HealthController implements HealthApi {

    private final HealthService health;

    HealthController(HealthService health) {
        this.health = health;
    }

    @Override
    public HttpResponse<Health> getHealth() {
        HealthStatus database = health.databaseUp() ? HealthStatus.UP : HealthStatus.DOWN;
        Health body = new Health(database, Map.of("database", database));
        MutableHttpResponse<Health> response = database == HealthStatus.UP
            ? HttpResponse.ok(body)
            : HttpResponse.<Health>status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, HealthService.RETRY_AFTER_SECONDS).body(body);
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
