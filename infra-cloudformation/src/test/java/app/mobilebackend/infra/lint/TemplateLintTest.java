package app.mobilebackend.infra.lint;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The template lint ({@code infra-cloudformation/lint/lint.sh}, lint.js against the CloudFormation resource schemas):
 * the real templates pass, and each kind of mistake, planted once in a copy of a template that passes, fails with
 * its finding. The copies are linted in one run ({@link #lintPlantedMistakes}); each test reads its copy's findings.
 *
 * <p>Needs Node 18+ with npm (lint.sh installs its packages with npm ci on first use). Without Node the tests are
 * skipped, unless INFRA_LINT_REQUIRE_NODE=true, when lint.sh fails and so do they.
 */
class TemplateLintTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private static final Path MODULE = ROOT.resolve("infra-cloudformation");
    private static final Path LINT = MODULE.resolve("lint/lint.sh");
    private static final Path FIXTURES = MODULE.resolve("src/test/resources/fixtures/lint");

    /** Each planted mistake: the copy's name, the fixture, the text replaced (exactly once) and its replacement. */
    private static final Map<String, String[]> MISTAKES = new LinkedHashMap<>();

    static {
        plant("misspelled-property", "valid.yaml", "      VersioningConfiguration:\n", "      VersioningConfigration:\n");
        plant("wrong-type", "valid.yaml", "        Fn::If: [IsProd, 365, 30]\n", "        thirty\n");
        plant("value-not-allowed", "valid.yaml", "        Status: Enabled\n", "        Status: enabled\n");
        plant("list-for-a-number", "valid.yaml", "      Period: 300\n", "      Period: [300]\n");
        plant("ref-to-a-missing-name", "valid.yaml", "        - Name: BucketName\n          Value: {Ref: FilesBucket}\n",
            "        - Name: BucketName\n          Value: {Ref: FileBucket}\n");
        plant("unused-parameter", "valid.yaml", "Conditions:\n", "  Unused:\n    Type: String\n    Default: ''\nConditions:\n");
        plant("unknown-resource-type", "valid.yaml", "    Type: AWS::CloudWatch::Alarm\n", "    Type: AWS::CloudWatch::Alarms\n");
        plant("unknown-attribute", "valid.yaml", "Fn::GetAtt: FilesBucket.RegionalDomainName", "Fn::GetAtt: FilesBucket.RegionDomainName");
        plant("unresolved-sub", "valid.yaml", "${!NotAVariable}", "${NotAVariable}");
        plant("undeclared-condition", "valid.yaml", "    Condition: ProdWithKey\n", "    Condition: ProdAndKey\n");
        plant("circular-dependency", "valid.yaml", "  AccessLogs:\n    Type: AWS::Logs::LogGroup\n",
            "  AccessLogs:\n    Type: AWS::Logs::LogGroup\n    DependsOn: Alarm\n");
        plant("short-form-tag", "valid.yaml", "      Bucket: {Ref: FilesBucket}\n", "      Bucket: !Ref FilesBucket\n");
        plant("cloudfront-acl-outside-us-east-1", "waf.yaml", "    Condition: InUsEast1\n    Properties:\n      Scope: CLOUDFRONT\n",
            "    Properties:\n      Scope: CLOUDFRONT\n");
        plant("regional-acl-on-a-distribution", "waf.yaml", "WebACLId: {Fn::GetAtt: [EdgeAcl, Arn]}", "WebACLId: {Fn::GetAtt: [RegionalAcl, Arn]}");
        plant("cloudfront-acl-on-an-association", "waf.yaml", "WebACLArn: {Fn::GetAtt: [RegionalAcl, Arn]}", "WebACLArn: {Fn::GetAtt: [EdgeAcl, Arn]}");
        plant("certificate-outside-us-east-1", "waf.yaml", "AcmCertificateArn: {Ref: CertificateArn}",
            "AcmCertificateArn: {Fn::Sub: 'arn:aws:acm:eu-west-1:${AWS::AccountId}:certificate/${CertificateArn}'}");
        plant("certificate-parameter-for-any-region", "waf.yaml", "'^arn:aws:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]+$'",
            "'^arn:aws:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$'");
    }

    private static void plant(String name, String fixture, String text, String replacement) {
        MISTAKES.put(name, new String[] {fixture, text, replacement});
    }

    @TempDir
    static Path planted;

    /** The lint's output for each planted copy, by copy name. */
    private static final Map<String, List<String>> findings = new LinkedHashMap<>();
    private static Result plantedRun;

    @BeforeAll
    static void lintPlantedMistakes() throws IOException, InterruptedException {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String[]> mistake : MISTAKES.entrySet()) {
            String text = Files.readString(FIXTURES.resolve(mistake.getValue()[0]));
            String original = mistake.getValue()[1];
            int at = text.indexOf(original);
            assertTrue(at >= 0 && text.indexOf(original, at + 1) < 0,
                mistake.getKey() + ": the fixture must contain exactly once: " + original);
            Path copy = planted.resolve(mistake.getKey() + ".yaml");
            Files.writeString(copy, text.replace(original, mistake.getValue()[2]));
            files.add(copy.toString());
        }
        files.add(FIXTURES.resolve("valid.yaml").toString());
        plantedRun = lint(files);
        for (String line : plantedRun.output().split("\n")) {
            for (String name : MISTAKES.keySet()) {
                if (line.startsWith(planted.resolve(name + ".yaml") + ":")) {
                    findings.computeIfAbsent(name, k -> new ArrayList<>()).add(line);
                }
            }
        }
    }

    @Test
    void theRealTemplatesPass() throws IOException, InterruptedException {
        Result result = lint(List.of());
        skipWithoutNode(result);
        assertEquals(0, result.exit(), "lint.sh on infra-cloudformation/templates:\n" + result.output());
    }

    @Test
    void theFixturesPass() throws IOException, InterruptedException {
        List<String> files = new ArrayList<>(List.of(FIXTURES.resolve("valid.yaml").toString(), FIXTURES.resolve("waf.yaml").toString()));
        try (var walk = Files.walk(FIXTURES.resolve("nested"))) {
            walk.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> files.add(f.toString()));
        }
        try (var walk = Files.walk(MODULE.resolve("src/test/resources/fixtures/policy/compliant/templates"))) {
            walk.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> files.add(f.toString()));
        }
        Result result = lint(files);
        skipWithoutNode(result);
        assertEquals(0, result.exit(), "lint.sh on the fixtures that must pass:\n" + result.output());
    }

    @Test
    void aMisspelledPropertyFails() {
        assertFinding("misspelled-property",
            ":29: Resources.FilesBucket.Properties.VersioningConfigration: unknown property of AWS::S3::Bucket (did you mean VersioningConfiguration?)");
    }

    @Test
    void aMisspelledPropertyInTheRealStorageTemplateFails(@TempDir Path dir) throws IOException, InterruptedException {
        Path storage = MODULE.resolve("templates/stacks/storage.yaml");
        Assumptions.assumeTrue(Files.exists(storage), "no templates/stacks/storage.yaml yet");
        String text = Files.readString(storage);
        Assumptions.assumeTrue(text.contains("VersioningConfiguration:"), "templates/stacks/storage.yaml has no VersioningConfiguration");
        Path copy = dir.resolve("storage.yaml");
        Files.writeString(copy, text.replace("VersioningConfiguration:", "VersioningConfigration:"));
        Result result = lint(List.of(copy.toString()));
        skipWithoutNode(result);
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("VersioningConfigration: unknown property of AWS::S3::Bucket"), result.output());
    }

    @Test
    void aWrongTypeFails() {
        assertFinding("wrong-type", ":67: Resources.AccessLogs.Properties.RetentionInDays: expected an integer, found \"thirty\"");
    }

    @Test
    void aValueOutsideTheAllowedOnesFails() {
        assertFinding("value-not-allowed",
            ":30: Resources.FilesBucket.Properties.VersioningConfiguration.Status: \"enabled\" is not one of the allowed values: Enabled, Suspended");
    }

    @Test
    void aListWhereANumberGoesFails() {
        assertFinding("list-for-a-number", ": Resources.Alarm.Properties.Period: expected an integer, found a list");
    }

    @Test
    void aRefToAMissingNameFails() {
        assertFinding("ref-to-a-missing-name",
            ": Resources.Alarm.Properties.Dimensions.0.Value.Ref: Ref: \"FileBucket\" is not a parameter or resource of this template");
    }

    @Test
    void anUnusedParameterFails() {
        assertFinding("unused-parameter", ":11: Parameters.Unused: parameter is never used");
    }

    @Test
    void anUnknownResourceTypeFails() {
        assertFinding("unknown-resource-type", ": Resources.Alarm.Type: unknown resource type AWS::CloudWatch::Alarms");
    }

    @Test
    void anUnknownAttributeFails() {
        assertFinding("unknown-attribute",
            ": Outputs.FilesBucketDomain.Value.Fn::GetAtt: Fn::GetAtt: AWS::S3::Bucket has no attribute RegionDomainName (did you mean RegionalDomainName?");
    }

    @Test
    void anUnresolvedSubstitutionFails() {
        assertFinding("unresolved-sub", ": Fn::Sub ${NotAVariable}: \"NotAVariable\" is not a parameter or resource of this template");
    }

    @Test
    void anUndeclaredConditionFails() {
        assertFinding("undeclared-condition", ": Resources.Alarm.Condition: condition \"ProdAndKey\" is not declared in Conditions");
    }

    @Test
    void aCircularDependencyFails() {
        assertFinding("circular-dependency", ": Resources.AccessLogs: circular dependency: AccessLogs -> Alarm -> AccessLogs");
    }

    @Test
    void aShortFormTagFails() {
        assertFinding("short-form-tag", ": YAML: unknown tag !<!Ref>");
    }

    @Test
    void aCloudFrontWebAclThatMayBeCreatedOutsideUsEast1Fails() {
        assertFinding("cloudfront-acl-outside-us-east-1", ":18: Resources.EdgeAcl.Properties.Scope: AWS::WAFv2::WebACL EdgeAcl has Scope CLOUDFRONT, "
            + "which exists only in us-east-1, but nothing keeps it there");
    }

    @Test
    void aRegionalWebAclOnADistributionFails() {
        assertFinding("regional-acl-on-a-distribution", ": Resources.Distribution.Properties.DistributionConfig.WebACLId: CloudFront distribution "
            + "Distribution takes only a web ACL of Scope CLOUDFRONT (created in us-east-1), but WebACLId names RegionalAcl, of Scope REGIONAL");
    }

    @Test
    void aCloudFrontWebAclOnAnAssociationFails() {
        assertFinding("cloudfront-acl-on-an-association", ": Resources.RegionalAclAssociation.Properties.WebACLArn: AWS::WAFv2::WebACLAssociation "
            + "RegionalAclAssociation (API Gateway stage, load balancer, AppSync, Cognito) takes only a web ACL of Scope REGIONAL, but WebACLArn names "
            + "EdgeAcl, of Scope CLOUDFRONT");
    }

    @Test
    void aCloudFrontCertificateOutsideUsEast1Fails() {
        assertFinding("certificate-outside-us-east-1", ": Resources.Distribution.Properties.DistributionConfig.ViewerCertificate.AcmCertificateArn."
            + "Fn::Sub: AcmCertificateArn of CloudFront distribution Distribution (");
        assertFinding("certificate-outside-us-east-1", ") must be an ACM certificate in us-east-1; its region is eu-west-1 in ");
    }

    @Test
    void aCertificateParameterThatAdmitsOtherRegionsFails() {
        assertFinding("certificate-parameter-for-any-region", ":8: Parameters.CertificateArn.AllowedPattern: AcmCertificateArn of CloudFront "
            + "distribution Distribution (");
        assertFinding("certificate-parameter-for-any-region", "must be an ACM certificate in us-east-1; the AllowedPattern of CertificateArn "
            + "admits a certificate ARN in eu-west-1");
    }

    @Test
    void nestedStacksMustAgreeWithTheirTemplates(@TempDir Path dir) throws IOException, InterruptedException {
        Path nested = FIXTURES.resolve("nested");
        Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(dir.resolve("stackset.yaml"), Files.readString(nested.resolve("stackset.yaml"))
            .replace("        - ParameterKey: ArtifactBucket\n          ParameterValue: {Ref: ArtifactBucket}\n", ""));
        Files.writeString(dir.resolve("root.yaml"), Files.readString(nested.resolve("root.yaml"))
            .replace("Environment: {Ref: Environment}", "Env: {Ref: Environment}")
            .replace("Outputs.QueueArn", "Outputs.QueueUrl"));
        Files.copy(nested.resolve("stacks/storage.yaml"), dir.resolve("stacks/storage.yaml"));
        Result result = lint(List.of(dir.resolve("stackset.yaml").toString(), dir.resolve("root.yaml").toString(),
            dir.resolve("stacks/storage.yaml").toString()));
        skipWithoutNode(result);
        assertEquals(1, result.exit(), result.output());
        for (String expected : List.of(
            "stackset.yaml:18: Resources.StackSet.Properties.Parameters: " + dir.resolve("root.yaml") + " needs parameter ArtifactBucket",
            "root.yaml:15: Resources.Storage.Properties.Parameters.Env: " + dir.resolve("stacks/storage.yaml") + " declares no parameter Env",
            "root.yaml:14: Resources.Storage.Properties.Parameters: " + dir.resolve("stacks/storage.yaml") + " needs parameter Environment",
            "root.yaml:19: Outputs.QueueArn.Value.Fn::GetAtt: Fn::GetAtt: Storage.Outputs.QueueUrl: " + dir.resolve("stacks/storage.yaml") + " has no output QueueUrl")) {
            assertTrue(result.output().contains(expected), "expected \"" + expected + "\" in:\n" + result.output());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The planted copy fails with exactly one finding, which ends with (or, from its line number on, is) the expected text. */
    private static void assertFinding(String mistake, String expected) {
        skipWithoutNode(plantedRun);
        assertEquals(1, plantedRun.exit(), "lint.sh must fail on the planted mistakes:\n" + plantedRun.output());
        List<String> lines = findings.getOrDefault(mistake, List.of());
        assertEquals(1, lines.size(), "findings for " + mistake + ".yaml (exactly one expected):\n" + String.join("\n", lines)
            + "\nwhole output:\n" + plantedRun.output());
        String line = lines.get(0).substring(planted.resolve(mistake + ".yaml").toString().length());
        if (expected.startsWith(":") && Character.isDigit(expected.charAt(1))) {
            assertTrue(line.startsWith(expected), "expected " + expected + "\n   found " + line);
        } else {
            assertTrue(line.contains(expected), "expected " + expected + "\n   found " + line);
        }
    }

    static void skipWithoutNode(Result result) {
        if (result.output().contains("SKIPPED: template lint needs Node")) {
            Assumptions.abort("no Node: " + result.output().strip());
        }
    }

    record Result(int exit, String output) {
    }

    /** Runs lint.sh on the files (none: the real templates); the caller skips when it says Node is missing. */
    private static Result lint(List<String> files) throws IOException, InterruptedException {
        return lint(MODULE, files);
    }

    /** Runs lint.sh in the directory on the files (relative to it, or absolute). */
    static Result lint(Path directory, List<String> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", LINT.toString()));
        command.addAll(files);
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("lint.sh did not finish in 5 minutes:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
