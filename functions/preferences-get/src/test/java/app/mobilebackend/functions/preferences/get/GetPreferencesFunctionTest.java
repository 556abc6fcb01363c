package app.mobilebackend.functions.preferences.get;

import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.preferences.PreferencesService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static app.mobilebackend.testkit.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GetPreferencesFunctionTest {

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
    void answersEmptySetAtVersionZeroBeforeFirstSave() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/me/preferences").bearer(TestUser.fresh().token()).build());

        assertEquals(200, response.getStatusCode());
        assertEquals("\"0\"", header(response, "ETag"));
        assertEquals(Map.of("values", Map.of(), "version", 0), function.readMap(response.getBody()));
    }

    @Test
    void answersSavedValuesWithTheirVersion() {
        TestUser user = TestUser.fresh();
        preferences.put(user.sub(), "\"0\"", Map.of("theme", "dark", "fontSize", 14, "notifications", true));

        var response = function.handle(ApiGatewayEvents.request("GET", "/me/preferences").bearer(user.token()).build());

        assertEquals(200, response.getStatusCode());
        assertEquals("\"1\"", header(response, "ETag"));
        Map<String, Object> body = function.readMap(response.getBody());
        assertEquals(Map.of("theme", "dark", "fontSize", 14, "notifications", true), body.get("values"));
        assertEquals(1, body.get("version"));
    }
}
