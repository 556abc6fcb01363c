package app.mobilebackend.devserver;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's resources ({@code /todos/{todoId}}), matched against a request's path as API Gateway matches them: segment
 * by segment on the path as sent, a literal segment before a parameter, each parameter one whole non-empty segment
 * (an encoded slash, {@code %2F}, stays inside it) and decoded for {@code pathParameters}.
 */
final class ApiResources {

    /** A matched resource and its decoded path parameters. */
    record Match(String resource, Map<String, String> pathParameters) {
    }

    private final List<List<String>> resources;

    private ApiResources(List<List<String>> resources) {
        this.resources = resources;
    }

    /** The resources of these templates ({@code /todos/{todoId}}, as the router lists them). */
    static ApiResources of(Collection<String> templates) {
        return new ApiResources(templates.stream().distinct().map(ApiResources::segments).toList());
    }

    /** The resource {@code rawPath} (percent-encoded, as sent) falls on, if any. */
    Optional<Match> match(String rawPath) {
        List<String> path = segments(rawPath);
        List<String> best = null;
        for (List<String> resource : resources) {
            if (matches(resource, path) && (best == null || moreSpecific(resource, best))) {
                best = resource;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < best.size(); i++) {
            if (isParameter(best.get(i))) {
                String segment = best.get(i);
                parameters.put(segment.substring(1, segment.length() - 1), decode(path.get(i)));
            }
        }
        return Optional.of(new Match("/" + String.join("/", best), parameters));
    }

    private static boolean matches(List<String> resource, List<String> path) {
        if (resource.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < resource.size(); i++) {
            String expected = resource.get(i);
            boolean ok = isParameter(expected) ? !path.get(i).isEmpty() : expected.equals(decode(path.get(i)));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The first segment where they differ is a literal in {@code a}: {@code /todos/export} before {@code /todos/{id}}. */
    private static boolean moreSpecific(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            if (isParameter(a.get(i)) != isParameter(b.get(i))) {
                return !isParameter(a.get(i));
            }
        }
        return false;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return List.of(trimmed.split("/", -1));
    }

    /**
     * Percent-decoding of a path segment, as UTF-8: {@code +} is a plus (only a form's query turns it into a space),
     * and a {@code %} without two hex digits stays as it is.
     */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder decoded = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) >= 0 && hex(segment.charAt(i + 2)) >= 0) {
                bytes.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
                i += 2;
            } else {
                decoded.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
                decoded.append(c);
            }
        }
        return decoded.append(bytes.toString(StandardCharsets.UTF_8)).toString();
    }

    /** The value of an ASCII hex digit, or -1 ({@link Character#digit} would take other scripts' digits too). */
    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
