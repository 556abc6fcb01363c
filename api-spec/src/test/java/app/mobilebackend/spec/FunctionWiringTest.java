package app.mobilebackend.spec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One function per endpoint, and nothing else: the spec's {@code x-function} of each operation names a module
 * under {@code functions/}, each HTTP function module is named by exactly one operation, and its controllers
 * implement only the interface generated for its own operation. The build stops here before compiling any function.
 */
class FunctionWiringTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** Modules under functions/ that are not functions. */
    private static final Set<String> SHARED_MODULES = Set.of("core", "testkit");
    private static final Pattern IMPLEMENTS_API = Pattern.compile("implements\\s+(\\w+Api)\\b");
    private static final Pattern NON_HTTP_TRIGGER = Pattern.compile("<function\\.trigger>(?!http<)(\\w+)</function\\.trigger>");

    private static Path root;
    private static Map<String, String> functionByOperation;

    @BeforeAll
    static void readSpec() throws IOException {
        root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        functionByOperation = functionsByOperation(Files.readString(root.resolve("api-spec/openapi.yaml")));
    }

    @Test
    void everyOperationNamesItsOwnFunction() {
        List<String> missing = functionByOperation.entrySet().stream()
            .filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
        assertEquals(List.of(), missing, "operations without x-function");
        List<String> functions = functionByOperation.values().stream().sorted().toList();
        assertEquals(new TreeSet<>(functions).size(), functions.size(), "one function per endpoint: " + functions);
    }

    @Test
    void everyOperationHasItsFunctionModuleAndEveryHttpFunctionModuleAnOperation() throws IOException {
        assertEquals(new TreeSet<>(functionByOperation.values()), httpFunctionModules(),
            "x-function values of the spec vs. HTTP function modules under functions/");
    }

    @Test
    void everyFunctionImplementsOnlyItsOwnOperation() throws IOException {
        for (String function : httpFunctionModules()) {
            Set<String> implemented = implementedApis(root.resolve("functions").resolve(function).resolve("src/main/java"));
            assertEquals(Set.of(apiInterfaceOf(function)), implemented, "functions/" + function + " implements");
        }
    }

    @Test
    void apiInterfaceNamesFollowTheGenerator() {
        assertEquals("TodosListApi", apiInterfaceOf("todos-list"));
        assertEquals("HealthApi", apiInterfaceOf("health"));
        assertTrue(NON_HTTP_TRIGGER.matcher("<function.trigger>deployment</function.trigger>").find());
        assertTrue(!NON_HTTP_TRIGGER.matcher("<function.trigger>http</function.trigger>").find());
    }

    /** The interface the server generator makes for a function: the tag x-function, in PascalCase, + "Api". */
    static String apiInterfaceOf(String function) {
        StringBuilder name = new StringBuilder();
        for (String part : function.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name + "Api";
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> functionsByOperation(String spec) {
        Map<String, Object> document = new Yaml().load(spec);
        Map<String, String> result = new TreeMap<>();
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, operation) -> {
            if (HTTP_METHODS.contains(method)) {
                Object function = ((Map<String, Object>) operation).get("x-function");
                result.put(method.toUpperCase() + " " + path, function == null ? null : function.toString());
            }
        }));
        return result;
    }

    /** Function modules that serve HTTP: every module under functions/ but the shared ones and those with another trigger. */
    private static Set<String> httpFunctionModules() throws IOException {
        Set<String> modules = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(root.resolve("functions"))) {
            for (Path dir : dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).toList()) {
                String name = dir.getFileName().toString();
                if (!SHARED_MODULES.contains(name) && !NON_HTTP_TRIGGER.matcher(Files.readString(dir.resolve("pom.xml"))).find()) {
                    modules.add(name);
                }
            }
        }
        return modules;
    }

    private static Set<String> implementedApis(Path sources) throws IOException {
        Set<String> apis = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        for (Path file : files) {
            Matcher matcher = IMPLEMENTS_API.matcher(Files.readString(file));
            while (matcher.find()) {
                apis.add(matcher.group(1));
            }
        }
        return apis;
    }
}
