package app.mobilebackend.spec;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.BackwardIncompatibleProp;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The breaking-change gate of the contract: compares the spec with the last released one (the baseline) and fails
 * when a change would break existing clients, unless the spec's major version ({@code info.version}) was raised above
 * the baseline's. Either way it writes a Markdown changelog for the review.
 * <p>
 * Run by the build ({@code verify} phase of {@code api-spec}):
 * {@code ContractGate <current spec> <released baseline> <changelog output>}.
 */
public final class ContractGate {

    /**
     * Checks that openapi-diff leaves off by default, but that break this API's clients: a renamed operationId renames
     * the method of the generated SDKs; a raised minLength rejects requests that were valid.
     */
    private static final List<BackwardIncompatibleProp> ALSO_BREAKING = List.of(
        BackwardIncompatibleProp.OPERATION_ID_CHANGED,
        BackwardIncompatibleProp.REQUEST_MIN_LENGTH_INCREASED);

    /**
     * Checks that openapi-diff makes by default, but that break none of this API's clients: every SDK reads a response
     * enum value it was generated without as UNKNOWN_DEFAULT_OPEN_API (enumUnknownDefaultCase; each SDK's
     * ForwardCompatibilityTest), so a new one is a compatible, minor change.
     */
    private static final List<BackwardIncompatibleProp> NOT_BREAKING = List.of(
        BackwardIncompatibleProp.RESPONSE_ENUM_INCREASED);

    private ContractGate() {
    }

    /** The gate's verdict on a spec against its baseline. */
    public record Verdict(
        String title,
        Path current,
        Path baseline,
        SemVer currentVersion,
        SemVer baselineVersion,
        List<ApiChangelog.Item> changes,
        boolean onlyDocumentationChanged) {

        public List<ApiChangelog.Item> breakingChanges() {
            return changes.stream().filter(ApiChangelog.Item::breaking).toList();
        }

        /** Breaking changes are allowed only with a major version above the baseline's. */
        public boolean passed() {
            return breakingChanges().isEmpty() || currentVersion.major() > baselineVersion.major();
        }

        /** Why the gate failed: each breaking change and what to do. */
        public String failureMessage() {
            if (passed()) {
                return "";
            }
            List<ApiChangelog.Item> breaking = breakingChanges();
            return "API contract gate: " + count(breaking.size(), "breaking change") + " against the released baseline "
                + display(baseline) + " (" + baselineVersion + "):\n"
                + breaking.stream().map(i -> "  - " + i.section().title + ": " + i.what()
                    + (i.where().isEmpty() ? "" : " — in " + String.join(", ", i.where())))
                    .collect(Collectors.joining("\n"))
                + "\nExisting clients break on these. Undo them, or make a new major version: set info.version in "
                + display(current) + " to " + baselineVersion.nextMajor() + " (it is " + currentVersion + ").";
        }

        /** The changes in Markdown, for the pull request: a verdict, then Added, Changed, Deprecated, Removed. */
        public String changelog() {
            StringBuilder md = new StringBuilder();
            md.append("## API changes: ").append(title).append(' ').append(baselineVersion)
                .append(currentVersion.equals(baselineVersion) ? "" : " → " + currentVersion).append("\n\n");
            md.append("Compared ").append(code(display(current))).append(" with the released baseline ")
                .append(code(display(baseline))).append(".\n\n");
            List<ApiChangelog.Item> breaking = breakingChanges();
            if (changes.isEmpty()) {
                md.append("**No changes** to the API since the released baseline")
                    .append(onlyDocumentationChanged ? " (only descriptions, summaries or examples differ)" : "")
                    .append(".\n");
            } else if (breaking.isEmpty()) {
                md.append("**Compatible**: ").append(count(changes.size(), "change")).append(", none breaking.\n");
            } else if (passed()) {
                md.append("**BREAKING**: ").append(breaking.size()).append(" of ").append(count(changes.size(), "change"))
                    .append(breaking.size() == 1 ? " breaks" : " break").append(" existing clients, allowed by the new major version ")
                    .append(currentVersion).append(".\n");
            } else {
                md.append("**BREAKING**: ").append(breaking.size()).append(" of ").append(count(changes.size(), "change"))
                    .append(breaking.size() == 1 ? " breaks" : " break").append(" existing clients. The build fails until ")
                    .append(breaking.size() == 1 ? "it is" : "they are").append(" undone or `info.version` is raised to ")
                    .append(baselineVersion.nextMajor()).append(".\n");
            }
            if (!changes.isEmpty() && breaking.isEmpty() && currentVersion.compareTo(baselineVersion) <= 0) {
                md.append("\n`info.version` is ").append(currentVersion).append(", not above the baseline's ")
                    .append(baselineVersion).append(": raise it (minor for additions, patch for fixes) before releasing this spec.\n");
            }
            if (!changes.isEmpty()) {
                for (ApiChangelog.Section section : ApiChangelog.Section.values()) {
                    md.append("\n### ").append(section.title).append("\n\n");
                    List<ApiChangelog.Item> items = changes.stream().filter(i -> i.section() == section).toList();
                    if (items.isEmpty()) {
                        md.append("None.\n");
                    }
                    items.forEach(i -> md.append("- ").append(i.toMarkdown()).append('\n'));
                }
            }
            return md.toString();
        }
    }

    /** A semantic version, {@code MAJOR.MINOR.PATCH} with an optional pre-release or build suffix. */
    public record SemVer(int major, int minor, int patch, String text) implements Comparable<SemVer> {

        private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)([-+].*)?");

        static SemVer parse(String version, Path spec) {
            Matcher m = SEMVER.matcher(version == null ? "" : version.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("info.version '" + version + "' of " + display(spec)
                    + " is not a semantic version (MAJOR.MINOR.PATCH)");
            }
            return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                version.strip());
        }

        SemVer nextMajor() {
            return new SemVer(major + 1, 0, 0, (major + 1) + ".0.0");
        }

        @Override
        public int compareTo(SemVer other) {
            int byMajor = Integer.compare(major, other.major);
            int byMinor = Integer.compare(minor, other.minor);
            return byMajor != 0 ? byMajor : byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Usage: {@code ContractGate <current spec> <released baseline> <changelog output>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ContractGate <current spec> <released baseline> <changelog output>");
        }
        Verdict verdict = check(Path.of(args[0]), Path.of(args[1]));
        Path changelog = Path.of(args[2]);
        Files.createDirectories(changelog.toAbsolutePath().getParent());
        Files.writeString(changelog, verdict.changelog());
        System.out.println(verdict.changelog());
        System.out.println("(written to " + display(changelog) + ")");
        if (!verdict.passed()) {
            throw new BreakingChangeException(verdict.failureMessage());
        }
    }

    /** Compares {@code current} with {@code baseline}. */
    public static Verdict check(Path current, Path baseline) {
        if (!Files.isRegularFile(baseline)) {
            throw new IllegalArgumentException("No released baseline at " + display(baseline)
                + ": copy the released spec there (see api-spec/README.md)");
        }
        OpenAPI baselineSpec = read(baseline);
        OpenAPI currentSpec = read(current);
        SemVer baselineVersion = SemVer.parse(baselineSpec.getInfo().getVersion(), baseline);
        SemVer currentVersion = SemVer.parse(currentSpec.getInfo().getVersion(), current);
        String title = currentSpec.getInfo().getTitle();

        OpenApiDiffOptions.Builder options = OpenApiDiffOptions.builder();
        ALSO_BREAKING.forEach(check -> options.configProperty(check.getPropertyName(), "true"));
        NOT_BREAKING.forEach(check -> options.configProperty(check.getPropertyName(), "false"));
        ChangedOpenApi diff = OpenApiCompare.fromSpecifications(baselineSpec, currentSpec, options.build());
        List<ApiChangelog.Item> changes = ApiChangelog.of(diff);
        return new Verdict(title, current, baseline, currentVersion, baselineVersion, changes,
            changes.isEmpty() && diff.isDifferent());
    }

    private static OpenAPI read(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readLocation(spec.toAbsolutePath().toString(), null, options);
        if (parsed.getOpenAPI() == null || parsed.getOpenAPI().getInfo() == null) {
            throw new IllegalArgumentException("Cannot read the OpenAPI document " + display(spec) + ": " + parsed.getMessages());
        }
        return parsed.getOpenAPI();
    }

    /** A path as the reader knows it: relative to the working directory when under it. */
    static String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath();
        return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute).toString() : absolute.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    /** The spec breaks existing clients without a new major version. */
    public static final class BreakingChangeException extends RuntimeException {
        BreakingChangeException(String message) {
            super(message);
        }
    }
}
