package app.mobilebackend.functions.me.delete;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.core.me.ErasureLogRepository;
import app.mobilebackend.core.me.ErasureRecord;
import app.mobilebackend.core.me.MeService;
import app.mobilebackend.core.preferences.PreferencesService;
import app.mobilebackend.core.todos.TodoService;
import app.mobilebackend.testkit.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeleteMeFunctionTest {

    private static LocalFunction function;
    private static TodoService todos;
    private static PreferencesService preferences;
    private static MeService me;
    private static ErasureLogRepository erasures;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
        todos = function.context().getBean(TodoService.class);
        preferences = function.context().getBean(PreferencesService.class);
        me = function.context().getBean(MeService.class);
        erasures = function.context().getBean(ErasureLogRepository.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void erasesTheCallerOnlyAndLeavesARecordWithoutPersonalData() {
        TestUser alice = TestUser.fresh();
        TestUser bob = TestUser.fresh();
        todos.create(alice.sub(), new TodoCreate("Alice's plan"));
        preferences.put(alice.sub(), "\"0\"", Map.of("theme", "dark"));
        todos.create(bob.sub(), new TodoCreate("Bob's plan"));
        preferences.put(bob.sub(), "\"0\"", Map.of("theme", "light"));
        DataExport bobBefore = me.export(bob.sub());

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/me").bearer(alice.token()).build());

        assertEquals(204, response.getStatusCode(), response.getBody());
        assertNothingOf(alice.sub());
        DataExport bobAfter = me.export(bob.sub());
        assertEquals(function.write(bobBefore.exportedAt(null)), function.write(bobAfter.exportedAt(null)), "Bob is untouched");

        List<ErasureRecord> records = erasures.findBySubjectHash(MeService.subjectHash(alice.sub()));
        assertEquals(1, records.size());
        ErasureRecord record = records.get(0);
        assertFalse(record.toString().contains(alice.sub()), "the record does not name the user");
        assertTrue(record.areas().contains("Todo") && record.areas().contains("Preferences"), record.areas());
    }

    @Test
    void erasingTwiceAnswers204AgainAndKeepsBothRecords() {
        TestUser alice = TestUser.fresh();
        todos.create(alice.sub(), new TodoCreate("Alice's plan"));

        assertEquals(204, function.handle(ApiGatewayEvents.request("DELETE", "/me").bearer(alice.token()).build()).getStatusCode());
        assertEquals(204, function.handle(ApiGatewayEvents.request("DELETE", "/me").bearer(alice.token())
            .header("Accept", "application/json").build()).getStatusCode());

        assertNothingOf(alice.sub());
        assertEquals(2, erasures.findBySubjectHash(MeService.subjectHash(alice.sub())).size());
    }

    @Test
    void refusesWithoutTokenAndErasesNothing() {
        TestUser alice = TestUser.fresh();
        todos.create(alice.sub(), new TodoCreate("Alice's plan"));

        var response = function.handle(ApiGatewayEvents.request("DELETE", "/me").build());

        assertEquals(401, response.getStatusCode());
        assertEquals(1, me.export(alice.sub()).getTodos().size());
        assertTrue(erasures.findBySubjectHash(MeService.subjectHash(alice.sub())).isEmpty());
    }

    /** Every area's share of the export is empty: what each area's endpoints would show. */
    private static void assertNothingOf(String sub) {
        DataExport export = me.export(sub);
        assertTrue(export.getTodos().isEmpty(), "todos");
        assertEquals(0L, export.getPreferences().getVersion(), "preferences");
        assertTrue(export.getPreferences().getValues().isEmpty(), "preference values");
        assertTrue(export.getFiles().isEmpty(), "files");
        assertTrue(export.getOrders().isEmpty(), "orders");
        assertTrue(export.getDevices().isEmpty(), "devices");
    }
}
