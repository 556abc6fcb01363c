package app.mobilebackend.infra.policy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static app.mobilebackend.infra.policy.TemplatePoliciesTest.assertFindings;
import static app.mobilebackend.infra.policy.TemplatePoliciesTest.assertNoFindings;
import static app.mobilebackend.infra.policy.TemplatePoliciesTest.fixture;
import static app.mobilebackend.infra.policy.TemplatePoliciesTest.fixtureDirectory;
import static app.mobilebackend.infra.policy.TemplatePoliciesTest.xFunctions;

/**
 * Each of the {@link Policies} can fail: run on a small fixture that breaks it
 * (src/test/resources/fixtures/policy/&lt;policy&gt;/, laid out like templates/), it names exactly the planted offences;
 * and none of them finds anything in a compliant set (fixtures/policy/compliant/).
 */
class PoliciesCatchViolationsTest {

    @Test
    void noWildcardActionsOnDataServices() {
        List<String> findings = Policies.noWildcardActionsOnDataServices(fixture("no-wildcard-actions-on-data-services"));
        assertFindings(findings,
            "stacks/functions.yaml Resources.TodosRole Properties.Policies[0].PolicyDocument.Statement[0]: Allow of dynamodb:*",
            "stacks/functions.yaml Resources.TodosRole Properties.Policies[0].PolicyDocument.Statement[1]: Allow of every action",
            "stacks/functions.yaml Resources.QueuePolicy Properties.PolicyDocument.Statement[0]: Allow of SQS:*",
            "stacks/functions.yaml Resources.SharedPolicy Properties.PolicyDocument.Statement[0]: Allow with NotAction",
            "stacks/functions.yaml Resources.SharedManagedPolicy Properties.PolicyDocument.Statement[0]: Allow of secretsmanager:*");
    }

    @Test
    void encryptionAtRestOnEveryStore() {
        assertFindings(Policies.encryptionAtRestOnEveryStore(fixture("encryption-at-rest-on-every-store")),
            "stacks/storage.yaml Resources.PlainBucket: S3 bucket without BucketEncryption",
            "stacks/storage.yaml Resources.PlainQueue: SQS queue without",
            "stacks/storage.yaml Resources.PlainTopic: SNS topic without KmsMasterKeyId",
            "stacks/storage.yaml Resources.PlainCluster: DB cluster without StorageEncrypted",
            "stacks/storage.yaml Resources.PlainGlobalCluster: global database without StorageEncrypted",
            "stacks/storage.yaml Resources.PlainStream: Kinesis stream without StreamEncryption.EncryptionType: KMS",
            "stacks/storage.yaml Resources.UnencryptedResultsWorkGroup: Athena workgroup without",
            "stacks/storage.yaml Resources.UnenforcedWorkGroup: Athena workgroup without");
    }

    @Test
    void tlsOnlyBucketPolicies() {
        assertFindings(Policies.tlsOnlyBucketPolicies(fixture("tls-only-bucket-policies")),
            "stacks/storage.yaml Resources.NoPolicyBucket: no AWS::S3::BucketPolicy",
            "stacks/storage.yaml Resources.AllowOnlyBucket: its bucket policy AllowOnlyBucketPolicy has no Deny statement");
    }

    @Test
    void logRetentionOnEveryLogGroup() {
        assertFindings(Policies.logRetentionOnEveryLogGroup(fixture("log-retention-on-every-log-group")),
            "stacks/functions.yaml Resources.ForeverLogs: log group without RetentionInDays",
            "stacks/functions.yaml Resources.ForeverFunction: its log group stacks/functions.yaml Resources.ForeverLogs has no RetentionInDays",
            "stacks/functions.yaml Resources.UnloggedFunction: no AWS::Logs::LogGroup");
    }

    @Test
    void everyFunctionHasAnErrorAlarm() {
        assertFindings(Policies.everyFunctionHasAnErrorAlarm(fixture("every-function-has-an-error-alarm")),
            "stacks/functions.yaml Resources.TodosGetFunction: no AWS::CloudWatch::Alarm",
            "stacks/functions.yaml Resources.TodosListFunction: no AWS::CloudWatch::Alarm",
            "stacks/functions.yaml Resources.NamelessFunction: no FunctionName");
    }

    @Test
    void nothingPublicButCloudFront() {
        assertFindings(Policies.nothingPublicButCloudFront(fixture("nothing-public-but-cloudfront")),
            "stacks/storage.yaml Resources.OpenBucket: PublicAccessBlockConfiguration.RestrictPublicBuckets is not true",
            "stacks/storage.yaml Resources.OpenBucket: PublicAccessBlockConfiguration.BlockPublicPolicy is not true",
            "stacks/network.yaml Resources.OpenSecurityGroup: ingress from 0.0.0.0/0",
            "stacks/network.yaml Resources.OpenIngress: ingress from ::/0",
            "stacks/api.yaml Resources.Api: EndpointConfiguration.Types is not set (EDGE)",
            "stacks/api.yaml Resources.EdgeDomainName: EndpointConfiguration.Types is not set (EDGE)",
            "stacks/api.yaml Resources.AllowingWebAcl: the API's web ACL has DefaultAction [Allow], not Block",
            "stacks/api.yaml Resources.UnprotectedStage: API stage without an AWS::WAFv2::WebACLAssociation",
            "stacks/functions.yaml Resources.HealthUrl: a Lambda function URL",
            "stacks/functions.yaml Resources.PublicInvoke: Lambda permission for principal *",
            "stacks/database.yaml Resources.Cluster: PubliclyAccessible: true",
            "stacks/storage.yaml Resources.SecondDistribution: a CloudFront distribution outside stacks/edge.yaml and stacks/content.yaml");
    }

    @Test
    void specToFunctionWiring() {
        Path dir = fixtureDirectory("spec-to-function-wiring");
        List<String> findings = Policies.specToFunctionWiring(Templates.load(dir.resolve("templates")),
            xFunctions(dir.resolve("openapi.yaml")), Map.of("health", "http", "todos-list", "http", "todos-get", "http",
                "todos-create", "http", "preferences-get", "http", "migrate", "deployment"));
        assertFindings(findings,
            "stacks/functions.yaml: GET /todos/{todoId} (x-function todos-get) has no AWS::Lambda::Function",
            "stacks/functions.yaml Outputs: no TodosGetFunctionAliasArn",
            "stacks/functions.yaml Outputs: no TodosListFunctionAliasArn",
            "stacks/functions.yaml Resources.PreferencesGetFunction: HTTP function preferences-get serves no operation",
            "stacks/functions.yaml Resources.GhostFunction: deploys function-ghost-lambda.jar, but there is no module functions/ghost",
            "stacks/functions.yaml Resources.InlineFunction: Code.S3Key");
    }

    @Test
    void theCompliantFixturesKeepEveryPolicy() {
        Path dir = fixtureDirectory("compliant");
        Templates compliant = Templates.load(dir.resolve("templates"));
        assertNoFindings(Policies.noWildcardActionsOnDataServices(compliant));
        assertNoFindings(Policies.encryptionAtRestOnEveryStore(compliant));
        assertNoFindings(Policies.tlsOnlyBucketPolicies(compliant));
        assertNoFindings(Policies.logRetentionOnEveryLogGroup(compliant));
        assertNoFindings(Policies.everyFunctionHasAnErrorAlarm(compliant));
        assertNoFindings(Policies.nothingPublicButCloudFront(compliant));
        assertNoFindings(Policies.specToFunctionWiring(compliant, xFunctions(dir.resolve("openapi.yaml")),
            Map.of("health", "http", "todos-list", "http", "migrate", "deployment")));
    }
}
