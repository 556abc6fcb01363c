package app.mobilebackend.devserver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The dev server runs every HTTP function: each module under functions/ that API Gateway calls (no
 * {@code function.trigger} of its own) is a dependency of this module, so no endpoint answers 404 only locally.
 */
class DevServerServesEveryFunctionTest {

    @Test
    void everyHttpFunctionIsOnTheDevServersClassPath() throws IOException {
        Path functions = Path.of("..", "functions");
        String devServerPom = Files.readString(Path.of("pom.xml"));
        List<String> http = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Stream<Path> modules = Files.list(functions)) {
            for (Path module : modules.sorted().toList()) {
                Path pom = module.resolve("pom.xml");
                String name = module.getFileName().toString();
                if (!Files.exists(pom) || name.equals("core") || name.equals("testkit")
                    || Files.readString(pom).contains("<function.trigger>")) {
                    continue;
                }
                http.add(name);
                if (!devServerPom.contains("<artifactId>function-" + name + "</artifactId>")) {
                    missing.add(name);
                }
            }
        }
        assertFalse(http.isEmpty(), "found the function modules");
        assertEquals(List.of(), missing, "HTTP functions the dev server does not run (add them to dev-server/pom.xml)");
    }
}
