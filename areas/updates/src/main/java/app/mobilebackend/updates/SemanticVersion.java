package app.mobilebackend.updates;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app version, MAJOR.MINOR.PATCH: numbers of at most 9 digits without leading zeros, as the spec's
 * {@code currentVersion} pattern says. Ordered by major, then minor, then patch ({@code 1.10.0} is above {@code 1.9.9}).
 * App stores publish plain versions: pre-release and build suffixes are not versions here.
 */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {

    private static final Pattern FORM = Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");
    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
        .thenComparingInt(SemanticVersion::minor)
        .thenComparingInt(SemanticVersion::patch);

    /** The version {@code text} spells, or empty when it is not MAJOR.MINOR.PATCH. */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    public boolean isBelow(SemanticVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
