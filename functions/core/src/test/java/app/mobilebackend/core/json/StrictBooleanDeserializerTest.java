package app.mobilebackend.core.json;

import app.mobilebackend.api.model.TodoCreate;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictBooleanDeserializerTest {

    private static ApplicationContext context;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        context = ApplicationContext.builder().properties(Map.of("datasources.default.enabled", false)).build().start();
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"maybe\"", "\"true\"", "1", "0", "{}"})
    void rejectsAnythingButTrueOrFalse(String done) {
        assertThrows(IOException.class, () -> json.readValue("{\"title\":\"x\",\"done\":" + done + "}", TodoCreate.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void readsJsonBooleans(String done) throws IOException {
        assertEquals(Boolean.valueOf(done), json.readValue("{\"title\":\"x\",\"done\":" + done + "}", TodoCreate.class).getDone());
    }
}
