package app.mobilebackend.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spec the gate's tests edit ({@code src/test/resources/contract-gate/openapi.yaml}) and the edits they make to its
 * text. Each edit replaces text that must occur exactly once where it looks, so an edit that misses fails the test.
 */
final class GateFixture {

    /** The fixture's {@code info.version}. */
    static final String VERSION = "1.0.0";

    /** {@code Todo.notes} as the fixture declares it, in {@code Todo}, {@code TodoCreate} and {@code TodoUpdate}. */
    static final String TODO_NOTES = """
                notes:
                  type: string
                  maxLength: 4000
                  nullable: true
        """;

    private GateFixture() {
    }

    /** The fixture's text. */
    static String spec() throws IOException {
        try (InputStream in = GateFixture.class.getResourceAsStream("/contract-gate/openapi.yaml")) {
            assertNotNull(in, "contract-gate/openapi.yaml on the test class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code text} with {@code Todo.notes} removed from the Todo schema: a breaking change for the responses. */
    static String withoutTodoNotes(String text) {
        return inSchema(text, "Todo", TODO_NOTES, "");
    }

    /** {@code text} with a query parameter {@code q} on {@code listTodos}, before its other parameters. */
    static String withQueryParameterOnListTodos(String text, boolean required) {
        int listTodos = text.indexOf("operationId: listTodos\n");
        assertTrue(listTodos >= 0, "listTodos");
        String parameters = "      parameters:\n";
        int at = text.indexOf(parameters, listTodos) + parameters.length();
        return text.substring(0, at) + """
                    - name: q
                      in: query
                      description: Only to-dos whose title contains this text.
                      required: %s
                      schema:
                        type: string
            """.formatted(required) + text.substring(at);
    }

    /** {@code text} with its {@code info.version} (the fixture's, {@link #VERSION}) set to {@code newVersion}. */
    static String withVersion(String text, String newVersion) {
        return once(text, "\n  version: " + VERSION + "\n", "\n  version: " + newVersion + "\n");
    }

    /** Replaces the one occurrence of {@code from} in the schema {@code name} of {@code text}. */
    static String inSchema(String text, String name, String from, String to) {
        Matcher start = Pattern.compile("(?m)^    " + Pattern.quote(name) + ":\n").matcher(text);
        assertTrue(start.find(), "schema " + name);
        Matcher next = Pattern.compile("(?m)^ {0,4}\\S").matcher(text);
        int end = next.find(start.end()) ? next.start() : text.length();
        return text.substring(0, start.start()) + once(text.substring(start.start(), end), from, to) + text.substring(end);
    }

    /** Replaces the one occurrence of {@code from} in {@code text}: an edit that misses fails the test. */
    static String once(String text, String from, String to) {
        int at = text.indexOf(from);
        assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, "exactly one occurrence of:\n" + from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
