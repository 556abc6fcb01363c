package app.mobilebackend.sdk;

import app.mobilebackend.sdk.api.HealthApi;
import app.mobilebackend.sdk.model.Health;
import app.mobilebackend.sdk.model.HealthStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The health check, read through the Java SDK without a token. */
class HealthThroughJavaSdkTest extends DevServerTestBase {

    @Test
    void reportsUpWithoutAToken() throws Exception {
        ApiResponse<Health> answer = new HealthApi(anonymousClient()).getHealthWithHttpInfo();

        assertEquals(200, answer.getStatusCode());
        assertEquals(new Health().status(HealthStatus.UP).checks(Map.of("database", HealthStatus.UP)), answer.getData());
        assertEquals(List.of("no-store"), answer.getHeaders().get("Cache-Control"));
    }
}
