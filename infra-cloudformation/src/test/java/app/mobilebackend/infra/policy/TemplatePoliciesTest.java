package app.mobilebackend.infra.policy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link Policies} on the real templates ({@code infra-cloudformation/templates}): each test fails with the list of
 * offending resources. {@link PoliciesCatchViolationsTest} shows that each policy can fail.
 */
class TemplatePoliciesTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> SHARED_MODULES = Set.of("core", "testkit");
    private static final Pattern TRIGGER = Pattern.compile("<function\\.trigger>(\\w+)</function\\.trigger>");

    private static Path root;
    private static Templates real;

    @BeforeAll
    static void load() {
        root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        real = Templates.load(Templates.realDirectory());
    }

    private static Templates real() {
        assertFalse(real.isEmpty(), "no templates under " + real.directory());
        return real;
    }

    @Test
    void noWildcardActionsOnDataServices() {
        assertNoFindings(Policies.noWildcardActionsOnDataServices(real()));
    }

    @Test
    void encryptionAtRestOnEveryStore() {
        assertNoFindings(Policies.encryptionAtRestOnEveryStore(real()));
    }

    @Test
    void tlsOnlyBucketPolicies() {
        assertNoFindings(Policies.tlsOnlyBucketPolicies(real()));
    }

    @Test
    void logRetentionOnEveryLogGroup() {
        assertNoFindings(Policies.logRetentionOnEveryLogGroup(real()));
    }

    @Test
    void everyFunctionHasAnErrorAlarm() {
        assertNoFindings(Policies.everyFunctionHasAnErrorAlarm(real()));
    }

    @Test
    void nothingPublicButCloudFront() {
        assertNoFindings(Policies.nothingPublicButCloudFront(real()));
    }

    /**
     * Issue 19: the deployment migrates. In the primary region only, a custom resource backed by the migrate function
     * runs on every release (its properties change with ArtifactPrefix) and every function version of the stack
     * waits for it; migrate logs in as the master user and reads the app user's secret, nothing else.
     */
    @Test
    void theDeploymentRunsTheMigrationsBeforeAnyNewVersion() {
        List<Templates.Resource> functions = real().resources("stacks/functions.yaml");
        Templates.Resource migration = functions.stream().filter(r -> r.type().equals("Custom::SchemaMigration")).findFirst()
            .orElseThrow(() -> new AssertionError("no Custom::SchemaMigration in stacks/functions.yaml"));
        assertEquals("IsPrimary", migration.definition().get("Condition"), "the secondary's database is a replica");
        assertEquals("MigrateFunction", Templates.referencedId(migration.property("ServiceToken")));
        assertEquals("${ArtifactPrefix}", Templates.text(migration.property("Release")), "every release sends an Update");
        assertEquals("${DbUser}", Templates.text(migration.property("AppUser")));
        assertEquals("${DbAppSecretArn}", Templates.text(migration.property("AppSecretArn")));

        List<String> notWaiting = functions.stream().filter(r -> r.type().equals("AWS::Lambda::Version"))
            .filter(r -> !String.valueOf(r.property("Description")).contains("Fn::GetAtt=[SchemaMigration, SchemaVersion]"))
            .map(Templates.Resource::where).toList();
        assertNoFindings(notWaiting);
        assertTrue(functions.stream().anyMatch(r -> r.type().equals("AWS::Lambda::Version")));

        Templates.Resource migrate = functions.stream().filter(r -> r.id().equals("MigrateFunction")).findFirst().orElseThrow();
        Map<String, Object> environment = Templates.map(Templates.map(migrate.property("Environment")).get("Variables"));
        assertEquals("${DbMasterUser}", Templates.text(environment.get("DB_USERNAME")), "migrations need the master user");
        Templates.Resource role = functions.stream().filter(r -> r.id().equals("MigrateFunctionRole")).findFirst().orElseThrow();
        String policies = String.valueOf(role.property("Policies"));
        assertTrue(policies.contains("dbuser:${DbProxyResourceId}/${DbMasterUser}"), policies);
        assertTrue(policies.contains("Action=secretsmanager:GetSecretValue, Resource={Ref=DbAppSecretArn}"), policies);
    }

    @Test
    void specToFunctionWiring() throws IOException {
        assertNoFindings(Policies.specToFunctionWiring(real(), xFunctions(root.resolve("api-spec/openapi.yaml")), moduleTriggers(root.resolve("functions"))));
    }

    @Test
    void theRealTemplatesHaveTheStacksThePoliciesLookAt() {
        for (String file : List.of("root.yaml", "stackset.yaml", Policies.FUNCTIONS, Policies.TRIGGERS, Policies.ANALYTICS, Policies.OBSERVABILITY, Policies.EDGE, Policies.CONTENT)) {
            assertTrue(real().template(file).isPresent(), "templates/" + file + " is missing");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    static void assertNoFindings(List<String> findings) {
        assertEquals(List.of(), findings, () -> findings.size() + " finding(s):\n  " + String.join("\n  ", findings) + "\n");
    }

    /** Exactly as many findings as expected, each starting with one of the expected texts. */
    static void assertFindings(List<String> findings, String... expected) {
        String all = "findings:\n  " + String.join("\n  ", findings);
        for (String e : expected) {
            assertTrue(findings.stream().anyMatch(f -> f.startsWith(e)), "expected a finding starting with \"" + e + "\"; " + all);
        }
        assertEquals(expected.length, findings.size(), "number of findings; " + all);
    }

    static Path fixtureDirectory(String name) {
        try {
            return Path.of(TemplatePoliciesTest.class.getResource("/fixtures/policy/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture src/test/resources/fixtures/policy/" + name, e);
        }
    }

    static Templates fixture(String name) {
        return Templates.load(fixtureDirectory(name));
    }

    /** The spec's x-function values, each with the first operation naming it ("GET /todos"). */
    @SuppressWarnings("unchecked")
    static Map<String, String> xFunctions(Path spec) {
        Map<String, Object> document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(spec));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + spec, e);
        }
        Map<String, String> result = new TreeMap<>();
        Templates.map(document.get("paths")).forEach((path, item) -> Templates.map(item).forEach((method, operation) -> {
            Object function = Templates.map(operation).get("x-function");
            if (HTTP_METHODS.contains(method) && function != null) {
                result.putIfAbsent(function.toString(), method.toUpperCase() + " " + path);
            }
        }));
        return result;
    }

    /** The function modules under functions/ (not core, testkit) and their trigger: http unless the pom says otherwise. */
    static Map<String, String> moduleTriggers(Path functions) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(functions)) {
            for (Path dir : dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).toList()) {
                String name = dir.getFileName().toString();
                if (!SHARED_MODULES.contains(name)) {
                    Matcher trigger = TRIGGER.matcher(Files.readString(dir.resolve("pom.xml")));
                    result.put(name, trigger.find() ? trigger.group(1) : "http");
                }
            }
        }
        return result;
    }
}
