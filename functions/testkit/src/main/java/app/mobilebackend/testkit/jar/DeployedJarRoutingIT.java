package app.mobilebackend.testkit.jar;

import app.mobilebackend.testkit.TestUser;
import org.junit.jupiter.api.AfterAll;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs in every function module after packaging (failsafe): loads the deployable Lambda jar alone in its own class
 * loader ({@link DeployedJar}), builds its handler as the Lambda runtime does, and sends it every operation of the spec.
 * Its own operation is served; every other function's answers as a route it does not have (404, or 405 on a path it
 * serves with another method). This is the jar that ships, not the module's test class path.
 *
 * <p>It also records the classes the jar's loader defined, in order, into the file named by
 * {@code lambda.priming.class-list.out}: the function's class list for class priming ({@code LAMBDA_PRIMING=classes}),
 * which the build then puts into the jar as {@code META-INF/lambda-priming-classes.txt}. Failsafe runs it before
 * {@link SpecContractIT} (alphabetical order), so the list holds the start and these requests only.
 */
class DeployedJarRoutingIT {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

    private static DeployedJar jar;

    @BeforeAll
    static void loadJar() throws Exception {
        jar = DeployedJar.shared();
    }

    @AfterAll
    static void writeClassList() throws Exception {
        String classList = System.getProperty("lambda.priming.class-list.out");
        if (classList != null && jar != null) {
            List<String> lines = new ArrayList<>();
            lines.add("# Classes of " + jar.jar().getFileName() + " loaded by its start and one request per "
                + "operation of the spec (DeployedJarRoutingIT), in order: read by LAMBDA_PRIMING=classes");
            lines.addAll(jar.definedClasses());
            Files.write(Path.of(classList), lines);
        }
    }

    @Test
    void servesItsOwnOperationAndNoOther() throws Exception {
        String token = TestUser.fresh().token();
        int own = 0;
        for (Operation operation : operations()) {
            int status = invoke(operation, token).status();
            if (operation.function().equals(jar.function())) {
                own++;
                assertNotEquals(405, status, operation + " is served here");
                assertTrue(status != 404 || !isRouteMiss(operation, token), operation + " is served here");
            } else {
                assertTrue(status == 404 || status == 405, operation + " of " + operation.function() + " answered " + status);
                assertTrue(isRouteMiss(operation, token), operation + " is not routed here");
            }
        }
        assertEquals(1, own, "one operation per function");
    }

    /** A route miss is Micronaut's own answer for a path or method it has no route for. */
    private static boolean isRouteMiss(Operation operation, String token) throws Exception {
        DeployedJar.Answer answer = invoke(operation, token);
        return (answer.status() == 404 && answer.body() != null && answer.body().contains("\"detail\":\"Page Not Found\""))
            || answer.status() == 405;
    }

    private static DeployedJar.Answer invoke(Operation operation, String token) throws Exception {
        Map<String, List<String>> headers = Map.of("Authorization", List.of("Bearer " + token), "Content-Type", List.of("application/json"));
        boolean hasBody = !operation.method().equals("GET") && !operation.method().equals("DELETE");
        // API Gateway always sends a request context.
        ProxyEvent event = ProxyEvent.of(operation.method(), operation.path(), operation.path(), headers, Map.of(), Map.of(),
                hasBody ? "{}" : null)
            .withRequestContext(new ProxyEvent.RequestContext("routing-check", "local", operation.path()));
        return jar.handle(event);
    }

    record Operation(String method, String path, String function) {
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations() throws IOException {
        Map<String, Object> spec = new Yaml().load(Files.readString(Path.of(System.getProperty("api.spec"))));
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Object>) spec.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            if (HTTP_METHODS.contains(method)) {
                String concrete = path.replaceAll("\\{[^}]+}", "x");
                operations.add(new Operation(method.toUpperCase(), concrete, String.valueOf(((Map<String, Object>) op).get("x-function"))));
            }
        }));
        return operations;
    }
}
