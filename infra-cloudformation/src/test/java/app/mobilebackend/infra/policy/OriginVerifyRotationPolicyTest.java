package app.mobilebackend.infra.policy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static app.mobilebackend.infra.policy.Templates.list;
import static app.mobilebackend.infra.policy.Templates.map;
import static app.mobilebackend.infra.policy.Templates.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The X-Origin-Verify value rotates (issue 19; README, "The origin-verify value rotates") in the real templates: the
 * edge and both regions' web ACLs read it from the secret, the web ACL's rule accepts two values, Secrets Manager
 * invokes the rotation function on a schedule, and that function may touch only the secret, the distribution and the
 * API's web ACLs.
 */
class OriginVerifyRotationPolicyTest {

    private static final String EDGE = "stacks/edge.yaml";
    private static final String RESOLVE = "{{resolve:secretsmanager:${OriginVerifySecretId}}}";
    private static Templates real;

    @BeforeAll
    static void load() {
        real = Templates.load(Templates.realDirectory());
    }

    @Test
    void theWebAclAcceptsTwoValuesBothReadFromTheSecret() {
        Map<String, Object> rule = list(resource("stacks/api.yaml", "WebAcl").property("Rules")).stream().map(Templates::map)
            .filter(r -> "origin-verify".equals(r.get("Name"))).findFirst().orElseThrow();
        List<Object> statements = list(map(map(rule.get("Statement")).get("OrStatement")).get("Statements"));
        assertEquals(2, statements.size());
        for (Object statement : statements) {
            Map<String, Object> match = map(map(statement).get("ByteMatchStatement"));
            assertEquals(RESOLVE, text(match.get("SearchString")));
            assertEquals("x-origin-verify", map(map(match.get("FieldToMatch")).get("SingleHeader")).get("Name"));
            assertEquals("EXACTLY", match.get("PositionalConstraint"));
        }
    }

    @Test
    void theEdgeSendsTheSecretsValueAndNoTemplatePassesThePlainValueOn() {
        Map<String, Object> origin = map(list(map(resource(EDGE, "Distribution").property("DistributionConfig")).get("Origins")).get(0));
        Map<String, Object> header = map(list(origin.get("OriginCustomHeaders")).get(0));
        assertEquals("X-Origin-Verify", header.get("HeaderName"));
        assertEquals("{{resolve:secretsmanager:${OriginVerifySecretArn}}}", text(header.get("HeaderValue")));
        // The parameter is only the secret's initial value: root.yaml hands it to the secret and nowhere else.
        for (Map.Entry<String, Map<String, Object>> template : real.byFile().entrySet()) {
            if (!template.getKey().equals("root.yaml") && !template.getKey().equals("stackset.yaml")) {
                assertTrue(!String.valueOf(template.getValue()).contains("OriginVerifySecret}")
                    && !String.valueOf(template.getValue()).contains("Ref=OriginVerifySecret,")
                    && !map(template.getValue().get("Parameters")).containsKey("OriginVerifySecret"), template.getKey());
            }
        }
        Templates.Resource secret = resource("root.yaml", "OriginVerify");
        assertEquals("${OriginVerifySecret}", text(secret.property("SecretString")));
        assertEquals("${SecondaryRegion}", text(map(list(secret.property("ReplicaRegions")).get(0)).get("Region")));
        Map<String, Object> api = map(resource("root.yaml", "ApiStack").property("Parameters"));
        List<Object> eitherRegion = list(map(api.get("OriginVerifySecretId")).get("Fn::If"));
        assertEquals("IsPrimary", eitherRegion.get(0));
        assertEquals("${OriginVerify}", text(eitherRegion.get(1)));
        assertEquals("mobile-backend-${Environment}/origin-verify", text(eitherRegion.get(2)));
    }

    @Test
    void secretsManagerRotatesItEveryThirtyDaysWithTheFunction() {
        Templates.Resource schedule = resource(EDGE, "OriginVerifyRotationSchedule");
        assertEquals("${OriginVerifySecretArn}", text(schedule.property("SecretId")));
        assertEquals("${OriginVerifyRotationFunction.Arn}", text(schedule.property("RotationLambdaARN")));
        assertEquals("rate(30 days)", map(schedule.property("RotationRules")).get("ScheduleExpression"));
        Templates.Resource permission = resource(EDGE, "OriginVerifyRotationInvokePermission");
        assertEquals("secretsmanager.amazonaws.com", permission.property("Principal"));
        assertEquals("${OriginVerifySecretArn}", text(permission.property("SourceArn")));
        Templates.Resource function = resource(EDGE, "OriginVerifyRotationFunction");
        assertNull(function.property("VpcConfig"), "it calls CloudFront and WAF in both regions: outside the VPC");
        assertEquals("app.mobilebackend.functions.migrate.OriginVerifyRotationFunction", function.property("Handler"));
    }

    @Test
    void theRotationMayTouchOnlyTheSecretTheDistributionAndTheApiWebAcls() {
        Set<String> grants = new TreeSet<>();
        for (Object policy : list(resource(EDGE, "OriginVerifyRotationFunctionRole").property("Policies"))) {
            for (Object each : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                Map<String, Object> statement = map(each);
                assertEquals("Allow", statement.get("Effect"));
                Object resource = statement.get("Resource");
                List<Object> resources = resource instanceof List<?> l ? List.copyOf(l) : List.of(resource);
                Object action = statement.get("Action");
                for (Object a : action instanceof List<?> l ? l : List.of(action)) {
                    resources.forEach(r -> grants.add(a + " " + text(r)));
                }
            }
        }
        String webAcl = "arn:${AWS::Partition}:wafv2:${Region}:${AWS::AccountId}:regional/webacl/mobile-backend-${Environment}-api/*";
        String webAcls = "arn:${AWS::Partition}:wafv2:${Region}:${AWS::AccountId}:regional/webacl/*";
        assertEquals(new TreeSet<>(Set.of(
            "logs:CreateLogStream ${OriginVerifyRotationFunctionLogGroup.Arn}",
            "logs:PutLogEvents ${OriginVerifyRotationFunctionLogGroup.Arn}",
            "secretsmanager:DescribeSecret ${OriginVerifySecretArn}",
            "secretsmanager:GetSecretValue ${OriginVerifySecretArn}",
            "secretsmanager:PutSecretValue ${OriginVerifySecretArn}",
            "secretsmanager:UpdateSecretVersionStage ${OriginVerifySecretArn}",
            "secretsmanager:GetRandomPassword *",
            "cloudfront:GetDistributionConfig arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}",
            "cloudfront:UpdateDistribution arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}",
            "wafv2:GetWebACL " + webAcl,
            "wafv2:UpdateWebACL " + webAcl,
            "wafv2:ListWebACLs " + webAcls)), grants);
    }

    private static Templates.Resource resource(String file, String id) {
        return real.resources(file).stream().filter(r -> r.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError(file + " has no resource " + id));
    }
}
