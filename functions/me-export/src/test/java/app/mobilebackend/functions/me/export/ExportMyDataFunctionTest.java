package app.mobilebackend.functions.me.export;

import app.mobilebackend.api.model.DataExport;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.core.audit.AuditLog;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.preferences.PreferencesService;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.todos.TodoService;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportMyDataFunctionTest {

    private static LocalFunction function;
    private static TodoService todos;
    private static PreferencesService preferences;
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
        todos = function.context().getBean(TodoService.class);
        preferences = function.context().getBean(PreferencesService.class);
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @BeforeEach
    void captureAudit() {
        audit.start();
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).addAppender(audit);
    }

    @AfterEach
    void releaseAudit() {
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).detachAppender(audit);
    }

    @Test
    void exportsTheCallersDataAndNobodyElses() {
        TestUser alice = TestUser.fresh();
        TestUser bob = TestUser.fresh();
        todos.create(alice.sub(), new TodoCreate("Alice's secret plan"));
        todos.create(alice.sub(), new TodoCreate("Alice's second plan"));
        preferences.put(alice.sub(), "\"0\"", Map.of("theme", "dark"));
        todos.create(bob.sub(), new TodoCreate("Bob's plan"));

        var response = function.handle(ApiGatewayEvents.request("GET", "/me/export").bearer(alice.token()).build());

        assertEquals(200, response.getStatusCode(), response.getBody());
        DataExport export = function.read(response.getBody(), DataExport.class);
        assertEquals(alice.sub(), export.getUserId());
        assertEquals(List.of("Alice's secret plan", "Alice's second plan"), export.getTodos().stream().map(t -> t.getTitle()).toList());
        assertEquals("dark", export.getPreferences().getValues().get("theme"));
        assertEquals(1L, export.getPreferences().getVersion());
        assertFalse(response.getBody().contains("Bob's plan"));
        Map<String, Object> document = function.readMap(response.getBody());
        for (String area : List.of("todos", "preferences", "files", "orders", "devices")) {
            assertTrue(document.containsKey(area), "the export has " + area + " even when empty: " + document.keySet());
        }
    }

    @Test
    void aNewUserGetsEmptyAreas() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/me/export").bearer(TestUser.fresh().token()).build());

        assertEquals(200, response.getStatusCode());
        DataExport export = function.read(response.getBody(), DataExport.class);
        assertTrue(export.getTodos().isEmpty());
        assertEquals(0L, export.getPreferences().getVersion());
    }

    @Test
    void accessIsAuditedWithoutTheData() {
        TestUser alice = TestUser.fresh();
        todos.create(alice.sub(), new TodoCreate("Alice's secret plan"));

        function.handle(ApiGatewayEvents.request("GET", "/me/export").bearer(alice.token()).build());

        List<Map<String, Object>> records = audit.list.stream().map(e -> function.readMap(e.getFormattedMessage())).toList();
        assertEquals(1, records.size(), records.toString());
        Map<String, Object> record = records.get(0);
        assertEquals("access", record.get("event"));
        assertEquals(alice.sub(), record.get("actor"));
        assertEquals("exportMyData", record.get("action"));
        assertEquals("/me/export", record.get("route"));
        assertEquals(200, ((Number) record.get("status")).intValue());
        assertFalse(audit.list.get(0).getFormattedMessage().contains("secret plan"), "no personal data in the audit record");
    }

    @Test
    void refusesWithoutToken() {
        var response = function.handle(ApiGatewayEvents.request("GET", "/me/export").build());

        assertEquals(401, response.getStatusCode());
    }
}
