package app.mobilebackend.infra.deploy;

import app.mobilebackend.infra.apigateway.HashedDeployment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code infra-cloudformation/deploy --dry-run --no-build} in the real repository: the plan it prints uploads every
 * function module's jar, every template and the API definition to the artifact bucket of each region, and deploys
 * the StackSet; and it runs nothing: an {@code aws} on the PATH that records its calls is never called. Jars and the
 * API definition need not be built (the plan then says "(not built yet)").
 */
class DeployDryRunTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final Path MODULE = ROOT.resolve("infra-cloudformation");
    private static final Set<String> SHARED_MODULES = Set.of("core", "testkit");
    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");

    @TempDir
    static Path dir;

    private static Path awsCalls;
    private static Result dryRun;

    @BeforeAll
    static void dryRun() throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        awsCalls = dir.resolve("aws-calls.txt");
        Path aws = bin.resolve("aws");
        Files.writeString(aws, "#!/bin/sh\necho \"aws $*\" >> '" + awsCalls + "'\n");
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        dryRun = deploy(bin + ":" + System.getenv("PATH"),
            "--dry-run", "--no-build", "--artifact-bucket", "mb-artifacts", "--prefix", "releases/r42",
            "--admin-region", "eu-west-1", "--regions", String.join(",", REGIONS), "--stack-set-name", "mobile-backend-prod",
            "--accounts", "123456789012");
    }

    @Test
    void theDryRunSucceedsAndCallsNoAws() throws IOException {
        assertEquals(0, dryRun.exit(), dryRun.output());
        assertFalse(Files.exists(awsCalls) && !Files.readString(awsCalls).isBlank(),
            () -> "the dry run called aws:\n" + read(awsCalls));
    }

    @Test
    void itUploadsEveryFunctionJarToEachRegion() throws IOException {
        List<String> functions = functionModules();
        assertFalse(functions.isEmpty(), "no function modules under functions/");
        for (String region : REGIONS) {
            for (String function : functions) {
                assertUpload("functions/" + function + "/target/function-" + function + "-",
                    "s3://mb-artifacts-" + region + "/releases/r42/functions/function-" + function + "-lambda.jar", region);
            }
        }
    }

    @Test
    void itUploadsEveryTemplateToEachRegion() throws IOException {
        List<String> templates = new ArrayList<>(List.of("root.yaml"));
        try (Stream<Path> stacks = Files.list(MODULE.resolve("templates/stacks"))) {
            stacks.map(p -> "stacks/" + p.getFileName()).filter(p -> p.endsWith(".yaml")).sorted().forEach(templates::add);
        }
        assertTrue(templates.size() > 1, "no templates under templates/stacks");
        for (String region : REGIONS) {
            for (String template : templates) {
                // the api stack goes as the build wrote it, its deployment named after the API definition
                String source = template.equals("stacks/api.yaml") ? "infra-cloudformation/target/templates/" : "infra-cloudformation/templates/";
                assertUpload(source + template, "s3://mb-artifacts-" + region + "/releases/r42/" + template, region);
            }
        }
        assertFalse(dryRun.output().contains("/stackset.yaml s3://"), "stackset.yaml is deployed, not uploaded:\n" + dryRun.output());
    }

    @Test
    void itUploadsTheApiDefinitionToEachRegion() {
        for (String region : REGIONS) {
            assertUpload("infra-cloudformation/target/api/openapi-apigateway.yaml",
                "s3://mb-artifacts-" + region + "/releases/r42/api/openapi-apigateway.yaml", region);
        }
    }

    @Test
    void itShowsTheHashedApiDeployment() throws IOException {
        String logicalId = HashedDeployment.logicalId(Files.readAllBytes(MODULE.resolve("target/api/openapi-apigateway.yaml")));
        assertTrue(planLines().contains("API deployment: " + logicalId + " (named after the API definition: a new one when a route changes)"),
            dryRun.output());
        assertTrue(planLines().stream().anyMatch(l -> l.contains("/stacks/api.yaml ") && l.endsWith("# API deployment " + logicalId)),
            dryRun.output());
    }

    @Test
    void itShowsTheMigrationStep() {
        assertTrue(planLines().contains("Migrations: the functions stack in " + REGIONS.get(0) + " runs migrate (custom resource"
            + " SchemaMigration, release releases/r42) before it publishes any function version; a failed migration fails and"
            + " rolls back the deployment. " + REGIONS.get(1) + " gets the schema by replication."), dryRun.output());
    }

    @Test
    void itShowsBothRegionsIdentitySettings() {
        for (int i = 0; i < 2; i++) {
            String region = REGIONS.get(i);
            String other = REGIONS.get(1 - i);
            assertTrue(planLines().contains("Identity: the functions in " + other + " trust their own user pool and " + region
                + "'s (the pool mobile-backend-prod read from " + region + "); tokens carry the user's key (uid), and a user of "
                + region + "'s pool signing in to " + other + "'s moves there with it (user-migration)."), dryRun.output());
            assertTrue(planLines().contains("+ curl -fsS https://cognito-idp." + region + ".amazonaws.com/\\<pool\\>/.well-known/jwks.json"),
                dryRun.output());
        }
    }

    /** What the templates read from the artifact bucket (a key after ${ArtifactPrefix}/) is what deploy uploads. */
    @Test
    void everyArtifactTheTemplatesReadIsUploaded() throws IOException {
        Pattern artifact = Pattern.compile("\\$\\{ArtifactPrefix}/([A-Za-z0-9._/-]+)");
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MODULE.resolve("templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher m = artifact.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertFalse(keys.isEmpty(), "no ${ArtifactPrefix}/... in the templates");
        for (String region : REGIONS) {
            for (String key : keys) {
                String target = "s3://mb-artifacts-" + region + "/releases/r42/" + key;
                assertTrue(planLines().stream().anyMatch(l -> l.startsWith("+ aws s3 cp ") && l.contains(" " + target + " ")),
                    "the templates read " + key + ", but deploy does not upload " + target + ":\n" + dryRun.output());
            }
        }
    }

    @Test
    void itDeploysTheStackSetInTheAdminRegion() {
        String deploy = planLines().stream().filter(l -> l.startsWith("+ aws cloudformation deploy ")).findFirst()
            .orElseGet(() -> fail("no aws cloudformation deploy in the plan:\n" + dryRun.output()));
        for (String part : List.of("--region eu-west-1", "--stack-name mobile-backend-prod-admin",
            "--template-file " + MODULE.resolve("templates/stackset.yaml"), "--capabilities CAPABILITY_NAMED_IAM CAPABILITY_AUTO_EXPAND")) {
            assertTrue(deploy.contains(part), "expected " + part + " in: " + deploy);
        }
        int lastUpload = 0;
        int deployAt = planLines().indexOf(deploy);
        for (int i = 0; i < planLines().size(); i++) {
            if (planLines().get(i).startsWith("+ aws s3 cp ")) {
                lastUpload = i;
            }
        }
        assertTrue(lastUpload < deployAt, "the StackSet is deployed after every upload:\n" + dryRun.output());
    }

    @Test
    void withoutTheAwsCliARealRunFailsClearly() throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("no-aws-bin"));
        for (String tool : List.of("bash", "dirname", "basename", "sed", "awk", "cat")) {
            Path found = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst()
                .orElse(null);
            Assumptions.assumeTrue(found != null, "no " + tool + " in /usr/bin or /bin");
            Files.createSymbolicLink(bin.resolve(tool), found);
        }
        Result result = deploy(bin.toString(), "--no-build", "--artifact-bucket", "mb-artifacts", "--prefix", "r42",
            "--admin-region", "eu-west-1", "--regions", String.join(",", REGIONS), "--stack-set-name", "mobile-backend-prod");
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("needs the AWS CLI"), result.output());
    }

    @Test
    void theValueOfANoEchoParameterIsNotPrinted() throws IOException, InterruptedException {
        Map<String, Object> parameters = asMap(asMap(new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(Files.readString(MODULE.resolve("templates/stackset.yaml")))).get("Parameters"));
        String secret = parameters.entrySet().stream()
            .filter(p -> Boolean.TRUE.equals(asMap(p.getValue()).get("NoEcho")) || "true".equals(asMap(p.getValue()).get("NoEcho")))
            .map(Map.Entry::getKey).findFirst().orElse(null);
        Assumptions.assumeTrue(secret != null, "templates/stackset.yaml has no NoEcho parameter");
        Path file = dir.resolve("parameters.txt");
        Files.writeString(file, "# a comment\n\n" + secret + "=do-not-print-0123456789abcdef0123456789\n");
        Result result = deploy(System.getenv("PATH"), "--dry-run", "--no-build", "--artifact-bucket", "mb-artifacts",
            "--prefix", "r42", "--admin-region", "eu-west-1", "--regions", String.join(",", REGIONS),
            "--stack-set-name", "mobile-backend-prod", "--accounts", "123456789012", "--parameters-file", file.toString());
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains(" " + secret + "=****"), result.output());
        assertFalse(result.output().contains("do-not-print"), result.output());
    }

    @Test
    void missingOptionsAreNamed() throws IOException, InterruptedException {
        Result result = deploy(System.getenv("PATH"), "--dry-run", "--artifact-bucket", "mb-artifacts");
        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().contains("missing --prefix --admin-region --regions --stack-set-name"), result.output());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void assertUpload(String source, String target, String region) {
        String upload = planLines().stream()
            .filter(l -> l.startsWith("+ aws s3 cp ") && l.contains(" " + target + " ") && l.contains("--region " + region))
            .findFirst().orElseGet(() -> fail("no upload to " + target + " in the plan:\n" + dryRun.output()));
        assertTrue(upload.contains(source), "expected " + source + " as the source of: " + upload);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    private static List<String> planLines() {
        return dryRun.output().lines().toList();
    }

    private static List<String> functionModules() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("functions"))) {
            return dirs.filter(d -> Files.exists(d.resolve("pom.xml")))
                .map(d -> d.getFileName().toString()).filter(n -> !SHARED_MODULES.contains(n)).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    record Result(int exit, String output) {
    }

    private static Result deploy(String path, String... arguments) throws IOException, InterruptedException {
        // bash by its full path: the child's PATH is the one under test, and the parent's PATH finds the executable.
        String bash = Stream.of("/bin/bash", "/usr/bin/bash").filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse("bash");
        List<String> command = new ArrayList<>(List.of(bash, MODULE.resolve("deploy").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", path);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("deploy did not finish in 2 minutes:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
