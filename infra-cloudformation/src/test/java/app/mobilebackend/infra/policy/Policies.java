package app.mobilebackend.infra.policy;

import app.mobilebackend.infra.policy.Templates.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.mobilebackend.infra.policy.Templates.isTrue;
import static app.mobilebackend.infra.policy.Templates.list;
import static app.mobilebackend.infra.policy.Templates.map;
import static app.mobilebackend.infra.policy.Templates.referencedId;
import static app.mobilebackend.infra.policy.Templates.text;

/**
 * The security and operations policies every template must keep, one method per policy. Each returns its findings,
 * one line per offence naming the template and resource ({@code stacks/storage.yaml Resources.FilesBucket: ...}); no
 * finding means the templates keep the policy. {@link TemplatePoliciesTest} runs them on the real templates,
 * {@link PoliciesCatchViolationsTest} on small violating fixtures, to show that each can fail.
 */
final class Policies {

    /** Where the functions and their alarms are. */
    static final String FUNCTIONS = "stacks/functions.yaml";
    /** The Cognito triggers: functions too, in a stack of their own because the user pool names them. */
    static final String TRIGGERS = "stacks/triggers.yaml";
    /** The analytics ingestion: its Firehose transform is a function too, beside the stream it serves. */
    static final String ANALYTICS = "stacks/analytics.yaml";
    /** Every template holding the backend's functions (functions.yaml must exist; the others may not). */
    static final List<String> FUNCTION_TEMPLATES = List.of(FUNCTIONS, TRIGGERS, ANALYTICS);
    static final String OBSERVABILITY = "stacks/observability.yaml";
    static final String EDGE = "stacks/edge.yaml";
    /** The content delivery (signed URLs; the app updates unsigned): the other place a CloudFront distribution may be. */
    static final String CONTENT = "stacks/content.yaml";
    static final Set<String> CLOUDFRONT_TEMPLATES = Set.of(EDGE, CONTENT);

    /** Services that hold data: a wildcard action on any of them is too broad. */
    static final Set<String> DATA_SERVICES = Set.of(
        "s3", "dynamodb", "rds", "rds-db", "secretsmanager", "kms", "sqs", "sns", "events", "ssm");

    /** The resources whose policy documents grant access (VPC endpoint and KMS key policies only bound it). */
    static final Set<String> POLICY_HOLDERS = Set.of(
        "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::User", "AWS::IAM::Group",
        "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::SecretsManager::ResourcePolicy",
        "AWS::Events::EventBusPolicy");

    private static final Pattern SERVICE_WILDCARD = Pattern.compile("([A-Za-z0-9-]+):\\*");
    private static final Pattern FUNCTION_JAR = Pattern.compile("function-([a-z0-9-]+)-lambda\\.jar$");

    private Policies() {
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * No Allow statement of any IAM policy document that grants access ({@link #POLICY_HOLDERS}: roles', users' and
     * groups' Policies, AWS::IAM::Policy and ManagedPolicy, bucket, queue, topic, event bus and Secrets Manager resource
     * policies) grants {@code *} or {@code service:*} on a data service, or uses NotAction (which allows everything
     * else). Deny statements (the TLS-only {@code s3:*} deny) may use wildcards; so may non-data services
     * ({@code ec2:*NetworkInterface*}, {@code xray:*}). Not checked: VPC endpoint policies, which only bound what may
     * pass the endpoint ({@code *} is their default), and KMS key policies, whose standard first statement gives the
     * account {@code kms:*}.
     */
    static List<String> noWildcardActionsOnDataServices(Templates templates) {
        List<String> findings = new ArrayList<>();
        for (Resource r : templates.resources()) {
            if (!POLICY_HOLDERS.contains(r.type())) {
                continue;
            }
            policyDocuments(r.properties(), "Properties", r.type()).forEach((path, document) -> {
                List<Object> statements = list(map(document).get("Statement"));
                for (int i = 0; i < statements.size(); i++) {
                    Map<String, Object> statement = map(statements.get(i));
                    if ("Deny".equals(statement.get("Effect"))) {
                        continue;
                    }
                    String where = r.where() + " " + path + ".Statement[" + i + "]";
                    if (statement.containsKey("NotAction")) {
                        findings.add(where + ": Allow with NotAction grants every other action, data services included");
                    }
                    for (String action : strings(statement.get("Action"))) {
                        if (action.equals("*")) {
                            findings.add(where + ": Allow of every action (\"*\")");
                            continue;
                        }
                        Matcher m = SERVICE_WILDCARD.matcher(action);
                        if (m.matches() && DATA_SERVICES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                            findings.add(where + ": Allow of " + action + " on a data service: name the actions");
                        }
                    }
                }
            });
        }
        return findings;
    }

    /** Every {@code PolicyDocument} (and Secrets Manager {@code ResourcePolicy}) under the properties, by path. */
    private static Map<String, Object> policyDocuments(Object node, String path, String type) {
        Map<String, Object> found = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.equals("PolicyDocument") || (key.equals("ResourcePolicy") && type.equals("AWS::SecretsManager::ResourcePolicy"))) {
                    found.put(path + "." + key, v);
                } else {
                    found.putAll(policyDocuments(v, path + "." + key, type));
                }
            });
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                found.putAll(policyDocuments(l.get(i), path + "[" + i + "]", type));
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Encryption at rest on every store: S3 buckets have BucketEncryption, Aurora clusters, global databases (unless
     * made from an existing cluster) and RDS instances outside a cluster StorageEncrypted true, SQS queues KmsMasterKeyId or SqsManagedSseEnabled true, SNS topics
     * KmsMasterKeyId, Kinesis streams StreamEncryption KMS, Athena workgroups an enforced, encrypted result configuration. Secrets Manager secrets (AWS-managed key when KmsKeyId is absent), DynamoDB tables and log groups
     * are always encrypted.
     */
    static List<String> encryptionAtRestOnEveryStore(Templates templates) {
        List<String> findings = new ArrayList<>();
        for (Resource r : templates.resources()) {
            switch (r.type()) {
                case "AWS::S3::Bucket" -> {
                    if (list(map(r.property("BucketEncryption")).get("ServerSideEncryptionConfiguration")).isEmpty()) {
                        findings.add(r.where() + ": S3 bucket without BucketEncryption.ServerSideEncryptionConfiguration");
                    }
                }
                case "AWS::RDS::DBCluster" -> {
                    if (!isTrue(r.property("StorageEncrypted"))) {
                        findings.add(r.where() + ": DB cluster without StorageEncrypted: true");
                    }
                }
                case "AWS::RDS::GlobalCluster" -> {
                    if (r.property("SourceDBClusterIdentifier") == null && !isTrue(r.property("StorageEncrypted"))) {
                        findings.add(r.where() + ": global database without StorageEncrypted: true");
                    }
                }
                case "AWS::RDS::DBInstance" -> {
                    if (r.property("DBClusterIdentifier") == null && !isTrue(r.property("StorageEncrypted"))) {
                        findings.add(r.where() + ": DB instance without StorageEncrypted: true");
                    }
                }
                case "AWS::SQS::Queue" -> {
                    if (r.property("KmsMasterKeyId") == null && !isTrue(r.property("SqsManagedSseEnabled"))) {
                        findings.add(r.where() + ": SQS queue without KmsMasterKeyId or SqsManagedSseEnabled: true");
                    }
                }
                case "AWS::SNS::Topic" -> {
                    if (r.property("KmsMasterKeyId") == null) {
                        findings.add(r.where() + ": SNS topic without KmsMasterKeyId");
                    }
                }
                case "AWS::Kinesis::Stream" -> {
                    if (!"KMS".equals(map(r.property("StreamEncryption")).get("EncryptionType"))) {
                        findings.add(r.where() + ": Kinesis stream without StreamEncryption.EncryptionType: KMS");
                    }
                }
                case "AWS::Athena::WorkGroup" -> {
                    // query results are stores too: encrypted, and no client may ask for them elsewhere or in clear
                    Map<String, Object> configuration = map(r.property("WorkGroupConfiguration"));
                    Map<String, Object> results = map(configuration.get("ResultConfiguration"));
                    if (map(results.get("EncryptionConfiguration")).get("EncryptionOption") == null
                        || !isTrue(configuration.get("EnforceWorkGroupConfiguration"))) {
                        findings.add(r.where() + ": Athena workgroup without ResultConfiguration.EncryptionConfiguration"
                            + " and EnforceWorkGroupConfiguration: true");
                    }
                }
                default -> {
                }
            }
        }
        return findings;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Every S3 bucket has an AWS::S3::BucketPolicy, in the same template, whose Bucket refers to it and which denies
     * requests where {@code aws:SecureTransport} is false.
     */
    static List<String> tlsOnlyBucketPolicies(Templates templates) {
        List<String> findings = new ArrayList<>();
        for (Resource bucket : templates.resourcesOfType("AWS::S3::Bucket")) {
            List<Resource> policies = templates.resources(bucket.file()).stream()
                .filter(p -> p.type().equals("AWS::S3::BucketPolicy"))
                .filter(p -> bucket.id().equals(referencedId(p.property("Bucket")))
                    || (bucket.property("BucketName") != null && text(bucket.property("BucketName")).equals(text(p.property("Bucket")))))
                .toList();
            if (policies.isEmpty()) {
                findings.add(bucket.where() + ": no AWS::S3::BucketPolicy in " + bucket.file() + " has Bucket: {Ref: " + bucket.id() + "}");
            } else if (policies.stream().noneMatch(Policies::deniesInsecureTransport)) {
                findings.add(bucket.where() + ": its bucket policy " + policies.get(0).id()
                    + " has no Deny statement with Condition Bool aws:SecureTransport: false");
            }
        }
        return findings;
    }

    private static boolean deniesInsecureTransport(Resource policy) {
        for (Object s : list(map(policy.property("PolicyDocument")).get("Statement"))) {
            Map<String, Object> statement = map(s);
            Object secure = map(map(statement.get("Condition")).get("Bool")).get("aws:SecureTransport");
            if ("Deny".equals(statement.get("Effect")) && secure != null && "false".equalsIgnoreCase(String.valueOf(secure))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Every AWS::Logs::LogGroup has RetentionInDays, and every AWS::Lambda::Function logs to such a group: the one its
     * LoggingConfig.LogGroup names ({@code {Ref: Group}} or the group's name), else the group named
     * {@code /aws/lambda/<FunctionName>} (as {@code /aws/lambda/${FunctionName text}} or
     * {@code /aws/lambda/${FunctionLogicalId}}), in any template.
     */
    static List<String> logRetentionOnEveryLogGroup(Templates templates) {
        List<String> findings = new ArrayList<>();
        List<Resource> groups = templates.resourcesOfType("AWS::Logs::LogGroup");
        for (Resource group : groups) {
            if (group.property("RetentionInDays") == null) {
                findings.add(group.where() + ": log group without RetentionInDays");
            }
        }
        for (Resource function : templates.resourcesOfType("AWS::Lambda::Function")) {
            Object configured = map(function.property("LoggingConfig")).get("LogGroup");
            Set<String> names = new TreeSet<>();
            Resource group = null;
            if (configured != null) {
                String id = referencedId(configured);
                group = groups.stream().filter(g -> g.file().equals(function.file()) && g.id().equals(id)).findFirst()
                    .orElseGet(() -> groups.stream().filter(g -> text(g.property("LogGroupName")).equals(text(configured))).findFirst().orElse(null));
                names.add(text(configured));
            } else {
                if (function.property("FunctionName") != null) {
                    names.add("/aws/lambda/" + text(function.property("FunctionName")));
                }
                names.add("/aws/lambda/${" + function.id() + "}");
                group = groups.stream()
                    .filter(g -> g.property("LogGroupName") != null && names.contains(text(g.property("LogGroupName"))))
                    .findFirst().orElse(null);
            }
            if (group == null) {
                findings.add(function.where() + ": no AWS::Logs::LogGroup for its logs (looked for " + String.join(" or ", names) + ")");
            } else if (group.property("RetentionInDays") == null) {
                findings.add(function.where() + ": its log group " + group.where() + " has no RetentionInDays");
            }
        }
        return findings;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Every AWS::Lambda::Function of stacks/functions.yaml and stacks/triggers.yaml ({@link #FUNCTION_TEMPLATES}) has
     * an AWS::CloudWatch::Alarm in stacks/observability.yaml
     * on its Errors: MetricName Errors, Namespace AWS/Lambda and a FunctionName dimension whose value is the function's
     * FunctionName (compared as text: {@code Fn::Sub: mobile-backend-${Environment}-health} in both). A metric-math
     * alarm counts when one of its Metrics has such a MetricStat.
     */
    static List<String> everyFunctionHasAnErrorAlarm(Templates templates) {
        List<String> findings = new ArrayList<>();
        if (templates.template(FUNCTIONS).isEmpty()) {
            return List.of(FUNCTIONS + ": missing");
        }
        Set<String> alarmed = new TreeSet<>();
        for (Resource alarm : templates.resources(OBSERVABILITY)) {
            if (!alarm.type().equals("AWS::CloudWatch::Alarm")) {
                continue;
            }
            List<Map<String, Object>> metrics = new ArrayList<>();
            metrics.add(alarm.properties());
            for (Object m : list(alarm.property("Metrics"))) {
                metrics.add(map(map(map(m).get("MetricStat")).get("Metric")));
            }
            for (Map<String, Object> metric : metrics) {
                if ("Errors".equals(metric.get("MetricName")) && "AWS/Lambda".equals(metric.get("Namespace"))) {
                    for (Object d : list(metric.get("Dimensions"))) {
                        if ("FunctionName".equals(map(d).get("Name"))) {
                            alarmed.add(text(map(d).get("Value")));
                        }
                    }
                }
            }
        }
        for (Resource function : functionTemplateResources(templates)) {
            if (!function.type().equals("AWS::Lambda::Function")) {
                continue;
            }
            if (function.property("FunctionName") == null) {
                findings.add(function.where() + ": no FunctionName, so no alarm can name it");
            } else if (!alarmed.contains(text(function.property("FunctionName")))) {
                findings.add(function.where() + ": no AWS::CloudWatch::Alarm in " + OBSERVABILITY
                    + " on AWS/Lambda Errors with dimension FunctionName = " + text(function.property("FunctionName")));
            }
        }
        return findings;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Nothing is public but CloudFront: S3 buckets block all public access (the four PublicAccessBlockConfiguration
     * flags true); no security group admits 0.0.0.0/0 or ::/0; every REST API and API custom domain name is REGIONAL
     * (not EDGE, the default: an AWS-managed CloudFront distribution in front of it), and
     * every stage of it has an AWS::WAFv2::WebACLAssociation with a web ACL whose DefaultAction is Block; no
     * AWS::Lambda::Url and no AWS::Lambda::Permission for principal *; no database is publicly accessible; and the only
     * AWS::CloudFront::Distributions are in stacks/edge.yaml (the API) and stacks/content.yaml (signed URLs; app updates unsigned).
     */
    static List<String> nothingPublicButCloudFront(Templates templates) {
        List<String> findings = new ArrayList<>();
        for (Resource r : templates.resources()) {
            switch (r.type()) {
                case "AWS::S3::Bucket" -> {
                    Map<String, Object> block = map(r.property("PublicAccessBlockConfiguration"));
                    for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
                        if (!isTrue(block.get(flag))) {
                            findings.add(r.where() + ": PublicAccessBlockConfiguration." + flag + " is not true");
                        }
                    }
                }
                case "AWS::EC2::SecurityGroup" -> {
                    List<Object> rules = list(r.property("SecurityGroupIngress"));
                    for (int i = 0; i < rules.size(); i++) {
                        openToTheWorld(map(rules.get(i))).ifPresent(cidr -> findings.add(r.where() + ": ingress from " + cidr));
                    }
                }
                case "AWS::EC2::SecurityGroupIngress" ->
                    openToTheWorld(r.properties()).ifPresent(cidr -> findings.add(r.where() + ": ingress from " + cidr));
                case "AWS::Lambda::Url" -> findings.add(r.where() + ": a Lambda function URL (public HTTPS endpoint)");
                case "AWS::Lambda::Permission" -> {
                    if ("*".equals(String.valueOf(r.property("Principal")).trim())) {
                        findings.add(r.where() + ": Lambda permission for principal *");
                    }
                    if (r.property("FunctionUrlAuthType") != null) {
                        findings.add(r.where() + ": Lambda permission for a function URL");
                    }
                }
                case "AWS::RDS::DBCluster", "AWS::RDS::DBInstance" -> {
                    if (isTrue(r.property("PubliclyAccessible"))) {
                        findings.add(r.where() + ": PubliclyAccessible: true");
                    }
                }
                case "AWS::CloudFront::Distribution" -> {
                    if (!CLOUDFRONT_TEMPLATES.contains(r.file())) {
                        findings.add(r.where() + ": a CloudFront distribution outside " + EDGE + " and " + CONTENT);
                    }
                }
                case "AWS::ApiGateway::RestApi", "AWS::ApiGateway::DomainName" -> {
                    List<Object> types = list(map(r.property("EndpointConfiguration")).get("Types"));
                    if (!types.equals(List.of("REGIONAL"))) {
                        findings.add(r.where() + ": EndpointConfiguration.Types is " + (types.isEmpty() ? "not set (EDGE)" : types) + ", not [REGIONAL]");
                    }
                }
                default -> {
                }
            }
        }
        findings.addAll(apiStagesBehindBlockingWaf(templates));
        return findings;
    }

    private static java.util.Optional<String> openToTheWorld(Map<String, Object> rule) {
        for (String key : List.of("CidrIp", "CidrIpv6")) {
            String cidr = String.valueOf(rule.get(key)).trim();
            if (cidr.equals("0.0.0.0/0") || cidr.equals("::/0")) {
                return java.util.Optional.of(cidr);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Every API Gateway stage (an AWS::ApiGateway::Stage, or the StageName of a Deployment without one) has a web ACL
     * association whose ResourceArn names it: its logical id ({@code ${Stage}}) or its StageName after
     * {@code /stages/}. When the association is in another template than the stage (the stage ARN passed as a
     * parameter), any association whose ResourceArn is an API Gateway stage ARN or a parameter counts, provided there
     * is one stage only. The associated web ACLs (or, across templates, every REGIONAL one) must default to Block.
     */
    private static List<String> apiStagesBehindBlockingWaf(Templates templates) {
        List<String> findings = new ArrayList<>();
        List<Resource> stages = new ArrayList<>(templates.resourcesOfType("AWS::ApiGateway::Stage"));
        if (stages.isEmpty()) {
            templates.resourcesOfType("AWS::ApiGateway::Deployment").stream()
                .filter(d -> d.property("StageName") != null).forEach(stages::add);
        }
        List<Resource> associations = templates.resourcesOfType("AWS::WAFv2::WebACLAssociation");
        List<Resource> acls = templates.resourcesOfType("AWS::WAFv2::WebACL");
        for (Resource stage : stages) {
            Set<String> names = new TreeSet<>(List.of("${" + stage.id() + "}", text(stage.property("StageName"))));
            List<Resource> matching = associations.stream().filter(a -> {
                String arn = text(a.property("ResourceArn"));
                int at = arn.indexOf("/stages/");
                return at >= 0 && names.contains(arn.substring(at + "/stages/".length()));
            }).toList();
            if (matching.isEmpty() && stages.size() == 1) {
                matching = associations.stream().filter(a -> {
                    String arn = text(a.property("ResourceArn"));
                    return arn.contains("/stages/") || arn.contains(":apigateway:") || arn.matches("\\$\\{[A-Za-z0-9]+}");
                }).toList();
            }
            if (matching.isEmpty()) {
                findings.add(stage.where() + ": API stage without an AWS::WAFv2::WebACLAssociation");
                continue;
            }
            for (Resource association : matching) {
                String aclId = referencedId(association.property("WebACLArn"));
                List<Resource> associated = acls.stream()
                    .filter(acl -> acl.file().equals(association.file()) && acl.id().equals(aclId)).toList();
                if (associated.isEmpty()) {
                    associated = acls.stream().filter(acl -> "REGIONAL".equals(acl.property("Scope"))).toList();
                }
                if (associated.isEmpty()) {
                    findings.add(association.where() + ": its web ACL is not in the templates (no REGIONAL AWS::WAFv2::WebACL)");
                }
                for (Resource acl : associated) {
                    if (!map(acl.property("DefaultAction")).containsKey("Block")) {
                        findings.add(acl.where() + ": the API's web ACL has DefaultAction " + map(acl.property("DefaultAction")).keySet() + ", not Block");
                    }
                }
            }
        }
        return findings;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The spec's functions and stacks/functions.yaml agree: every {@code x-function} has an AWS::Lambda::Function whose
     * Code.S3Key names {@code function-<x-function>-lambda.jar} and an output {@code <PascalCase>FunctionAliasArn}; and
     * every function there and in stacks/triggers.yaml deploys a module under functions/, which, if it serves HTTP, is
     * an operation's x-function.
     *
     * @param xFunctions the spec's x-function values, each with the operation naming it ("GET /todos")
     * @param moduleTriggers the function modules under functions/ and what invokes each (http unless its pom says)
     */
    static List<String> specToFunctionWiring(Templates templates, Map<String, String> xFunctions, Map<String, String> moduleTriggers) {
        List<String> findings = new ArrayList<>();
        if (templates.template(FUNCTIONS).isEmpty()) {
            return List.of(FUNCTIONS + ": missing");
        }
        Map<String, Resource> functionByJar = new LinkedHashMap<>();
        for (Resource function : functionTemplateResources(templates)) {
            if (!function.type().equals("AWS::Lambda::Function")) {
                continue;
            }
            String key = text(map(function.property("Code")).get("S3Key"));
            Matcher jar = FUNCTION_JAR.matcher(key);
            if (!jar.find()) {
                findings.add(function.where() + ": Code.S3Key " + key + " names no function-<name>-lambda.jar");
                continue;
            }
            String module = jar.group(1);
            functionByJar.put(module, function);
            if (!moduleTriggers.containsKey(module)) {
                findings.add(function.where() + ": deploys function-" + module + "-lambda.jar, but there is no module functions/" + module);
            } else if ("http".equals(moduleTriggers.get(module)) && !xFunctions.containsKey(module)) {
                findings.add(function.where() + ": HTTP function " + module + " serves no operation of the spec (no x-function: " + module + ")");
            }
        }
        Map<String, Object> outputs = templates.outputs(FUNCTIONS);
        xFunctions.forEach((function, operation) -> {
            if (!functionByJar.containsKey(function)) {
                findings.add(FUNCTIONS + ": " + operation + " (x-function " + function + ") has no AWS::Lambda::Function with Code.S3Key .../function-"
                    + function + "-lambda.jar");
            }
            String output = pascalCase(function) + "FunctionAliasArn";
            if (!outputs.containsKey(output)) {
                findings.add(FUNCTIONS + " Outputs: no " + output + " for " + operation + " (x-function " + function + ")");
            }
        });
        return findings;
    }

    /** The resources of every {@link #FUNCTION_TEMPLATES} template there is. */
    static List<Resource> functionTemplateResources(Templates templates) {
        List<Resource> resources = new ArrayList<>();
        for (String file : FUNCTION_TEMPLATES) {
            resources.addAll(templates.resources(file));
        }
        return resources;
    }

    /** todos-list -> TodosList. */
    static String pascalCase(String name) {
        StringBuilder result = new StringBuilder();
        for (String part : name.split("-")) {
            if (!part.isEmpty()) {
                result.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return result.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Every string in a value, through lists and intrinsic functions (an Fn::If of two actions yields both). */
    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof String s) {
            result.add(s);
        } else if (value instanceof List<?> l) {
            l.forEach(v -> result.addAll(strings(v)));
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> result.addAll(strings(v)));
        }
        return result;
    }
}
