package app.mobilebackend.infra.policy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Each deployed function runs what its module builds: the handler is the module's main class (its
 * {@code exec.mainClass}, else the one of functions/pom.xml) or one of the further handlers the module declares
 * ({@code function.more-handlers}, comma-separated, each a class of its sources), and the runtime is the Java release
 * the build compiles for; for every function of stacks/functions.yaml and stacks/triggers.yaml.
 */
class FunctionBuildWiringTest {

    private static final Pattern S3_KEY_MODULE = Pattern.compile("function-([a-z0-9-]+)-lambda\\.jar$");

    @Test
    void handlerAndRuntimeMatchEachFunctionModulesBuild() throws IOException {
        Path root = Templates.realDirectory().getParent().getParent();
        String defaultHandler = property(Files.readString(root.resolve("functions/pom.xml")), "exec.mainClass");
        String runtime = "java" + property(Files.readString(root.resolve("pom.xml")), "maven.compiler.release");
        List<String> mismatches = new ArrayList<>();
        List<Templates.Resource> functions = Policies.functionTemplateResources(Templates.load(Templates.realDirectory())).stream()
            .filter(r -> r.type().equals("AWS::Lambda::Function")).toList();
        for (Templates.Resource function : functions) {
            Matcher module = S3_KEY_MODULE.matcher(Templates.text(Templates.map(function.property("Code")).get("S3Key")));
            if (!module.find()) {
                mismatches.add(function.where() + ": Code.S3Key names no function module jar");
                continue;
            }
            String modulePom = Files.readString(root.resolve("functions").resolve(module.group(1)).resolve("pom.xml"));
            String handler = property(modulePom, "exec.mainClass");
            String expectedHandler = handler != null ? handler : defaultHandler;
            String more = property(modulePom, "function.more-handlers");
            List<String> handlers = new ArrayList<>(List.of(expectedHandler));
            for (String extra : more == null ? new String[0] : more.split(",")) {
                Path source = root.resolve("functions").resolve(module.group(1)).resolve("src/main/java")
                    .resolve(extra.trim().replace('.', '/') + ".java");
                if (Files.isRegularFile(source)) {
                    handlers.add(extra.trim());
                } else {
                    mismatches.add("functions/" + module.group(1) + ": function.more-handlers names " + extra.trim() + ", which is not in its sources");
                }
            }
            if (!handlers.contains(function.property("Handler"))) {
                mismatches.add(function.where() + ": Handler " + function.property("Handler") + ", module builds " + expectedHandler);
            }
            if (!runtime.equals(function.property("Runtime"))) {
                mismatches.add(function.where() + ": Runtime " + function.property("Runtime") + ", the build targets " + runtime);
            }
        }
        assertFalse(functions.isEmpty(), "stacks/functions.yaml has functions");
        assertEquals(List.of(), mismatches);
    }

    private static String property(String pom, String name) {
        Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        return matcher.find() ? matcher.group(1).trim() : null;
    }
}
