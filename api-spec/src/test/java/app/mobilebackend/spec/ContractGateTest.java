package app.mobilebackend.spec;

import app.mobilebackend.spec.ApiChangelog.Item;
import app.mobilebackend.spec.ApiChangelog.Section;
import app.mobilebackend.spec.ContractGate.BreakingChangeException;
import app.mobilebackend.spec.ContractGate.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The breaking-change gate on edited copies of the real, released spec ({@code api-spec/released/openapi.yaml}): the
 * baseline is that text as it is, the current spec the same text with one change made by string replacement, so that
 * the tests follow the spec. They start from the released spec, not the working one, so that work in progress on
 * {@code openapi.yaml} (removing {@code Todo.notes}, say) meets the gate rather than failing these tests first; an
 * edit that no longer finds its text in a newly released spec fails with the text it looked for.
 */
class ContractGateTest {

    /** Where the Todo schema shows: the responses that carry a to-do. */
    private static final List<String> TODO_RESPONSES = List.of(
        "`GET /todos` response 200", "`POST /todos` response 201",
        "`GET /todos/{todoId}` response 200", "`PUT /todos/{todoId}` response 200");
    private static final List<String> CREATE_REQUEST = List.of("`POST /todos` request body");

    private static final String TODO_NOTES = """
                notes:
                  type: string
                  maxLength: 4000
                  nullable: true
        """;

    private static String spec;
    private static String version;
    private static String nextMajor;
    private static String nextMinor;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSpec() throws IOException {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        spec = Files.readString(root.resolve("api-spec/released/openapi.yaml"));
        Matcher info = Pattern.compile("(?m)^  version: (\\d+)\\.(\\d+)\\.(\\d+)$").matcher(spec);
        assertTrue(info.find(), "info.version of the released spec");
        version = info.group(1) + "." + info.group(2) + "." + info.group(3);
        nextMajor = (Integer.parseInt(info.group(1)) + 1) + ".0.0";
        nextMinor = info.group(1) + "." + (Integer.parseInt(info.group(2)) + 1) + ".0";
    }

    @Test
    void anUnchangedSpecPassesAndTheChangelogSaysNothingChanged() throws IOException {
        Verdict verdict = gate(spec);

        assertEquals(List.of(), verdict.changes());
        assertTrue(verdict.passed());
        assertEquals("", verdict.failureMessage());
        assertTrue(verdict.changelog().contains("\n**No changes** to the API since the released baseline.\n"), verdict.changelog());
        assertFalse(verdict.changelog().contains("###"), verdict.changelog());
    }

    @Test
    void aDocumentationOnlyChangeIsNoApiChange() throws IOException {
        Verdict verdict = gate(once(spec, "summary: Create a to-do\n", "summary: Create a to-do for the caller\n"));

        assertEquals(List.of(), verdict.changes());
        assertTrue(verdict.passed());
        assertTrue(verdict.changelog().contains(
            "\n**No changes** to the API since the released baseline (only descriptions, summaries or examples differ).\n"),
            verdict.changelog());
    }

    @Test
    void anOptionalResponsePropertyIsAddedAndNotBreaking() throws IOException {
        Verdict verdict = gate(inSchema(spec, "Todo", "      properties:\n", """
                  properties:
                    priority:
                      type: integer
                      format: int32
            """));

        Item added = new Item(Section.ADDED, "`Todo.priority` (integer/int32, optional)", false, TODO_RESPONSES);
        assertEquals(List.of(added), verdict.changes());
        assertTrue(verdict.passed());
        String changelog = verdict.changelog();
        assertTrue(changelog.contains("\n**Compatible**: 1 change, none breaking.\n"), changelog);
        assertTrue(changelog.contains("\n### Added\n\n- `Todo.priority` (integer/int32, optional) — in `GET /todos` response 200, "
            + "`POST /todos` response 201, `GET /todos/{todoId}` response 200, `PUT /todos/{todoId}` response 200\n"), changelog);
        assertTrue(changelog.contains("\n### Changed\n\nNone.\n"), changelog);
        assertTrue(changelog.contains("\n### Deprecated\n\nNone.\n"), changelog);
        assertTrue(changelog.contains("\n### Removed\n\nNone.\n"), changelog);
        assertTrue(changelog.contains("`info.version` is " + version + ", not above the baseline's"), changelog);
        assertFalse(changelog.contains("BREAKING"), changelog);
    }

    @Test
    void aNewEnumValueInAResponseIsNotBreakingForSdksThatReadItAsUnknown() throws IOException {
        Verdict verdict = gate(inSchema(spec, "HealthStatus", "      enum: [UP, DOWN]\n", "      enum: [UP, DOWN, DEGRADED]\n"));

        assertFalse(verdict.changes().isEmpty(), verdict.changelog());
        assertTrue(verdict.changes().stream().anyMatch(item -> item.section() == Section.ADDED && item.what().contains("DEGRADED")),
            verdict.changelog());
        assertTrue(verdict.breakingChanges().isEmpty(), verdict.changelog());
        assertTrue(verdict.passed(), verdict.changelog());
    }

    @Test
    void anOptionalQueryParameterIsAddedAndNotBreaking() throws IOException {
        Verdict verdict = gate(withQueryParameterOnListTodos(false));

        assertEquals(List.of(new Item(Section.ADDED, "parameter `q` (query), optional", false, List.of("`GET /todos`"))),
            verdict.changes());
        assertTrue(verdict.passed());
        assertTrue(verdict.changelog().contains("\n### Added\n\n- parameter `q` (query), optional — in `GET /todos`\n"),
            verdict.changelog());
    }

    @Test
    void aRequiredQueryParameterIsBreaking() throws IOException {
        Verdict verdict = gate(withQueryParameterOnListTodos(true));

        assertEquals(List.of(new Item(Section.ADDED, "parameter `q` (query), required", true, List.of("`GET /todos`"))),
            verdict.changes());
        assertFalse(verdict.passed());
    }

    @Test
    void aPropertyRemovedFromAResponseFailsTheGateNamingIt() throws IOException {
        String current = inSchema(spec, "Todo", TODO_NOTES, "");
        Verdict verdict = gate(current);

        assertEquals(List.of(new Item(Section.REMOVED, "`Todo.notes`", true, TODO_RESPONSES)), verdict.changes());
        assertFalse(verdict.passed());
        String message = verdict.failureMessage();
        assertTrue(message.startsWith("API contract gate: 1 breaking change against the released baseline "), message);
        assertTrue(message.contains("\n  - Removed: `Todo.notes` — in `GET /todos` response 200, "), message);
        assertTrue(message.contains(" to " + nextMajor + " (it is " + version + ")."), message);
        assertTrue(verdict.changelog().contains("\n### Removed\n\n- **BREAKING** `Todo.notes` — in "), verdict.changelog());
    }

    @Test
    void aDeprecatedResponsePropertyIsNotBreaking() throws IOException {
        Verdict verdict = gate(inSchema(spec, "Todo", TODO_NOTES, TODO_NOTES + "          deprecated: true\n"));

        assertEquals(List.of(new Item(Section.DEPRECATED, "`Todo.notes`", false, TODO_RESPONSES)), verdict.changes());
        assertTrue(verdict.passed());
        assertTrue(verdict.changelog().contains("\n### Deprecated\n\n- `Todo.notes` — in `GET /todos` response 200, "),
            verdict.changelog());
    }

    @Test
    void theBuildEntryPointFailsOnABreakingChangeAndStillWritesTheChangelog() throws IOException {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), inSchema(spec, "Todo", TODO_NOTES, ""));
        Path changelog = dir.resolve("target/api-changelog.md");

        BreakingChangeException failure = assertThrows(BreakingChangeException.class, () ->
            quietly(() -> ContractGate.main(new String[] {current.toString(), baseline.toString(), changelog.toString()})));

        assertTrue(failure.getMessage().contains("Removed: `Todo.notes`"), failure.getMessage());
        assertTrue(Files.readString(changelog).contains("- **BREAKING** `Todo.notes` — in "), Files.readString(changelog));
    }

    @Test
    void theBuildEntryPointPassesAnUnchangedSpec() throws Throwable {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), spec);
        Path changelog = dir.resolve("api-changelog.md");

        quietly(() -> ContractGate.main(new String[] {current.toString(), baseline.toString(), changelog.toString()}));

        assertTrue(Files.readString(changelog).contains("**No changes**"), Files.readString(changelog));
    }

    @Test
    void aRequestFieldNarrowedFromStringToIntegerFailsTheGate() throws IOException {
        Verdict verdict = gate(inSchema(spec, "TodoCreate", """
                    title:
                      type: string
            """, """
                    title:
                      type: integer
            """));

        assertEquals(List.of(new Item(Section.CHANGED, "`TodoCreate.title`: type `string` → `integer`", true, CREATE_REQUEST)),
            verdict.changes());
        assertFalse(verdict.passed());
        assertTrue(verdict.failureMessage().contains("\n  - Changed: `TodoCreate.title`: type `string` → `integer` — in "
            + "`POST /todos` request body\n"), verdict.failureMessage());
    }

    @Test
    void anOptionalRequestFieldMadeRequiredFailsTheGate() throws IOException {
        Verdict verdict = gate(inSchema(spec, "TodoCreate", "      required: [title]\n", "      required: [title, dueAt]\n"));

        assertEquals(List.of(new Item(Section.CHANGED, "`TodoCreate.dueAt` is now required", true, CREATE_REQUEST)),
            verdict.changes());
        assertFalse(verdict.passed());
        assertTrue(verdict.failureMessage().contains("`TodoCreate.dueAt` is now required"), verdict.failureMessage());
    }

    @Test
    void aRenamedOperationIdIsBreakingForTheGeneratedSdks() throws IOException {
        Verdict verdict = gate(once(spec, "operationId: listTodos\n", "operationId: listAllTodos\n"));

        assertEquals(List.of(new Item(Section.CHANGED, "operationId `listTodos` → `listAllTodos`", true, List.of("`GET /todos`"))),
            verdict.changes());
        assertFalse(verdict.passed());
    }

    @Test
    void aBreakingChangePassesWithANewMajorVersionAndIsStillMarkedBreaking() throws IOException {
        Verdict verdict = gate(withVersion(inSchema(spec, "Todo", TODO_NOTES, ""), nextMajor));

        assertEquals(List.of(new Item(Section.REMOVED, "`Todo.notes`", true, TODO_RESPONSES)), verdict.changes());
        assertTrue(verdict.passed());
        assertEquals("", verdict.failureMessage());
        String changelog = verdict.changelog();
        assertTrue(changelog.contains(" " + version + " → " + nextMajor + "\n"), changelog);
        assertTrue(changelog.contains("\n**BREAKING**: 1 of 1 change breaks existing clients, allowed by the new major version "
            + nextMajor + ".\n"), changelog);
        assertTrue(changelog.contains("\n### Removed\n\n- **BREAKING** `Todo.notes` — in "), changelog);
    }

    @Test
    void aBreakingChangeFailsWithOnlyANewMinorVersion() throws IOException {
        Verdict verdict = gate(withVersion(inSchema(spec, "Todo", TODO_NOTES, ""), nextMinor));

        assertFalse(verdict.passed());
        assertTrue(verdict.failureMessage().contains(" to " + nextMajor + " (it is " + nextMinor + ")."), verdict.failureMessage());
    }

    @Test
    void aVersionThatIsNotSemanticIsRejected() throws IOException {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> gate(withVersion(spec, "v1")));

        assertTrue(failure.getMessage().contains("info.version 'v1' of "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith(" is not a semantic version (MAJOR.MINOR.PATCH)"), failure.getMessage());
    }

    @Test
    void releasingTheReleasedSpecChangesNothing() throws IOException {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), spec);

        assertTrue(ReleaseBaseline.release(current, baseline).startsWith("Nothing to release: "));
        assertEquals(spec, Files.readString(baseline));
    }

    @Test
    void releaseRefusesAChangedSpecWithTheBaselinesVersion() throws IOException {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), withQueryParameterOnListTodos(false));

        IllegalStateException refusal = assertThrows(IllegalStateException.class, () -> ReleaseBaseline.release(current, baseline));

        assertTrue(refusal.getMessage().contains("info.version " + version + " is not above the baseline's " + version),
            refusal.getMessage());
        assertEquals(spec, Files.readString(baseline));
    }

    @Test
    void releaseRefusesABreakingChangeWithoutANewMajorVersion() throws IOException {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), withVersion(inSchema(spec, "Todo", TODO_NOTES, ""), nextMinor));

        BreakingChangeException refusal = assertThrows(BreakingChangeException.class, () -> ReleaseBaseline.release(current, baseline));

        assertTrue(refusal.getMessage().contains("Removed: `Todo.notes`"), refusal.getMessage());
        assertEquals(spec, Files.readString(baseline));
    }

    @Test
    void releaseMakesACompatibleSpecWithAHigherVersionTheBaseline() throws IOException {
        String released = withVersion(withQueryParameterOnListTodos(false), nextMinor);
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), released);

        assertTrue(ReleaseBaseline.release(current, baseline).startsWith("Released: "));

        assertEquals(released, Files.readString(baseline));
        assertEquals(List.of(), ContractGate.check(current, baseline).changes());
    }

    /** Runs the build entry point without its printout, which the build log shows but the test log needs not. */
    private static void quietly(Executable main) throws Throwable {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            main.execute();
        } finally {
            System.setOut(out);
        }
    }

    private Verdict gate(String current) throws IOException {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path edited = Files.writeString(dir.resolve("openapi.yaml"), current);
        return ContractGate.check(edited, baseline);
    }

    private static String withQueryParameterOnListTodos(boolean required) {
        int listTodos = spec.indexOf("operationId: listTodos\n");
        assertTrue(listTodos >= 0, "listTodos");
        String parameters = "      parameters:\n";
        int at = spec.indexOf(parameters, listTodos) + parameters.length();
        return spec.substring(0, at) + """
                    - name: q
                      in: query
                      description: Only to-dos whose title contains this text.
                      required: %s
                      schema:
                        type: string
            """.formatted(required) + spec.substring(at);
    }

    private static String withVersion(String text, String newVersion) {
        return once(text, "\n  version: " + version + "\n", "\n  version: " + newVersion + "\n");
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
