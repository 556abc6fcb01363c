package app.mobilebackend.infra.lint;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS's own linter, cfn-lint (https://github.com/aws-cloudformation/cfn-lint), on the real templates, when it is on
 * the PATH (pip install cfn-lint; these machines have 1.51): no errors and no warnings. The same run lints a copy of
 * the lint fixture with a planted circular dependency, which it must report (E3004), so a cfn-lint that checks
 * nothing cannot pass. Skipped, saying so, without cfn-lint: the project's own lint (TemplateLintTest) always runs.
 */
class CfnLintTest {

    private static final Path MODULE = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize()
        .resolve("infra-cloudformation");

    @Test
    void theRealTemplatesPassCfnLint(@TempDir Path dir) throws IOException, InterruptedException {
        String cfnLint = onPath("cfn-lint");
        Assumptions.assumeTrue(cfnLint != null, "cfn-lint is not on the PATH (pip install cfn-lint): skipped");

        Path planted = dir.resolve("planted-cycle.yaml");
        String fixture = Files.readString(MODULE.resolve("src/test/resources/fixtures/lint/valid.yaml"));
        Files.writeString(planted, fixture.replace("  AccessLogs:\n    Type: AWS::Logs::LogGroup\n",
            "  AccessLogs:\n    Type: AWS::Logs::LogGroup\n    DependsOn: Alarm\n"));
        List<String> command = new ArrayList<>(List.of(cfnLint, "--format", "parseable"));
        try (Stream<Path> files = Files.walk(MODULE.resolve("templates"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> command.add(f.toString()));
        }
        command.add(planted.toString());

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "cfn-lint did not finish");

        List<String> onRealTemplates = output.lines().filter(l -> l.startsWith(MODULE.resolve("templates").toString())).toList();
        assertTrue(onRealTemplates.isEmpty(), "cfn-lint on templates/:\n" + String.join("\n", onRealTemplates));
        assertTrue(output.lines().anyMatch(l -> l.startsWith(planted.toString()) && l.contains(":E3004:")),
            "cfn-lint must report the planted circular dependency:\n" + output);
        assertFalse(output.isBlank());
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
