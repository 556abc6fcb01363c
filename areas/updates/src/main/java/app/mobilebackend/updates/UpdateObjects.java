package app.mobilebackend.updates;

import java.util.regex.Pattern;

/**
 * The updates bucket's layout, which the CloudFront behaviors follow (templates/stacks/content.yaml): everything under
 * {@code updates/}; the manifests under {@code updates/manifests/} (short cache), the builds under
 * {@code updates/<platform>/<version>/<file>} (long cache: a published build never changes).
 */
public final class UpdateObjects {

    public static final String PREFIX = "updates/";
    public static final String MANIFESTS = PREFIX + "manifests/";

    /** A build's key: {@code updates/<platform>/<version>/<file>}, the file name of letters, digits and {@code . _ -}. */
    public static final Pattern BUILD_KEY =
        Pattern.compile("updates/(android|ios)/(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})/[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private UpdateObjects() {
    }

    /** {@code updates/manifests/<platform>.json}. */
    public static String manifestKey(String platform) {
        return MANIFESTS + platform + ".json";
    }
}
