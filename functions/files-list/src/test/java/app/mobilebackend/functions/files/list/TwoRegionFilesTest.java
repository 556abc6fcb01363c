package app.mobilebackend.functions.files.list;

import app.mobilebackend.api.model.FileCreate;
import app.mobilebackend.api.model.FilePage;
import app.mobilebackend.api.model.StoredFile;
import app.mobilebackend.files.FileService;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.localstack.aws.S3StandIn;
import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.LocalFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A user's files after a failover: the secondary region's functions, given a token of the secondary's pool that
 * carries the user's key in {@code uid}, list the files they uploaded in the primary region (the rows are in the
 * replicated database, the objects under {@code users/<key>/} in the replicated bucket).
 */
class TwoRegionFilesTest {

    private static LocalIdentityProvider secondaryPool;
    private static LocalFunction secondaryRegion;
    private static FileService files;

    @BeforeAll
    static void start() {
        secondaryPool = LocalIdentityProvider.start(LocalIdentityProvider.newKey("secondary-identity-provider"),
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Secondary", "secondary-mobile-app");
        Map<String, Object> properties = new HashMap<>(FunctionEnvironment.properties());
        properties.putAll(S3StandIn.shared().properties());
        properties.putAll(secondaryPool.properties());
        properties.putAll(LocalIdentityProvider.shared().peerProperties());
        secondaryRegion = LocalFunction.start(properties);
        files = secondaryRegion.context().getBean(FileService.class);
    }

    @AfterAll
    static void stop() {
        secondaryRegion.close();
        secondaryPool.close();
    }

    @Test
    void theSecondaryListsTheFilesAUserUploadedInThePrimary() {
        String uid = "user-" + UUID.randomUUID();
        String id = files.create(uid, new FileCreate("passport.pdf", "application/pdf", 1200L)).getFile().getId();
        String secondaryToken = secondaryPool.sign(secondaryPool.accessClaims("secondary-" + UUID.randomUUID(), Duration.ofHours(1))
            .claim("uid", uid).build());
        String primaryToken = LocalIdentityProvider.shared().accessToken(uid);

        for (String token : List.of(secondaryToken, primaryToken)) {
            var response = secondaryRegion.handle(ApiGatewayEvents.request("GET", "/files").bearer(token).build());
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals(List.of(id), secondaryRegion.read(response.getBody(), FilePage.class).getItems().stream().map(StoredFile::getId).toList());
        }
    }
}
