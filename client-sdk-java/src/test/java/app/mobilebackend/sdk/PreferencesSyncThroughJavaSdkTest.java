package app.mobilebackend.sdk;

import app.mobilebackend.sdk.api.PreferencesApi;
import app.mobilebackend.sdk.model.Preferences;
import app.mobilebackend.sdk.model.PreferencesUpdate;
import app.mobilebackend.sdk.model.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Preferences kept in step between two devices of one user, each with its own Java SDK client. */
class PreferencesSyncThroughJavaSdkTest extends DevServerTestBase {

    @Test
    void startsEmptyAtVersionZero() throws Exception {
        PreferencesApi device = new PreferencesApi(clientFor(newSub()));

        ApiResponse<Preferences> answer = device.getPreferencesWithHttpInfo();
        assertEquals(200, answer.getStatusCode());
        assertEquals(Map.of(), answer.getData().getValues());
        assertEquals(0L, answer.getData().getVersion());
        assertNull(answer.getData().getUpdatedAt());
        assertEquals(List.of(etag(0)), answer.getHeaders().get("ETag"));
    }

    @Test
    void syncsBetweenTwoDevicesAndRejectsTheStaleOnesSave() throws Exception {
        String sub = newSub();
        ApiClient clientA = clientFor(sub);
        ApiClient clientB = clientFor(sub);
        assertNotSame(clientA, clientB);
        PreferencesApi deviceA = new PreferencesApi(clientA);
        PreferencesApi deviceB = new PreferencesApi(clientB);

        Map<String, Object> fromA = Map.of("theme", "dark", "fontSize", 14, "notifications", true);
        ApiResponse<Preferences> savedByA = deviceA.putPreferencesWithHttpInfo(
            new PreferencesUpdate().values(fromA), etag(deviceA.getPreferences().getVersion()));
        assertEquals(200, savedByA.getStatusCode());
        assertEquals(fromA, savedByA.getData().getValues());
        assertEquals(1L, savedByA.getData().getVersion());
        assertNotNull(savedByA.getData().getUpdatedAt());
        assertEquals(List.of(etag(1)), savedByA.getHeaders().get("ETag"));

        Preferences seenByB = deviceB.getPreferences();
        assertEquals(savedByA.getData(), seenByB);
        assertEquals(fromA, seenByB.getValues());
        assertEquals(1L, seenByB.getVersion());

        Map<String, Object> fromB = Map.of("theme", "light", "fontSize", 16, "notifications", false, "language", "fr");
        Preferences savedByB = deviceB.putPreferences(new PreferencesUpdate().values(fromB), etag(seenByB.getVersion()));
        assertEquals(fromB, savedByB.getValues());
        assertEquals(2L, savedByB.getVersion());

        ApiException stale = assertThrows(ApiException.class, () -> deviceA.putPreferences(
            new PreferencesUpdate().values(Map.of("theme", "solarized")), etag(savedByA.getData().getVersion())));
        assertEquals(412, stale.getCode());
        assertEquals(new Problem().type("about:blank").title("Precondition Failed").status(412)
            .detail("The preferences have changed since version 1; the current version is 2.").currentPreferences(savedByB), problemOf(stale));

        Preferences reread = deviceA.getPreferences();
        assertEquals(savedByB, reread);
        assertEquals(fromB, reread.getValues());
        assertEquals(2L, reread.getVersion());

        Preferences resaved = deviceA.putPreferences(
            new PreferencesUpdate().values(Map.of("theme", "solarized")), etag(reread.getVersion()));
        assertEquals(Map.of("theme", "solarized"), resaved.getValues());
        assertEquals(3L, resaved.getVersion());
        assertEquals(resaved, deviceB.getPreferences());
    }

    @Test
    void letsOnlyOneOfTwoFirstSavesWin() throws Exception {
        String sub = newSub();
        PreferencesApi deviceA = new PreferencesApi(clientFor(sub));
        PreferencesApi deviceB = new PreferencesApi(clientFor(sub));

        Preferences savedByA = deviceA.putPreferences(new PreferencesUpdate().values(Map.of("theme", "dark")), etag(0));
        assertEquals(1L, savedByA.getVersion());

        ApiException stale = assertThrows(ApiException.class,
            () -> deviceB.putPreferences(new PreferencesUpdate().values(Map.of("theme", "light")), etag(0)));
        assertEquals(412, stale.getCode());
        assertEquals(new Problem().type("about:blank").title("Precondition Failed").status(412)
            .detail("The preferences have changed since version 0; the current version is 1.").currentPreferences(savedByA), problemOf(stale));
        assertEquals(savedByA, deviceB.getPreferences());
    }

    @Test
    void refusesASaveWithoutIfMatch() throws Exception {
        PreferencesApi device = new PreferencesApi(clientFor(newSub()));

        ApiException missing = assertThrows(ApiException.class,
            () -> device.putPreferences(new PreferencesUpdate().values(Map.of("theme", "dark")), null));
        assertEquals(428, missing.getCode());
        assertEquals(new Problem().type("about:blank").title("Precondition Required").status(428)
            .detail("This operation requires an If-Match header with the current ETag."), problemOf(missing));
        assertEquals(0L, device.getPreferences().getVersion());
    }
}
