package app.mobilebackend.core.lambda;

/**
 * The path a route was declared for, from the path a client called. Behind a custom domain with a base path mapping
 * ({@code https://api.example.com/v1/todos/42} mapped to the API's stage), API Gateway puts the base path into the
 * event's {@code path} ({@code /v1/todos/42}) and the matched resource into {@code resource} ({@code /todos/{todoId}});
 * on the {@code execute-api} endpoint {@code path} has neither base path nor stage ({@code requestContext.path} has
 * the stage: {@code /prod/todos/42}). The resource is what API Gateway matched, so the path's last segments are it
 * and whatever comes before them is the base path.
 */
final class BasePaths {

    private BasePaths() {
    }

    /**
     * {@code path} without what precedes the segments of {@code resource}; {@code path} itself when it already is
     * the resource's expansion, when it does not end with one, or when the resource has a greedy variable
     * ({@code {proxy+}}: its segment count is unknown).
     */
    static String withoutBasePath(String path, String resource) {
        if (path == null || resource == null || !path.startsWith("/") || !resource.startsWith("/") || resource.contains("+}")) {
            return path;
        }
        // API Gateway matches /v1/todos/ to the resource /todos: the trailing slash is no segment of its own
        boolean trailingSlash = path.length() > 1 && path.endsWith("/") && !resource.endsWith("/");
        String[] template = resource.substring(1).split("/", -1);
        String[] actual = path.substring(1, path.length() - (trailingSlash ? 1 : 0)).split("/", -1);
        int basePathSegments = actual.length - template.length;
        if (basePathSegments <= 0) {
            return path;
        }
        for (int i = 0; i < template.length; i++) {
            String segment = template[i];
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if (!variable && !segment.equals(actual[basePathSegments + i])) {
                return path;
            }
        }
        for (int i = 0; i < basePathSegments; i++) {
            if (actual[i].isEmpty()) {
                return path; // "//todos/42" has no base path, only an empty segment
            }
        }
        StringBuilder routed = new StringBuilder();
        for (int i = basePathSegments; i < actual.length; i++) {
            routed.append('/').append(actual[i]);
        }
        return trailingSlash ? routed.append('/').toString() : routed.toString();
    }
}
