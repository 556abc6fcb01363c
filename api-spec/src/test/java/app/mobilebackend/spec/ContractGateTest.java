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

import static app.mobilebackend.spec.GateFixture.TODO_NOTES;
import static app.mobilebackend.spec.GateFixture.VERSION;
import static app.mobilebackend.spec.GateFixture.inSchema;
import static app.mobilebackend.spec.GateFixture.once;
import static app.mobilebackend.spec.GateFixture.withQueryParameterOnListTodos;
import static app.mobilebackend.spec.GateFixture.withVersion;
import static app.mobilebackend.spec.GateFixture.withoutTodoNotes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The breaking-change gate on edited copies of a fixture spec ({@code src/test/resources/contract-gate/openapi.yaml},
 * {@link GateFixture}): the baseline is the fixture as it is, the current spec the same text with one change made by
 * string replacement. The fixture is neither the released baseline nor the working spec, so that releases move the
 * baseline and work in progress on {@code openapi.yaml} (removing {@code Todo.notes}, say) meets the gate, without
 * changing what these tests prove; an edit that no longer finds its text in the fixture fails with the text it looked for.
 */
class ContractGateTest {

    /** Where the Todo schema shows: the responses that carry a to-do. */
    private static final List<String> TODO_RESPONSES = List.of(
        "`GET /todos` response 200", "`POST /todos` response 201",
        "`GET /todos/{todoId}` response 200", "`PUT /todos/{todoId}` response 200");
    private static final List<String> CREATE_REQUEST = List.of("`POST /todos` request body");

    private static final String NEXT_MINOR = "1.1.0";
    private static final String NEXT_MAJOR = "2.0.0";

    private static String spec;

    @TempDir
    Path dir;

    @BeforeAll
    static void readFixture() throws IOException {
        spec = GateFixture.spec();
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
        assertTrue(changelog.contains("`info.version` is " + VERSION + ", not above the baseline's"), changelog);
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
        Verdict verdict = gate(withQueryParameterOnListTodos(spec, false));

        assertEquals(List.of(new Item(Section.ADDED, "parameter `q` (query), optional", false, List.of("`GET /todos`"))),
            verdict.changes());
        assertTrue(verdict.passed());
        assertTrue(verdict.changelog().contains("\n### Added\n\n- parameter `q` (query), optional — in `GET /todos`\n"),
            verdict.changelog());
    }

    @Test
    void aRequiredQueryParameterIsBreaking() throws IOException {
        Verdict verdict = gate(withQueryParameterOnListTodos(spec, true));

        assertEquals(List.of(new Item(Section.ADDED, "parameter `q` (query), required", true, List.of("`GET /todos`"))),
            verdict.changes());
        assertFalse(verdict.passed());
    }

    @Test
    void aPropertyRemovedFromAResponseFailsTheGateNamingIt() throws IOException {
        String current = withoutTodoNotes(spec);
        Verdict verdict = gate(current);

        assertEquals(List.of(new Item(Section.REMOVED, "`Todo.notes`", true, TODO_RESPONSES)), verdict.changes());
        assertFalse(verdict.passed());
        String message = verdict.failureMessage();
        assertTrue(message.startsWith("API contract gate: 1 breaking change against the released baseline "), message);
        assertTrue(message.contains("\n  - Removed: `Todo.notes` — in `GET /todos` response 200, "), message);
        assertTrue(message.contains(" to " + NEXT_MAJOR + " (it is " + VERSION + ")."), message);
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
        Path current = Files.writeString(dir.resolve("openapi.yaml"), withoutTodoNotes(spec));
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
    void aRaisedMinLengthOnARequestFieldFailsTheGate() throws IOException {
        Verdict verdict = gate(inSchema(spec, "TodoCreate", """
                    title:
                      type: string
                      minLength: 1
            """, """
                    title:
                      type: string
                      minLength: 3
            """));

        assertEquals(List.of(new Item(Section.CHANGED, "`TodoCreate.title`: minLength `1` → `3`", true, CREATE_REQUEST)),
            verdict.changes());
        assertFalse(verdict.passed());
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
        Verdict verdict = gate(withVersion(withoutTodoNotes(spec), NEXT_MAJOR));

        assertEquals(List.of(new Item(Section.REMOVED, "`Todo.notes`", true, TODO_RESPONSES)), verdict.changes());
        assertTrue(verdict.passed());
        assertEquals("", verdict.failureMessage());
        String changelog = verdict.changelog();
        assertTrue(changelog.contains(" " + VERSION + " → " + NEXT_MAJOR + "\n"), changelog);
        assertTrue(changelog.contains("\n**BREAKING**: 1 of 1 change breaks existing clients, allowed by the new major version "
            + NEXT_MAJOR + ".\n"), changelog);
        assertTrue(changelog.contains("\n### Removed\n\n- **BREAKING** `Todo.notes` — in "), changelog);
    }

    @Test
    void aBreakingChangeFailsWithOnlyANewMinorVersion() throws IOException {
        Verdict verdict = gate(withVersion(withoutTodoNotes(spec), NEXT_MINOR));

        assertFalse(verdict.passed());
        assertTrue(verdict.failureMessage().contains(" to " + NEXT_MAJOR + " (it is " + NEXT_MINOR + ")."), verdict.failureMessage());
    }

    @Test
    void aVersionThatIsNotSemanticIsRejected() throws IOException {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> gate(withVersion(spec, "v1")));

        assertTrue(failure.getMessage().contains("info.version 'v1' of "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith(" is not a semantic version (MAJOR.MINOR.PATCH)"), failure.getMessage());
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
}
