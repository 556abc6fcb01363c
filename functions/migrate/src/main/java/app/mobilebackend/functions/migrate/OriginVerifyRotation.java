package app.mobilebackend.functions.migrate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CustomHeaders;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.ByteMatchStatement;
import software.amazon.awssdk.services.wafv2.model.GetWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.OrStatement;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.WafOptimisticLockException;
import software.amazon.awssdk.services.wafv2.model.WebACL;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rotates the value CloudFront sends as {@code X-Origin-Verify} and each region's API WAF requires, in Secrets
 * Manager's four steps (the secret's SecretString is the value):
 * <ol>
 *   <li>{@code createSecret}: a new random value as the AWSPENDING version of the request's token (once: a retry finds it);</li>
 *   <li>{@code setSecret}: every region's web ACL accepts the current <em>and</em> the pending value (rule
 *       {@value #RULE}: an OR of two byte matches), and only then CloudFront's origin sends the pending one;</li>
 *   <li>{@code testSecret}: reads both back: the web ACLs accept the pending value, CloudFront sends it;</li>
 *   <li>{@code finishSecret}: AWSCURRENT moves to the new version (the old one becomes AWSPREVIOUS).</li>
 * </ol>
 * No window refuses valid traffic: whatever CloudFront sends at any moment (its edges take minutes to take a change)
 * is one of the values the web ACLs accept, and they keep accepting the previous value until the next rotation.
 * Every step can run again without effect; a step that fails leaves the web ACLs accepting both values.
 */
public final class OriginVerifyRotation {

    /** The web ACL rule that allows CloudFront's requests (api.yaml). */
    public static final String RULE = "origin-verify";
    /** The header CloudFront's origin adds (edge.yaml). */
    public static final String HEADER = "X-Origin-Verify";
    private static final String CURRENT = "AWSCURRENT";
    private static final String PENDING = "AWSPENDING";
    private static final int LOCK_RETRIES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(OriginVerifyRotation.class);

    private final SecretsManagerClient secrets;
    private final List<Wafv2Client> regionalWafs;
    private final String webAclName;
    private final CloudFrontClient cloudFront;
    private final String distributionId;

    /**
     * @param regionalWafs a WAF client per region whose API has the web ACL {@code webAclName} (REGIONAL scope)
     * @param distributionId the edge distribution whose origin sends the header
     */
    public OriginVerifyRotation(SecretsManagerClient secrets, List<Wafv2Client> regionalWafs, String webAclName,
                                CloudFrontClient cloudFront, String distributionId) {
        this.secrets = secrets;
        this.regionalWafs = List.copyOf(regionalWafs);
        this.webAclName = webAclName;
        this.cloudFront = cloudFront;
        this.distributionId = distributionId;
    }

    /** Runs {@code step} of the rotation of {@code secretId} to the version {@code token}. */
    public void rotate(String secretId, String token, String step) {
        DescribeSecretResponse secret = secrets.describeSecret(request -> request.secretId(secretId));
        if (!Boolean.TRUE.equals(secret.rotationEnabled())) {
            throw new IllegalStateException("Secret " + secretId + " is not enabled for rotation");
        }
        Map<String, List<String>> versions = secret.versionIdsToStages();
        if (!versions.containsKey(token)) {
            throw new IllegalStateException("Secret " + secretId + " has no version " + token + " to rotate to");
        }
        if (versions.get(token).contains(CURRENT)) {
            LOG.info("Version {} of {} is already AWSCURRENT: nothing to do for {}", token, secretId, step);
            return;
        }
        if (!versions.get(token).contains(PENDING)) {
            throw new IllegalStateException("Version " + token + " of " + secretId + " is not AWSPENDING");
        }
        switch (step) {
            case "createSecret" -> createSecret(secretId, token);
            case "setSecret" -> setSecret(secretId, token);
            case "testSecret" -> testSecret(secretId, token);
            case "finishSecret" -> finishSecret(secretId, token, versions);
            default -> throw new IllegalArgumentException("Not a rotation step: " + step);
        }
    }

    private void createSecret(String secretId, String token) {
        secrets.getSecretValue(request -> request.secretId(secretId).versionStage(CURRENT)); // the secret must have a value
        try {
            secrets.getSecretValue(request -> request.secretId(secretId).versionId(token).versionStage(PENDING));
            LOG.info("createSecret: version {} has its value already", token);
            return;
        } catch (ResourceNotFoundException e) {
            // not made yet
        }
        // Letters and digits only: a header value that needs no escaping in CloudFront, WAF or a log line.
        String value = secrets.getRandomPassword(request -> request.passwordLength(48L).excludePunctuation(true)
            .includeSpace(false)).randomPassword();
        secrets.putSecretValue(request -> request.secretId(secretId).clientRequestToken(token).secretString(value)
            .versionStages(PENDING));
        LOG.info("createSecret: version {} made", token);
    }

    private void setSecret(String secretId, String token) {
        String current = value(secretId, null, CURRENT);
        String pending = value(secretId, token, PENDING);
        // First every web ACL accepts both, then CloudFront switches: never a value CloudFront sends that WAF refuses.
        for (Wafv2Client waf : regionalWafs) {
            accept(waf, List.of(current, pending));
        }
        send(pending);
    }

    private void testSecret(String secretId, String token) {
        String pending = value(secretId, token, PENDING);
        for (Wafv2Client waf : regionalWafs) {
            GetWebAclResponse read = webAcl(waf);
            if (read != null && !accepted(read.webACL()).contains(pending)) {
                throw new IllegalStateException("Web ACL " + webAclName + " does not accept the pending value yet");
            }
        }
        if (!pending.equals(sent(cloudFront.getDistributionConfig(request -> request.id(distributionId)).distributionConfig()))) {
            throw new IllegalStateException("Distribution " + distributionId + " does not send the pending value yet");
        }
    }

    private void finishSecret(String secretId, String token, Map<String, List<String>> versions) {
        String currentVersion = versions.entrySet().stream().filter(e -> e.getValue().contains(CURRENT))
            .map(Map.Entry::getKey).findFirst().orElse(null);
        secrets.updateSecretVersionStage(request -> request.secretId(secretId).versionStage(CURRENT)
            .moveToVersionId(token).removeFromVersionId(currentVersion));
        LOG.info("finishSecret: version {} is AWSCURRENT (was {})", token, currentVersion);
    }

    private String value(String secretId, String versionId, String stage) {
        return secrets.getSecretValue(request -> request.secretId(secretId).versionId(versionId).versionStage(stage)).secretString();
    }

    // ---------------------------------------------------------------- WAF

    /** Makes rule {@value #RULE} of the region's web ACL accept exactly {@code values} (updated only if it does not). */
    private void accept(Wafv2Client waf, List<String> values) {
        Set<String> wanted = new LinkedHashSet<>(values);
        for (int attempt = 1; ; attempt++) {
            GetWebAclResponse read = webAcl(waf);
            if (read == null) {
                return;
            }
            WebACL acl = read.webACL();
            if (new LinkedHashSet<>(accepted(acl)).equals(wanted)) {
                return;
            }
            List<Rule> rules = new ArrayList<>();
            for (Rule rule : acl.rules()) {
                rules.add(RULE.equals(rule.name()) ? rule.toBuilder().statement(matching(template(rule), wanted)).build() : rule);
            }
            try {
                waf.updateWebACL(request -> request.name(acl.name()).id(acl.id()).scope(Scope.REGIONAL)
                    .lockToken(read.lockToken()).defaultAction(acl.defaultAction()).description(acl.description())
                    .rules(rules).visibilityConfig(acl.visibilityConfig()).customResponseBodies(acl.customResponseBodies())
                    .captchaConfig(acl.captchaConfig()).challengeConfig(acl.challengeConfig()).tokenDomains(acl.tokenDomains())
                    .associationConfig(acl.associationConfig()));
                LOG.info("Web ACL {} accepts {} origin-verify values", acl.name(), wanted.size());
                return;
            } catch (WafOptimisticLockException e) {
                if (attempt == LOCK_RETRIES) {
                    throw e;
                }
                LOG.info("Web ACL {} changed while it was updated: reading it again", acl.name());
            }
        }
    }

    /**
     * The region's web ACL, or null when the region has none yet (its API stack is not deployed: when it is, it reads
     * the secret's current value itself, so nothing there is to keep in step).
     */
    private GetWebAclResponse webAcl(Wafv2Client waf) {
        WebACLSummary summary = waf.listWebACLs(request -> request.scope(Scope.REGIONAL).limit(100)).webACLs().stream()
            .filter(acl -> webAclName.equals(acl.name())).findFirst().orElse(null);
        if (summary == null) {
            LOG.warn("No REGIONAL web ACL named {} in this region yet: skipped", webAclName);
            return null;
        }
        return waf.getWebACL(request -> request.name(summary.name()).id(summary.id()).scope(Scope.REGIONAL));
    }

    /** The values rule {@value #RULE} accepts: its byte matches' search strings. */
    static List<String> accepted(WebACL acl) {
        Rule rule = acl.rules().stream().filter(r -> RULE.equals(r.name())).findFirst()
            .orElseThrow(() -> new IllegalStateException("Web ACL " + acl.name() + " has no rule " + RULE));
        List<String> values = new ArrayList<>();
        for (ByteMatchStatement match : byteMatches(rule.statement())) {
            values.add(match.searchString().asUtf8String());
        }
        return values;
    }

    private static List<ByteMatchStatement> byteMatches(Statement statement) {
        if (statement.byteMatchStatement() != null) {
            return List.of(statement.byteMatchStatement());
        }
        if (statement.orStatement() != null) {
            List<ByteMatchStatement> all = new ArrayList<>();
            statement.orStatement().statements().forEach(each -> all.addAll(byteMatches(each)));
            return all;
        }
        throw new IllegalStateException("Rule " + RULE + " is not a byte match or an OR of byte matches");
    }

    /** The rule's first byte match: which field it reads and how, kept for every value. */
    private static ByteMatchStatement template(Rule rule) {
        return byteMatches(rule.statement()).get(0);
    }

    private static Statement matching(ByteMatchStatement template, Set<String> values) {
        List<Statement> matches = values.stream().map(value -> Statement.builder().byteMatchStatement(template.toBuilder()
            .searchString(SdkBytes.fromString(value, StandardCharsets.UTF_8)).build()).build()).toList();
        return matches.size() == 1 ? matches.get(0)
            : Statement.builder().orStatement(OrStatement.builder().statements(matches).build()).build();
    }

    // ---------------------------------------------------------------- CloudFront

    /** Makes the distribution's origins that send the header send {@code value} (updated only if they do not). */
    private void send(String value) {
        GetDistributionConfigResponse read = cloudFront.getDistributionConfig(request -> request.id(distributionId));
        DistributionConfig config = read.distributionConfig();
        if (value.equals(sent(config))) {
            return;
        }
        List<Origin> origins = new ArrayList<>();
        for (Origin origin : config.origins().items()) {
            List<OriginCustomHeader> headers = new ArrayList<>();
            boolean changed = false;
            for (OriginCustomHeader header : origin.customHeaders() == null ? List.<OriginCustomHeader>of() : origin.customHeaders().items()) {
                if (HEADER.equalsIgnoreCase(header.headerName())) {
                    headers.add(header.toBuilder().headerValue(value).build());
                    changed = true;
                } else {
                    headers.add(header);
                }
            }
            origins.add(changed ? origin.toBuilder().customHeaders(CustomHeaders.builder().quantity(headers.size()).items(headers).build()).build()
                : origin);
        }
        DistributionConfig updated = config.toBuilder()
            .origins(Origins.builder().quantity(origins.size()).items(origins).build()).build();
        cloudFront.updateDistribution(request -> request.id(distributionId).ifMatch(read.eTag()).distributionConfig(updated));
        LOG.info("Distribution {} sends the new origin-verify value (its edges take it within minutes)", distributionId);
    }

    /** The value the distribution's origins send as the header, or null if none sends it. */
    private static String sent(DistributionConfig config) {
        return config.origins().items().stream()
            .flatMap(origin -> origin.customHeaders() == null ? java.util.stream.Stream.<OriginCustomHeader>empty() : origin.customHeaders().items().stream())
            .filter(header -> HEADER.equalsIgnoreCase(header.headerName()))
            .map(OriginCustomHeader::headerValue).findFirst().orElse(null);
    }
}
