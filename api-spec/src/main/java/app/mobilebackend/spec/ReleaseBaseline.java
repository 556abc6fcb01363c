package app.mobilebackend.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The release step of the contract: makes the current spec the new baseline that {@link ContractGate} compares with.
 * Refuses a spec that differs from the baseline without a higher {@code info.version} (a released version never
 * changes), and a spec that does not pass the gate.
 * <p>
 * {@code ReleaseBaseline <current spec> <released baseline>}; run as {@code ./mvnw -pl api-spec compile exec:java@release-baseline}.
 */
public final class ReleaseBaseline {

    private ReleaseBaseline() {
    }

    /** Usage: {@code ReleaseBaseline <current spec> <released baseline>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ReleaseBaseline <current spec> <released baseline>");
        }
        System.out.println(release(Path.of(args[0]), Path.of(args[1])));
    }

    /** Copies {@code current} over {@code baseline}, or says why not; returns what it did. */
    public static String release(Path current, Path baseline) throws IOException {
        if (Files.isRegularFile(baseline) && Files.mismatch(current, baseline) == -1) {
            return "Nothing to release: " + ContractGate.display(current) + " is the released baseline already.";
        }
        if (Files.isRegularFile(baseline)) {
            ContractGate.Verdict verdict = ContractGate.check(current, baseline);
            if (verdict.currentVersion().compareTo(verdict.baselineVersion()) <= 0) {
                throw new IllegalStateException("Refusing to release: " + ContractGate.display(current)
                    + " differs from the released baseline but its info.version " + verdict.currentVersion()
                    + " is not above the baseline's " + verdict.baselineVersion()
                    + ". Raise it: major for breaking changes, minor for additions, patch for fixes.");
            }
            if (!verdict.passed()) {
                throw new ContractGate.BreakingChangeException(verdict.failureMessage());
            }
        }
        Files.createDirectories(baseline.toAbsolutePath().getParent());
        Files.copy(current, baseline, StandardCopyOption.REPLACE_EXISTING);
        return "Released: " + ContractGate.display(baseline) + " is now a copy of " + ContractGate.display(current)
            + ". Commit it with the spec.";
    }
}
