package app.mobilebackend.devserver;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Interactive API docs: Swagger UI (the {@code org.webjars:swagger-ui} WebJar, from the class path) rendering the
 * contract, which the build copies from {@code api-spec/openapi.yaml} into {@code api-docs/openapi.yaml} on the
 * class path. Served by the dev server under {@value #PREFIX}, and written by the build as a static site
 * ({@link #main}) that opens from disk or any static host: the page reads the spec from {@code openapi.js}, not
 * by fetching {@code openapi.yaml}, which a page opened from disk may not do.
 *
 * <pre>
 * /docs                         302 to /docs/
 * /docs/ , /docs/index.html     the page
 * /docs/openapi.yaml            the contract
 * /docs/openapi.js              the contract as a script (window.API_SPEC_YAML), which the page renders
 * /docs/swagger-ui/...          Swagger UI's CSS, JS and icons, from META-INF/resources/webjars/swagger-ui/{version}/
 * </pre>
 */
public final class ApiDocs {

    public static final String PREFIX = "/docs";
    /** Where the page and the copied spec lie on the class path. */
    static final String RESOURCES = "api-docs/";
    static final String SPEC = "openapi.yaml";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    /** The files of the WebJar that index.html loads. */
    private static final List<String> SWAGGER_UI_FILES = List.of(
        "swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-bundle.js.LICENSE.txt", "favicon-32x32.png", "favicon-16x16.png");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "png", "image/png",
        "yaml", "application/yaml; charset=utf-8",
        "txt", "text/plain; charset=utf-8");

    private final Map<String, byte[]> files;

    private ApiDocs(Map<String, byte[]> files) {
        this.files = files;
    }

    /** The docs from the class path; fails when the build has not put the spec or the WebJar there. */
    public static ApiDocs load() {
        ClassLoader loader = ApiDocs.class.getClassLoader();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.html", read(loader, RESOURCES + "index.html"));
        byte[] spec = read(loader, RESOURCES + SPEC);
        files.put(SPEC, spec);
        files.put("openapi.js", ("window.API_SPEC_YAML = " + jsString(new String(spec, StandardCharsets.UTF_8)) + ";\n")
            .getBytes(StandardCharsets.UTF_8));
        String webjar = WEBJAR + swaggerUiVersion(loader) + "/";
        for (String file : SWAGGER_UI_FILES) {
            files.put("swagger-ui/" + file, read(loader, webjar + file));
        }
        return new ApiDocs(Map.copyOf(files));
    }

    /** Whether a request path is the docs' (then {@link #handle} answers it), rather than the API's. */
    public static boolean handles(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** The paths of the docs' files, relative to {@value #PREFIX}/ or to the static site's folder. */
    public List<String> paths() {
        return files.keySet().stream().sorted().toList();
    }

    /** Answers a request for a path {@link #handles} accepts. */
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String rawPath = exchange.getRequestURI().getRawPath();
            if (path.equals(PREFIX)) {
                exchange.getResponseHeaders().add("Location", PREFIX + "/");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            String name = path.substring(PREFIX.length() + 1);
            if (traverses(name) || traverses(rawPath)) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            byte[] body = files.get(name.isEmpty() ? "index.html" : name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", contentType(name.isEmpty() ? "index.html" : name));
            exchange.getResponseHeaders().add("Cache-Control", "no-cache");
            exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            if (head) {
                exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Writes the docs as a static site into {@code dir}: index.html opens from disk or any static host. */
    public void writeSite(Path dir) throws IOException {
        for (var file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
    }

    /** The build's static site: {@code java ApiDocs <folder>} writes the docs into the folder. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: ApiDocs <output folder>");
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        load().writeSite(dir);
        System.out.println("API docs written to " + dir.resolve("index.html").toUri());
    }

    static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static boolean traverses(String path) {
        return path.contains("..") || path.contains("\\") || path.indexOf('\0') >= 0;
    }

    private static String swaggerUiVersion(ClassLoader loader) {
        Properties pom = new Properties();
        try (InputStream in = loader.getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("The org.webjars:swagger-ui WebJar is not on the class path");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the class path: build the dev server with Maven"
                    + " (./mvnw -pl dev-server -am process-resources copies the spec there)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} as a JavaScript string literal (JSON's syntax). */
    static String jsString(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 8 + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c"); // no "</script>" even if someone inlines it
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
