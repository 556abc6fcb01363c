package app.mobilebackend.core.contract;

import app.mobilebackend.api.model.FieldError;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec as the rule at the edge, without a function around it: what {@link OperationContract#check} finds. */
class ApiContractTest {

    private static ApplicationContext context;
    private static ApiContract contract;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder().properties(Map.of("datasources.default.enabled", false)).build().start();
        contract = context.getBean(ApiContract.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void readsNoSpecAtStartInAFunctionWithoutRoutes() {
        try (ApplicationContext triggerLike = ApplicationContext.builder().properties(Map.of("datasources.default.enabled", false)).build().start()) {
            assertFalse(triggerLike.getBean(ApiContract.class).specRead());
        }
    }

    @Test
    void buildsTheRulesOfEveryOperationTheSpecDeclares() {
        List<String> operations = contract.declaredOperations();
        assertTrue(operations.size() >= 22, operations.toString());
        for (String operation : operations) {
            String[] methodAndPath = operation.split(" ", 2);
            assertTrue(contract.operation(methodAndPath[0], methodAndPath[1]).isPresent(), operation);
        }
        assertTrue(contract.operation("GET", "/nowhere").isEmpty());
    }

    @Test
    void refusesEveryMistypedFieldAtOnce() {
        var violations = check("POST", "/todos", Map.of(), "{\"title\":[\"x\"],\"notes\":12,\"done\":null,\"dueAt\":1764612000}");

        assertEquals(List.of(new FieldError("title", "must be a string"), new FieldError("notes", "must be a string"),
            new FieldError("done", "must not be null"), new FieldError("dueAt", "must be a string")), sorted(violations.errors(), "title", "notes", "done", "dueAt"));
    }

    @Test
    void countsLengthsInCodePoints() {
        String emoji = "\uD83D\uDE00";
        assertTrue(check("POST", "/todos", Map.of(), "{\"title\":\"" + emoji.repeat(200) + "\"}").none());
        assertEquals(List.of(new FieldError("title", "must be at most 200 characters long")),
            check("POST", "/todos", Map.of(), "{\"title\":\"" + emoji.repeat(201) + "\"}").errors());
    }

    @Test
    void namesNestedFieldsAsTheClientCountsThem() {
        var violations = check("POST", "/orders", Map.of(), "{\"lines\":[{\"sku\":\"A\",\"quantity\":1},{\"sku\":\"B\",\"quantity\":\"2\"},{\"quantity\":1000}]}");

        assertEquals(List.of("Idempotency-Key", "lines[1].quantity", "lines[2].quantity", "lines[2].sku"),
            violations.errors().stream().map(FieldError::getField).sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\":\"a\"}{}", "{\"title\":\"a\"} x", "{\"title\":", "{\"title\":\"a\",\"title\":\"b\"}", "nope"})
    void refusesWhatIsNotExactlyOneJsonValue(String body) {
        var violations = check("POST", "/todos", Map.of(), body);

        assertNotNull(violations.malformedBody(), body);
        assertFalse(violations.malformedBody().contains("Exception"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"title\":\"a\"}{}", "{\"title\":\"a\"} x", "{\"title\":\"a\"},", "[] []", "{\"title\":\"a\"}\n\"more\""})
    void saysWhenDataFollowsTheJsonValue(String body) {
        assertEquals("The request body has more data after its JSON value.", check("POST", "/todos", Map.of(), body).malformedBody());
    }

    @Test
    void acceptsWhitespaceAfterTheJsonValue() {
        assertTrue(check("POST", "/todos", Map.of(), "{\"title\":\"a\"}\n  \t").none());
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "TRUE", "1", "", "yes"})
    void readsBooleanParametersOnlyAsTrueOrFalse(String done) {
        assertEquals(List.of(new FieldError("done", "must be true or false")),
            check("GET", "/todos?done=" + done, Map.of(), null).errors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.0", "+5", "0x10", "0", "101", "007"})
    void readsIntegerParametersStrictlyAndInRange(String limit) {
        var errors = check("GET", "/todos?limit=" + limit, Map.of(), null).errors();

        assertEquals(1, errors.size(), errors.toString());
        assertEquals("limit", errors.get(0).getField());
    }

    @Test
    void acceptsParametersThatKeepTheContract() {
        assertTrue(check("GET", "/todos?limit=100&done=false&cursor=abc", Map.of(), null).none());
    }

    @Test
    void refusesAPathParameterLongerThanTheSpecAllows() {
        var errors = check("GET", "/todos/{todoId}", Map.of("todoId", "x".repeat(65)), null).errors();

        assertEquals(List.of(new FieldError("todoId", "must be at most 64 characters long")), errors);
    }

    @Test
    void requiresTheHeadersTheSpecRequires() {
        var errors = check("POST", "/orders", Map.of(), "{\"lines\":[{\"sku\":\"A\",\"quantity\":1}]}").errors();

        assertEquals(List.of(new FieldError("Idempotency-Key", "is required")), errors);
    }

    /** {@code template} as the route matched it, with an optional query ({@code /todos?done=x}). */
    private static OperationContract.Violations check(String method, String template, Map<String, Object> pathVariables, String body) {
        String path = template.contains("?") ? template.substring(0, template.indexOf('?')) : template;
        MutableHttpRequest<?> request = HttpRequest.create(HttpMethod.valueOf(method), "/");
        if (template.contains("?")) {
            for (String pair : template.substring(template.indexOf('?') + 1).split("&")) {
                request.getParameters().add(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return contract.operation(method, path).orElseThrow().check(request, pathVariables, body);
    }

    private static List<FieldError> sorted(List<FieldError> errors, String... order) {
        List<String> fields = List.of(order);
        return errors.stream().sorted((a, b) -> fields.indexOf(a.getField()) - fields.indexOf(b.getField())).toList();
    }
}
