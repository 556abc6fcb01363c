package app.mobilebackend.infra.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The template lint's deployment checks (lint/deployment.js) on the real structure: each mistake is planted once in a
 * copy of the real templates (stackset.yaml, root.yaml and stacks/), which are linted together so that each nested
 * template is followed up to the StackSet, and fails with its finding. The real templates themselves pass
 * ({@link TemplateLintTest#theRealTemplatesPass}).
 */
class TemplateDeploymentLintTest {

    private static final Path TEMPLATES = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize()
        .resolve("infra-cloudformation/templates");

    @TempDir
    Path copy;

    @Test
    void anEdgeCertificateParameterThatAdmitsOtherRegionsFails() throws IOException, InterruptedException {
        String output = lintWith("stacks/edge.yaml", "    AllowedPattern: '^arn:aws:acm:us-east-1:",
            "    AllowedPattern: '^arn:aws:acm:[a-z0-9-]+:");
        assertContains(output, "stacks/edge.yaml:", ": Parameters.CertificateArn.AllowedPattern: AcmCertificateArn of CloudFront distribution "
            + "Distribution (stacks/edge.yaml) must be an ACM certificate in us-east-1; the AllowedPattern of CertificateArn admits a certificate ARN in eu-west-1");
    }

    @Test
    void aStackSetParameterWithoutTheUsEast1PatternFails() throws IOException, InterruptedException {
        String output = lintWith("stackset.yaml",
            "    Default: ''\n    AllowedPattern: '^(arn:aws:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]+)?$'\n", "    Default: ''\n");
        assertContains(output, "stackset.yaml:", ": Parameters.ContentCertificateArn: AcmCertificateArn of CloudFront distribution Distribution "
            + "(stacks/content.yaml) must be an ACM certificate in us-east-1; parameter ContentCertificateArn has no AllowedPattern");
    }

    @Test
    void aRootPassingACertificateOfAnotherRegionFails() throws IOException, InterruptedException {
        String output = lintWith("root.yaml", "        CertificateArn:\n          Ref: CertificateArn\n",
            "        CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789\n");
        assertContains(output, "root.yaml:", ": Resources.EdgeStack.Properties.Parameters.CertificateArn: AcmCertificateArn of CloudFront distribution "
            + "Distribution (stacks/edge.yaml) must be an ACM certificate in us-east-1; this one is in eu-west-1");
    }

    @Test
    void aCloudFrontScopeWebAclInTheApiStackOfBothRegionsFails() throws IOException, InterruptedException {
        String output = lintWith("stacks/api.yaml", "      Scope: REGIONAL\n", "      Scope: CLOUDFRONT\n");
        assertContains(output, "stacks/api.yaml:", ": Resources.WebAcl.Properties.Scope: AWS::WAFv2::WebACL WebAcl has Scope CLOUDFRONT, which exists "
            + "only in us-east-1, but nothing keeps it there: give it, or every stack that creates stacks/api.yaml, a Condition requiring");
        assertContains(output, "stacks/api.yaml:", ": Resources.WebAclAssociation.Properties.WebACLArn: AWS::WAFv2::WebACLAssociation WebAclAssociation "
            + "(API Gateway stage, load balancer, AppSync, Cognito) takes only a web ACL of Scope REGIONAL, but WebACLArn names WebAcl, of Scope CLOUDFRONT");
    }

    @Test
    void aServiceManagedStackSetFailsNamingTheTransforms() throws IOException, InterruptedException {
        String output = lintWith("stackset.yaml", "      PermissionModel: SELF_MANAGED\n", "      PermissionModel: SERVICE_MANAGED\n");
        assertContains(output, "stackset.yaml:", ": Resources.MobileBackendStackSet.Properties.PermissionModel: StackSet MobileBackendStackSet must have "
            + "PermissionModel SELF_MANAGED (found \"SERVICE_MANAGED\"): service-managed StackSets run no macros, and these templates use transforms: "
            + "stacks/database.yaml (Transform AWS::SecretsManager-2024-09-16), stacks/api.yaml (Fn::Transform AWS::Include)");
    }

    @Test
    void aStackSetWithoutAutoExpandFails() throws IOException, InterruptedException {
        String output = lintWith("stackset.yaml", "        - CAPABILITY_AUTO_EXPAND\n", "");
        assertContains(output, "stackset.yaml:", ": Resources.MobileBackendStackSet.Properties.Capabilities: StackSet MobileBackendStackSet deploys "
            + "templates with transforms (stacks/database.yaml (Transform AWS::SecretsManager-2024-09-16), stacks/api.yaml (Fn::Transform AWS::Include)), "
            + "so its Capabilities need CAPABILITY_AUTO_EXPAND");
    }

    @Test
    void aStackSetWithoutItsRolesFails() throws IOException, InterruptedException {
        String stackSet = Files.readString(TEMPLATES.resolve("stackset.yaml"));
        String roles = "      AdministrationRoleARN:\n        Fn::If:\n          - HasAdministrationRole\n          - Ref: AdministrationRoleArn\n"
            + "          - Ref: AWS::NoValue\n      ExecutionRoleName:\n        Ref: ExecutionRoleName\n";
        assertTrue(stackSet.contains(roles), "stackset.yaml names its roles as this test expects:\n" + roles);
        String output = lintWith("stackset.yaml", roles, "");
        assertContains(output, "stackset.yaml:", ": Resources.MobileBackendStackSet.Properties: StackSet MobileBackendStackSet names no AdministrationRoleARN");
        assertContains(output, "stackset.yaml:", ": Resources.MobileBackendStackSet.Properties: StackSet MobileBackendStackSet names no ExecutionRoleName");
    }

    @Test
    void aParameterOverrideThatRootDoesNotDeclareFails() throws IOException, InterruptedException {
        String output = lintWith("stackset.yaml", "            - ParameterKey: RegionalCertificateArn\n              ParameterValue:\n                Ref: Secondary",
            "            - ParameterKey: RegionalCertificateArns\n              ParameterValue:\n                Ref: Secondary");
        assertContains(output, "stackset.yaml:", ": Resources.MobileBackendStackSet.Properties.StackInstancesGroup.1.ParameterOverrides.2.ParameterKey: "
            + "root.yaml declares no parameter RegionalCertificateArns");
    }

    @Test
    void aRootParameterWithoutDefaultMustBePassedOrOverriddenInEveryRegion() throws IOException, InterruptedException {
        String shared = "        - ParameterKey: IsPrimaryRegion\n          ParameterValue: 'true'\n";
        String secondary = "            - ParameterKey: IsPrimaryRegion\n              ParameterValue: 'false'\n";
        String stackSet = Files.readString(TEMPLATES.resolve("stackset.yaml"));
        assertTrue(stackSet.contains(shared) && stackSet.contains(secondary), "stackset.yaml passes IsPrimaryRegion as this test expects");

        String onlyOverridden = lint(stackSet.replace(shared, ""));
        assertEquals("", onlyOverridden, "every instance group overrides IsPrimaryRegion, so it is passed");
        String output = lint(stackSet.replace(shared, "").replace(secondary, ""));
        assertContains(output, "stackset.yaml:", ": Resources.MobileBackendStackSet.Properties.Parameters: root.yaml needs parameter IsPrimaryRegion "
            + "(it has no Default) but it is not passed");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Lints a copy of the real templates with the text replaced (exactly once) in one of them; returns the findings. */
    private String lintWith(String template, String text, String replacement) throws IOException, InterruptedException {
        String original = Files.readString(TEMPLATES.resolve(template));
        int at = original.indexOf(text);
        assertTrue(at >= 0 && original.indexOf(text, at + 1) < 0, template + " must contain exactly once: " + text);
        copyTemplates();
        Files.writeString(copy.resolve(template), original.replace(text, replacement));
        return run();
    }

    /** Lints a copy of the real templates with stackset.yaml's text replaced; returns the findings. */
    private String lint(String stackSet) throws IOException, InterruptedException {
        copyTemplates();
        Files.writeString(copy.resolve("stackset.yaml"), stackSet);
        return run();
    }

    private void copyTemplates() throws IOException {
        try (var walk = Files.walk(TEMPLATES)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(TEMPLATES.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private String run() throws IOException, InterruptedException {
        List<String> files = new ArrayList<>();
        try (var walk = Files.walk(copy)) {
            walk.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> files.add(copy.relativize(f).toString()));
        }
        TemplateLintTest.Result result = TemplateLintTest.lint(copy, files);
        TemplateLintTest.skipWithoutNode(result);
        StringBuilder findings = new StringBuilder();
        for (String line : result.output().split("\n")) {
            if (line.matches("[A-Za-z0-9_./-]+\\.yaml:[0-9]+: .*")) findings.append(line).append('\n');
        }
        assertEquals(findings.isEmpty() ? 0 : 1, result.exit(), result.output());
        return findings.toString();
    }

    /** A finding of the file (its path in the copy, then its line number) that contains the text. */
    private static void assertContains(String findings, String file, String text) {
        for (String line : findings.split("\n")) {
            if (line.startsWith(file) && line.substring(file.length()).matches("[0-9]+:.*") && line.contains(text)) return;
        }
        throw new AssertionError("expected a finding of " + file + " with \"" + text + "\" in:\n" + findings);
    }
}
