package app.mobilebackend.functions.preferences.put;

import app.mobilebackend.api.model.Preferences;
import app.mobilebackend.api.model.Problem;

import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.preferences.PreferencesService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PutPreferencesFunctionTest {

    private static LocalFunction function;
    private static PreferencesService preferences;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
        preferences = function.context().getBean(PreferencesService.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void savesFirstVersionOverVersionZero() {
        TestUser user = TestUser.fresh();

        var response = put(user, "\"0\"", "{\"values\":{\"theme\":\"dark\",\"fontSize\":14,\"notifications\":true}}");

        assertEquals(200, response.getStatusCode());
        assertEquals("\"1\"", header(response, "ETag"));
        assertEquals(Map.of("theme", "dark", "fontSize", 14, "notifications", true), preferences.get(user.sub()).getValues());
    }

    @Test
    void syncsBetweenDevicesAndRejectsStaleSave() {
        TestUser user = TestUser.fresh();
        assertEquals(200, put(user, "\"0\"", "{\"values\":{\"theme\":\"dark\"}}").getStatusCode());
        // the second device read version 1 and saves over it
        assertEquals(200, put(user, "\"1\"", "{\"values\":{\"theme\":\"light\"}}").getStatusCode());

        // the first device still holds version 1
        var stale = put(user, "\"1\"", "{\"values\":{\"theme\":\"solarized\"}}");

        assertEquals(412, stale.getStatusCode());
        assertEquals("application/problem+json", header(stale, "Content-Type"));
        assertEquals(Map.of("theme", "light"), preferences.get(user.sub()).getValues());
        assertEquals(2L, preferences.get(user.sub()).getVersion());
        Preferences current = function.read(stale.getBody(), Problem.class).getCurrentPreferences();
        assertEquals(Map.of("theme", "light"), current.getValues());
        assertEquals(2L, current.getVersion());
    }

    @Test
    void rejectsSecondFirstSave() {
        TestUser user = TestUser.fresh();
        put(user, "\"0\"", "{\"values\":{\"theme\":\"dark\"}}");

        assertEquals(412, put(user, "\"0\"", "{\"values\":{\"theme\":\"light\"}}").getStatusCode());
    }

    @Test
    void savesOverWhateverVersionIsCurrentWhenIfMatchIsStar() {
        TestUser user = TestUser.fresh();
        assertEquals(200, put(user, "\"0\"", "{\"values\":{\"theme\":\"dark\"}}").getStatusCode());
        assertEquals(200, put(user, "\"1\"", "{\"values\":{\"theme\":\"light\"}}").getStatusCode());

        var response = put(user, "*", "{\"values\":{\"theme\":\"solarized\"}}");

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("\"3\"", header(response, "ETag"));
        assertEquals(Map.of("theme", "solarized"), preferences.get(user.sub()).getValues());
    }

    @Test
    void savesFirstVersionWhenIfMatchIsStar() {
        TestUser user = TestUser.fresh();

        var response = put(user, "*", "{\"values\":{\"theme\":\"dark\"}}");

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("\"1\"", header(response, "ETag"));
        assertEquals(Map.of("theme", "dark"), preferences.get(user.sub()).getValues());
    }

    @Test
    void requiresIfMatch() {
        assertEquals(428, put(TestUser.fresh(), null, "{\"values\":{\"theme\":\"dark\"}}").getStatusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"values\":{\"theme\":{\"nested\":1}}}", "{\"values\":{\"theme\":[1,2]}}", "{\"values\":{\"theme\":null}}"})
    void rejectsValuesThatAreNotStringNumberOrBoolean(String body) {
        TestUser user = TestUser.fresh();

        var response = put(user, "\"0\"", body);

        assertEquals(400, response.getStatusCode());
        assertEquals(List.of(Map.of("field", "values.theme", "message", "must be a string, a number or a boolean")),
            function.readMap(response.getBody()).get("errors"));
        assertEquals(0L, preferences.get(user.sub()).getVersion());
    }

    @Test
    void rejectsMissingValues() {
        assertEquals(400, put(TestUser.fresh(), "\"0\"", "{}").getStatusCode());
    }

    @Test
    void refusesValuesOverSixteenKilobytes() {
        TestUser user = TestUser.fresh();
        String big = "x".repeat(17 * 1024);

        var response = put(user, "\"0\"", "{\"values\":{\"note\":\"" + big + "\"}}");

        assertEquals(413, response.getStatusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
        assertEquals(0L, preferences.get(user.sub()).getVersion());
    }

    private static APIGatewayProxyResponseEvent put(TestUser user, String ifMatch, String body) {
        var request = ApiGatewayEvents.request("PUT", "/me/preferences").bearer(user.token()).json(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return function.handle(request.build());
    }
}
