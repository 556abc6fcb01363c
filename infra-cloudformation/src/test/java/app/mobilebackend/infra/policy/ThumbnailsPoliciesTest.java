package app.mobilebackend.infra.policy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static app.mobilebackend.infra.policy.Templates.list;
import static app.mobilebackend.infra.policy.Templates.map;
import static app.mobilebackend.infra.policy.Templates.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thumbnails (issue 18) in the real templates: the thumbnails function reads uploads and writes thumbnails and may
 * touch nothing else in the bucket; the functions that hand out, delete and erase a user's files reach their thumbnails
 * too; the rule feeding the function matches uploads only (never the thumbnails it writes), with a dead-letter queue.
 */
class ThumbnailsPoliciesTest {

    private static final String EVENTS = "stacks/events.yaml";
    private static final String USERS = "${FilesBucketArn}/users/*";
    private static final String THUMBNAILS = "${FilesBucketArn}/thumbnails/*";

    private static Templates real;

    @BeforeAll
    static void load() {
        real = Templates.load(Templates.realDirectory());
    }

    @Test
    void thumbnailsFunctionReadsUploadsAndWritesThumbnailsOnly() {
        assertEquals(Set.of(
                "s3:GetObject " + USERS,
                "s3:PutObject " + THUMBNAILS,
                "s3:DeleteObject " + THUMBNAILS),
            s3Grants("ThumbnailsFunctionRole"));
    }

    @Test
    void getFileMayPresignTheThumbnail() {
        assertEquals(Set.of("s3:GetObject " + USERS, "s3:GetObject " + THUMBNAILS), s3Grants("FilesGetFunctionRole"));
    }

    @Test
    void deletingAFileOrAUserReachesTheThumbnails() {
        assertEquals(Set.of("s3:DeleteObject " + USERS, "s3:DeleteObject " + THUMBNAILS), s3Grants("FilesDeleteFunctionRole"));
        assertEquals(Set.of("s3:DeleteObject " + USERS, "s3:DeleteObject " + THUMBNAILS, "s3:ListBucket ${FilesBucketArn}"),
            s3Grants("MeDeleteFunctionRole"));
        Map<String, Object> listing = statements("MeDeleteFunctionRole").stream()
            .filter(s -> actions(s).contains("s3:ListBucket")).findFirst().orElseThrow();
        assertEquals(List.of("users/*", "thumbnails/*"),
            list(map(map(listing.get("Condition")).get("StringLike")).get("s3:prefix")));
    }

    @Test
    void theRuleSendsUploadsUnderUsersToTheFunctionWithADeadLetterQueue() {
        Templates.Resource rule = resource(EVENTS, "UploadCreatedRule");
        Map<String, Object> pattern = map(rule.property("EventPattern"));
        assertEquals(List.of("aws.s3"), pattern.get("source"));
        assertEquals(List.of("Object Created"), pattern.get("detail-type"));
        Map<String, Object> detail = map(pattern.get("detail"));
        assertEquals(List.of("${FilesBucketName}"), list(map(detail.get("bucket")).get("name")).stream().map(Templates::text).toList());
        // users/ only: the thumbnails the function writes under thumbnails/ never invoke it again.
        assertEquals(List.of(Map.of("prefix", "users/")), map(detail.get("object")).get("key"));
        assertTrue(rule.property("EventBusName") == null, "S3 sends to the default bus");
        Map<String, Object> target = map(list(rule.property("Targets")).get(0));
        assertEquals("${ThumbnailsFunctionArn}", text(target.get("Arn")));
        assertEquals("${ThumbnailsDlq.Arn}", text(map(target.get("DeadLetterConfig")).get("Arn")));
        assertEquals("${UploadCreatedRule.Arn}", text(resource(EVENTS, "ThumbnailsInvokePermission").property("SourceArn")));
    }

    @Test
    void theBucketSendsItsEventsToEventBridge() {
        Templates.Resource bucket = resource("stacks/storage.yaml", "FilesBucket");
        assertEquals(true, map(map(bucket.property("NotificationConfiguration")).get("EventBridgeConfiguration")).get("EventBridgeEnabled"));
    }

    /** "action resource" for every S3 action the role's inline policies allow. */
    private static Set<String> s3Grants(String role) {
        Set<String> grants = new TreeSet<>();
        for (Map<String, Object> statement : statements(role)) {
            assertEquals("Allow", statement.get("Effect"), role + ": " + statement);
            for (String action : actions(statement)) {
                if (action.startsWith("s3:")) {
                    Object resource = statement.get("Resource");
                    List<Object> resources = resource instanceof List<?> l ? new ArrayList<>(l) : List.of(resource);
                    resources.forEach(r -> grants.add(action + " " + text(r)));
                }
            }
        }
        return new TreeSet<>(grants);
    }

    private static List<Map<String, Object>> statements(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(resource(Policies.FUNCTIONS, role).property("Policies"))) {
            for (Object statement : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                statements.add(map(statement));
            }
        }
        return statements;
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(action));
    }

    private static Templates.Resource resource(String file, String id) {
        return real.resources(file).stream().filter(r -> r.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError(file + " has no resource " + id));
    }
}
