package app.mobilebackend.devserver;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The API docs at {@code /docs}, and the static site the build writes, as headless Chromium renders them: every
 * operation of the contract on the page. Chromium is required (CI installs it): without it the test fails.
 */
class ApiDocsTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern OPBLOCK = Pattern.compile("<div class=\"opblock opblock-[a-z]+[^\"]*\" id=\"operations-[^\"]*\">");
    private static final Pattern METHOD = Pattern.compile("class=\"opblock-summary-method\">([A-Z]+)<");
    private static final Pattern PATH = Pattern.compile("class=\"opblock-summary-path[^\"]*\" data-path=\"([^\"]*)\"");
    private static final Pattern SUMMARY = Pattern.compile("class=\"opblock-summary-description\">(.*?)</div>", Pattern.DOTALL);
    private static final Pattern OPERATION_ID = Pattern.compile("class=\"opblock-summary-operation-id\">(.*?)</span>", Pattern.DOTALL);

    @TempDir
    static Path temp;
    private static DevServer dev;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        dev = SharedDevServer.get();
    }


    @Test
    void devServerDocsRenderEveryOperationInChromium() throws Exception {
        assertEveryOperationRendered(renderedDom(dev.url() + ApiDocs.PREFIX));
    }

    @Test
    void staticSiteRendersEveryOperationFromDisk() throws Exception {
        Path site = temp.resolve("site");
        ApiDocs.load().writeSite(site);
        assertEveryOperationRendered(renderedDom(site.resolve("index.html").toUri().toString()));
    }

    @Test
    void servesTheDocsFilesWithTheirContentTypes() throws Exception {
        HttpResponse<byte[]> redirect = get(ApiDocs.PREFIX);
        assertEquals(302, redirect.statusCode());
        assertEquals(ApiDocs.PREFIX + "/", redirect.headers().firstValue("Location").orElse(null));

        assertServed("/docs/", "text/html");
        assertServed("/docs/index.html", "text/html");
        assertServed("/docs/openapi.js", "text/javascript");
        assertServed("/docs/swagger-ui/swagger-ui-bundle.js", "text/javascript");
        assertServed("/docs/swagger-ui/swagger-ui.css", "text/css");
        assertServed("/docs/swagger-ui/favicon-32x32.png", "image/png");
        byte[] spec = assertServed("/docs/openapi.yaml", "application/yaml").body();
        assertArrayEquals(Files.readAllBytes(specFile()), spec, "/docs/openapi.yaml is not api-spec/openapi.yaml");

        for (Map<String, Object> op : specOperations()) {
            assertFalse(ApiDocs.handles((String) op.get("path")), "The docs hide the API's " + op.get("path"));
        }
        String page = new String(get("/docs/").body(), StandardCharsets.UTF_8);
        assertFalse(page.contains("//cdn") || page.contains("https://"), "The page loads something from elsewhere:\n" + page);
    }

    @Test
    void answersNotFoundForUnknownFilesAndRejectsTraversal() throws Exception {
        assertEquals(404, get("/docs/nope.js").statusCode());
        assertEquals(404, get("/docs/swagger-ui/").statusCode());
        assertEquals(404, get("/docs/swagger-ui/index.html").statusCode());
        assertEquals(404, get("/docs/api-docs/openapi.yaml").statusCode());
        assertEquals(400, get("/docs/../pom.xml").statusCode());
        assertEquals(400, get("/docs/swagger-ui/%2e%2e/%2e%2e/pom.xml").statusCode());
        assertEquals(400, get("/docs/..%2fopenapi.yaml").statusCode());
        HttpResponse<byte[]> post = HTTP.send(HttpRequest.newBuilder(URI.create(dev.url() + "/docs/"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, post.statusCode());
    }

    /** Every operation of the contract has its block: method, path, summary and operationId. */
    private static void assertEveryOperationRendered(String dom) throws IOException {
        assertTrue(dom.contains("class=\"title\">Mobile Backend API"), "No API title on the page:\n" + head(dom));
        assertFalse(dom.contains("errors-wrapper"), "Swagger UI reports errors in the spec:\n" + head(dom));
        Set<String> rendered = new TreeSet<>();
        Matcher block = OPBLOCK.matcher(dom);
        List<Integer> starts = new ArrayList<>();
        while (block.find()) {
            starts.add(block.start());
        }
        for (int i = 0; i < starts.size(); i++) {
            String html = dom.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : dom.length());
            rendered.add(operation(find(METHOD, html), find(PATH, html), find(SUMMARY, html), find(OPERATION_ID, html)));
        }
        Set<String> expected = new TreeSet<>();
        for (Map<String, Object> op : specOperations()) {
            expected.add(operation((String) op.get("method"), (String) op.get("path"), (String) op.get("summary"),
                (String) op.get("operationId")));
        }
        assertFalse(expected.isEmpty(), "No operations in the spec");
        assertEquals(expected, rendered, "The operations on the page are not the spec's");
    }

    private static String operation(String method, String path, String summary, String operationId) {
        return method.toUpperCase() + " " + path + " \"" + summary + "\" " + operationId;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> specOperations() throws IOException {
        Map<String, Object> spec;
        try (Reader reader = Files.newBufferedReader(specFile())) {
            spec = new Yaml().load(reader);
        }
        List<Map<String, Object>> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) spec.get("paths")).forEach((path, item) -> item.forEach((method, value) -> {
            if (METHODS.contains(method)) {
                Map<String, Object> op = (Map<String, Object>) value;
                operations.add(Map.of("method", method, "path", path,
                    "summary", String.valueOf(op.get("summary")), "operationId", String.valueOf(op.get("operationId"))));
            }
        }));
        return operations;
    }

    private static Path specFile() {
        String spec = System.getProperty("api.spec");
        return spec != null ? Path.of(spec) : Path.of("..", "api-spec", "openapi.yaml");
    }

    /** The DOM headless Chromium renders for {@code url}, scripts run. */
    private static String renderedDom(String url) throws Exception {
        Path chromium = chromium();
        Path profile = Files.createTempDirectory(temp, "chromium-profile");
        Path out = temp.resolve(profile.getFileName() + ".html");
        Path err = temp.resolve(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom", url)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                fail("Chromium did not render " + url + " within 120 s:\n" + tail(err));
            }
            String dom = Files.readString(out);
            if (process.exitValue() != 0 || dom.isBlank()) {
                fail("Chromium failed (exit " + process.exitValue() + ") on " + url + ":\n" + tail(err));
            }
            return dom;
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            deleteTree(profile);
        }
    }

    /** Chromium: $CHROMIUM, else chromium on the PATH. Required: the test fails without it. */
    private static Path chromium() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            assertTrue(Files.isExecutable(Path.of(configured)), "CHROMIUM=" + configured + " is not an executable");
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fail("Headless Chromium is required to test the API docs and is not installed: install it"
            + " (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM to its executable.");
    }

    private static HttpResponse<byte[]> assertServed(String path, String contentType) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertEquals(200, response.statusCode(), path);
        String actual = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(actual.startsWith(contentType), path + " has Content-Type " + actual + ", not " + contentType);
        assertTrue(response.body().length > 0, path + " is empty");
        return response;
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(dev.url() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String find(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        return matcher.find() ? unescape(matcher.group(1).replaceAll("<[^>]*>", "").strip()) : "(none)";
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
            .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    private static String head(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "...";
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }

    /** Best effort: what is left, the JUnit temporary folder removes. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // left to @TempDir
        }
    }
}
