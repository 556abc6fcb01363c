package app.mobilebackend.spec;

import app.mobilebackend.spec.ApiChangelog.Item;
import app.mobilebackend.spec.ApiChangelog.Section;
import app.mobilebackend.spec.ContractGate.BreakingChangeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.mobilebackend.spec.GateFixture.VERSION;
import static app.mobilebackend.spec.GateFixture.inSchema;
import static app.mobilebackend.spec.GateFixture.once;
import static app.mobilebackend.spec.GateFixture.withQueryParameterOnListTodos;
import static app.mobilebackend.spec.GateFixture.withVersion;
import static app.mobilebackend.spec.GateFixture.withoutTodoNotes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release step on temporary copies: the fixture spec ({@link GateFixture}) as baseline and an edited copy as the
 * spec to release, and once the real spec, so that the step that moved {@code released/openapi.yaml} moves it again.
 */
class ReleaseBaselineTest {

    private static String spec;

    @TempDir
    Path dir;

    @BeforeAll
    static void readFixture() throws IOException {
        spec = GateFixture.spec();
    }

    @Test
    void releasingTheReleasedSpecChangesNothing() throws IOException {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), spec);

        assertTrue(ReleaseBaseline.release(current, baseline).startsWith("Nothing to release: "));
        assertEquals(spec, Files.readString(baseline));
    }

    @Test
    void releaseMakesACompatibleSpecWithAHigherVersionTheBaseline() throws IOException {
        String released = withVersion(withQueryParameterOnListTodos(spec, false), "1.1.0");
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), released);

        assertTrue(ReleaseBaseline.release(current, baseline).startsWith("Released: "));

        assertEquals(released, Files.readString(baseline));
        assertEquals(List.of(), ContractGate.check(current, baseline).changes());
    }

    @Test
    void theNextReleaseComparesWithTheLastOneOnly() throws IOException {
        String first = withVersion(withQueryParameterOnListTodos(spec, false), "1.1.0");
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), first);
        ReleaseBaseline.release(current, baseline);
        String second = once(first, "\n  version: 1.1.0\n", "\n  version: 1.2.0\n")
            .replace("      enum: [UP, DOWN]\n", "      enum: [UP, DOWN, DEGRADED]\n");
        Files.writeString(current, second);

        List<Item> changes = ContractGate.check(current, baseline).changes();
        assertTrue(ReleaseBaseline.release(current, baseline).startsWith("Released: "));

        assertEquals(1, changes.size(), changes.toString());
        assertEquals(Section.ADDED, changes.getFirst().section());
        assertTrue(changes.getFirst().what().contains("DEGRADED"), changes.toString());
        assertEquals(second, Files.readString(baseline));
    }

    @Test
    void releaseRefusesAChangedSpecWithTheBaselinesVersion() throws IOException {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), withQueryParameterOnListTodos(spec, false));

        IllegalStateException refusal = assertThrows(IllegalStateException.class, () -> ReleaseBaseline.release(current, baseline));

        assertTrue(refusal.getMessage().contains("info.version " + VERSION + " is not above the baseline's " + VERSION),
            refusal.getMessage());
        assertEquals(spec, Files.readString(baseline));
    }

    @Test
    void releaseRefusesADocumentationFixWithTheBaselinesVersionAndTakesItWithAPatchVersion() throws IOException {
        String fixed = once(spec, "summary: Create a to-do\n", "summary: Create a to-do for the caller\n");
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), fixed);

        assertThrows(IllegalStateException.class, () -> ReleaseBaseline.release(current, baseline));
        assertEquals(spec, Files.readString(baseline));

        Files.writeString(current, withVersion(fixed, "1.0.1"));
        assertTrue(ReleaseBaseline.release(current, baseline).startsWith("Released: "));
        assertEquals(withVersion(fixed, "1.0.1"), Files.readString(baseline));
    }

    @Test
    void releaseRefusesAnOlderVersionThanTheBaselines() throws IOException {
        String newer = withVersion(spec, "1.1.0");
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), newer);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), spec);

        IllegalStateException refusal = assertThrows(IllegalStateException.class, () -> ReleaseBaseline.release(current, baseline));

        assertTrue(refusal.getMessage().contains("info.version " + VERSION + " is not above the baseline's 1.1.0"),
            refusal.getMessage());
        assertEquals(newer, Files.readString(baseline));
    }

    @Test
    void releaseRefusesABreakingChangeWithoutANewMajorVersion() throws IOException {
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), withVersion(withoutTodoNotes(spec), "1.1.0"));

        BreakingChangeException refusal = assertThrows(BreakingChangeException.class, () -> ReleaseBaseline.release(current, baseline));

        assertTrue(refusal.getMessage().contains("Removed: `Todo.notes`"), refusal.getMessage());
        assertEquals(spec, Files.readString(baseline));
    }

    @Test
    void releaseTakesABreakingChangeWithANewMajorVersion() throws IOException {
        String released = withVersion(withoutTodoNotes(spec), "2.0.0");
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), spec);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), released);

        assertTrue(ReleaseBaseline.release(current, baseline).startsWith("Released: "));

        assertEquals(released, Files.readString(baseline));
    }

    @Test
    void theFirstReleaseCopiesTheSpecWhereNoBaselineIsYet() throws IOException {
        Path baseline = dir.resolve("released/openapi.yaml");
        Path current = Files.writeString(dir.resolve("openapi.yaml"), spec);

        assertTrue(ReleaseBaseline.release(current, baseline).startsWith("Released: "));

        assertEquals(spec, Files.readString(baseline));
    }

    @Test
    void theBuildEntryPointReleasesTheNextMinorVersionOfTheRealSpec() throws IOException {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        String real = Files.readString(root.resolve("api-spec/openapi.yaml"));
        Matcher info = Pattern.compile("(?m)^  version: (\\d+)\\.(\\d+)\\.\\d+$").matcher(real);
        assertTrue(info.find(), "info.version of api-spec/openapi.yaml");
        String nextMinor = info.group(1) + "." + (Integer.parseInt(info.group(2)) + 1) + ".0";
        String next = once(real, info.group() + "\n", "  version: " + nextMinor + "\n")
            .replaceFirst("(?m)^paths:\n", """
                paths:
                  /release-probe:
                    get:
                      operationId: getReleaseProbe
                      summary: An operation the next release adds
                      responses:
                        '204':
                          description: Nothing to say.
                """);
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), real);
        Path current = Files.writeString(dir.resolve("openapi.yaml"), next);
        List<Item> changes = ContractGate.check(current, baseline).changes();

        ReleaseBaseline.main(new String[] {current.toString(), baseline.toString()});

        assertEquals(List.of(new Item(Section.ADDED, "`GET /release-probe` — An operation the next release adds", false, List.of())), changes);
        assertEquals(next, Files.readString(baseline));
        assertEquals(List.of(), ContractGate.check(current, baseline).changes());
    }
}
