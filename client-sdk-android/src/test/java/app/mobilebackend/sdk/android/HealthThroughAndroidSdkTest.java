package app.mobilebackend.sdk.android;

import app.mobilebackend.sdk.android.api.HealthApi;
import app.mobilebackend.sdk.android.model.Health;
import app.mobilebackend.sdk.android.model.HealthStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The health check, read through the Android SDK without a token. */
class HealthThroughAndroidSdkTest extends DevServerTestBase {

    @Test
    void reportsUpWithoutAToken() throws Exception {
        ApiResponse<Health> answer = new HealthApi(anonymousClient()).getHealthWithHttpInfo();

        assertEquals(200, answer.getStatusCode());
        assertEquals(new Health().status(HealthStatus.UP).checks(Map.of("database", HealthStatus.UP)), answer.getData());
        assertEquals(List.of("no-store"), answer.getHeaders().get("Cache-Control"));
    }
}
