package app.mobilebackend.infra.policy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static app.mobilebackend.infra.policy.Templates.isTrue;
import static app.mobilebackend.infra.policy.Templates.list;
import static app.mobilebackend.infra.policy.Templates.map;
import static app.mobilebackend.infra.policy.Templates.referencedId;
import static app.mobilebackend.infra.policy.Templates.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app updates' delivery (stacks/content.yaml, issue 18): the updates bucket is private and reachable only through
 * the content distribution's Origin Access Control; the distribution caches builds long and manifests briefly; the
 * app-updates-latest function may only read the manifests.
 */
class UpdatesDeliveryPolicyTest {

    private static Map<String, Object> content;
    private static Map<String, Object> functions;

    @BeforeAll
    static void load() {
        Templates real = Templates.load(Templates.realDirectory());
        content = map(real.template(Policies.CONTENT).orElseThrow().get("Resources"));
        functions = map(real.template(Policies.FUNCTIONS).orElseThrow().get("Resources"));
    }

    private static Map<String, Object> properties(Map<String, Object> resources, String id, String type) {
        Map<String, Object> resource = map(resources.get(id));
        assertEquals(type, resource.get("Type"), id + " is a " + type);
        return map(resource.get("Properties"));
    }

    @Test
    void theBucketBlocksAllPublicAccessAndIsEncrypted() {
        Map<String, Object> bucket = properties(content, "UpdatesBucket", "AWS::S3::Bucket");
        Map<String, Object> block = map(bucket.get("PublicAccessBlockConfiguration"));
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(isTrue(block.get(flag)), flag);
        }
        assertEquals("BucketOwnerEnforced", map(list(map(bucket.get("OwnershipControls")).get("Rules")).get(0)).get("ObjectOwnership"),
            "no ACLs: nothing can be made public object by object");
        List<Object> encryption = list(map(bucket.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"));
        assertEquals(1, encryption.size());
        assertNotNull(map(map(encryption.get(0)).get("ServerSideEncryptionByDefault")).get("SSEAlgorithm"));
        assertNull(bucket.get("WebsiteConfiguration"), "no website endpoint");
    }

    @Test
    void onlyTheDistributionReadsTheBucketAndOnlyOverTls() {
        Map<String, Object> policy = properties(content, "UpdatesBucketPolicy", "AWS::S3::BucketPolicy");
        assertEquals("UpdatesBucket", referencedId(policy.get("Bucket")));
        List<Object> statements = list(map(policy.get("PolicyDocument")).get("Statement"));
        List<Map<String, Object>> allows = statements.stream().map(Templates::map).filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertEquals(1, allows.size(), "one Allow: the distribution's read");
        Map<String, Object> allow = allows.get(0);
        assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), allow.get("Principal"), "no '*' and no account principal");
        assertEquals(List.of("s3:GetObject"), list(allow.get("Action")));
        assertEquals(List.of("${UpdatesBucket.Arn}/updates/*"), list(allow.get("Resource")).stream().map(Templates::text).toList());
        Map<String, Object> equals = map(map(allow.get("Condition")).get("StringEquals"));
        assertEquals(1, map(allow.get("Condition")).size(), "the only condition is the distribution's ARN");
        assertEquals("arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}", text(equals.get("AWS:SourceArn")),
            "this template's distribution, no other");

        List<Map<String, Object>> denies = statements.stream().map(Templates::map).filter(s -> "Deny".equals(s.get("Effect"))).toList();
        assertTrue(denies.stream().anyMatch(d -> "false".equals(String.valueOf(map(map(d.get("Condition")).get("Bool")).get("aws:SecureTransport")))),
            "plain HTTP is denied");
    }

    @Test
    void theDistributionReachesTheBucketThroughOriginAccessControlOnly() {
        Map<String, Object> config = map(properties(content, "Distribution", "AWS::CloudFront::Distribution").get("DistributionConfig"));
        List<Map<String, Object>> origins = list(config.get("Origins")).stream().map(Templates::map)
            .filter(o -> "UpdatesBucket".equals(referencedId(o.get("DomainName")))).toList();
        assertEquals(1, origins.size(), "one origin on the updates bucket");
        Map<String, Object> origin = origins.get(0);
        assertEquals("${UpdatesBucket.RegionalDomainName}", text(origin.get("DomainName")), "the REST endpoint, not a website one");
        assertEquals("OriginAccessControl", referencedId(origin.get("OriginAccessControlId")));
        assertEquals("", String.valueOf(map(origin.get("S3OriginConfig")).get("OriginAccessIdentity")), "no legacy origin access identity");
        Map<String, Object> oac = map(properties(content, "OriginAccessControl", "AWS::CloudFront::OriginAccessControl")
            .get("OriginAccessControlConfig"));
        assertEquals("s3", oac.get("OriginAccessControlOriginType"));
        assertEquals("always", oac.get("SigningBehavior"));
    }

    @Test
    void manifestsAreCachedBrieflyAndBuildsLong() {
        Map<String, Object> config = map(properties(content, "Distribution", "AWS::CloudFront::Distribution").get("DistributionConfig"));
        List<Map<String, Object>> behaviors = list(config.get("CacheBehaviors")).stream().map(Templates::map).toList();
        List<String> paths = behaviors.stream().map(b -> String.valueOf(b.get("PathPattern"))).toList();
        int manifests = paths.indexOf("updates/manifests/*");
        int builds = paths.indexOf("updates/*");
        assertTrue(manifests >= 0 && builds >= 0, "behaviors for updates/manifests/* and updates/*: " + paths);
        assertTrue(manifests < builds, "CloudFront takes the first matching behavior: the manifests' comes first");

        for (Map<String, Object> behavior : List.of(behaviors.get(manifests), behaviors.get(builds))) {
            String origin = String.valueOf(behavior.get("TargetOriginId"));
            Map<String, Object> target = list(config.get("Origins")).stream().map(Templates::map)
                .filter(o -> origin.equals(o.get("Id"))).findFirst().orElseThrow();
            assertEquals("UpdatesBucket", referencedId(target.get("DomainName")));
            assertEquals("https-only", behavior.get("ViewerProtocolPolicy"));
            assertEquals(List.of("GET", "HEAD"), list(behavior.get("AllowedMethods")), "read only");
        }
        Map<String, Object> manifestTtl = cachePolicy(behaviors.get(manifests));
        assertTrue(number(manifestTtl.get("MaxTTL")) <= 300, "a manifest is kept 5 minutes at most: " + manifestTtl);
        Map<String, Object> buildTtl = cachePolicy(behaviors.get(builds));
        assertTrue(number(buildTtl.get("DefaultTTL")) >= 30L * 24 * 3600, "a versioned build is kept a month at least: " + buildTtl);
        assertTrue(number(buildTtl.get("MinTTL")) >= 3600, "even when the origin says otherwise: " + buildTtl);
    }

    @Test
    void theFunctionMayOnlyReadTheManifestsAndNeedsNoDatabase() {
        Map<String, Object> role = properties(functions, "AppUpdatesLatestFunctionRole", "AWS::IAM::Role");
        List<Map<String, Object>> s3 = list(role.get("Policies")).stream().map(Templates::map)
            .flatMap(p -> list(map(p.get("PolicyDocument")).get("Statement")).stream().map(Templates::map))
            .filter(s -> list(s.get("Action")).stream().anyMatch(a -> String.valueOf(a).startsWith("s3:")))
            .toList();
        assertEquals(1, s3.size(), "one S3 statement");
        assertEquals("Allow", s3.get(0).get("Effect"));
        assertEquals(List.of("s3:GetObject"), list(s3.get(0).get("Action")));
        assertEquals(List.of("arn:${AWS::Partition}:s3:::${UpdatesBucketName}/updates/manifests/*"),
            list(s3.get(0).get("Resource")).stream().map(Templates::text).toList());
        Map<String, Object> variables = map(map(properties(functions, "AppUpdatesLatestFunction", "AWS::Lambda::Function")
            .get("Environment")).get("Variables"));
        assertEquals("${UpdatesBucketName}", text(variables.get("UPDATES_BUCKET")));
        assertEquals("false", String.valueOf(variables.get("DATASOURCES_DEFAULT_ENABLED")), "no connection pool");
        assertTrue(variables.keySet().stream().noneMatch(name -> name.startsWith("DB_") && !name.equals("DB_URL")),
            "no database login settings (DB_URL only, which the configuration reads at start): " + variables.keySet());
        assertNull(properties(functions, "AppUpdatesLatestFunction", "AWS::Lambda::Function").get("VpcConfig"),
            "outside the VPC: the primary region's bucket is out of the secondary VPC's reach");
        assertNull(role.get("ManagedPolicyArns"), "not the base policy (network interfaces, database login)");
        assertEquals("${ContentCdnDomain}", text(variables.get("UPDATES_CDN_DOMAIN")));
    }

    private static Map<String, Object> cachePolicy(Map<String, Object> behavior) {
        String id = referencedId(behavior.get("CachePolicyId"));
        assertNotNull(id, "a cache policy of this template: " + behavior);
        return map(properties(content, id, "AWS::CloudFront::CachePolicy").get("CachePolicyConfig"));
    }

    private static long number(Object value) {
        return Long.parseLong(String.valueOf(value));
    }
}
