package app.mobilebackend.functions.todos.list;

import app.mobilebackend.api.model.Todo;
import app.mobilebackend.api.model.TodoCreate;
import app.mobilebackend.api.model.TodoPage;
import app.mobilebackend.core.audit.AuditLog;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.testkit.FunctionEnvironment;
import app.mobilebackend.testkit.LocalFunction;
import app.mobilebackend.todos.TodoService;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One user in both regions (infra-cloudformation README, "One user in both regions"): each region's functions trust
 * their own pool and the other region's, and key rows by the token's {@code uid} claim. The shared local provider is
 * the primary region's pool; a second one, with its own key, issuer and app client, is the secondary's. Both
 * regions' functions read the one (globally replicated) database.
 */
class TwoRegionIdentityTest {

    private static LocalIdentityProvider primaryPool;
    private static LocalIdentityProvider secondaryPool;
    private static LocalFunction primaryRegion;
    private static LocalFunction secondaryRegion;
    private static TodoService todos;

    @BeforeAll
    static void startBothRegions() {
        primaryPool = LocalIdentityProvider.shared();
        secondaryPool = LocalIdentityProvider.start(LocalIdentityProvider.newKey("secondary-identity-provider"),
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Secondary", "secondary-mobile-app");
        primaryRegion = LocalFunction.start(trusting(primaryPool, secondaryPool));
        secondaryRegion = LocalFunction.start(trusting(secondaryPool, primaryPool));
        todos = primaryRegion.context().getBean(TodoService.class);
    }

    @AfterAll
    static void stop() {
        primaryRegion.close();
        secondaryRegion.close();
        secondaryPool.close();
    }

    /** A region's configuration: its own pool, and the other region's as the peer. */
    private static Map<String, Object> trusting(LocalIdentityProvider own, LocalIdentityProvider peer) {
        Map<String, Object> properties = new HashMap<>(FunctionEnvironment.properties());
        properties.putAll(own.properties());
        properties.putAll(peer.peerProperties());
        return properties;
    }

    @Test
    void aTokenOfEitherPoolReachesTheSameUsersTodosInEitherRegion() {
        String uid = "user-" + UUID.randomUUID();
        String id = todos.create(uid, new TodoCreate("signed up in the primary region")).getId();
        // The primary pool's token carries no uid (sub is the key there); the secondary's, issued to the same person
        // after the move, has a sub of its own and the key in uid.
        String primaryToken = primaryPool.accessToken(uid);
        String secondaryToken = secondaryPool.sign(secondaryPool.accessClaims("secondary-" + UUID.randomUUID(), Duration.ofHours(1))
            .claim("uid", uid).build());

        for (LocalFunction region : List.of(primaryRegion, secondaryRegion)) {
            for (String token : List.of(primaryToken, secondaryToken)) {
                assertEquals(List.of(id), todoIds(region, token));
            }
        }
    }

    @Test
    void theAuditRecordNamesTheUsersKeyNotTheSecondarysSub() {
        String uid = "user-" + UUID.randomUUID();
        String token = secondaryPool.sign(secondaryPool.accessClaims("secondary-" + UUID.randomUUID(), Duration.ofHours(1))
            .claim("uid", uid).build());
        ListAppender<ILoggingEvent> audit = new ListAppender<>();
        audit.start();
        Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        logger.addAppender(audit);
        try {
            todoIds(secondaryRegion, token);
        } finally {
            logger.detachAppender(audit);
        }

        assertEquals(List.of(uid), audit.list.stream().map(e -> secondaryRegion.readMap(e.getFormattedMessage()).get("actor")).toList());
    }

    @Test
    void aUserWhoSignedUpInTheSecondaryRegionIsTheirOwnSubEverywhere() {
        String sub = "secondary-" + UUID.randomUUID();
        String id = todos.create(sub, new TodoCreate("signed up during a failover")).getId();
        String token = secondaryPool.sign(secondaryPool.accessClaims(sub, Duration.ofHours(1)).claim("uid", sub).build());

        assertEquals(List.of(id), todoIds(primaryRegion, token));
        assertEquals(List.of(id), todoIds(secondaryRegion, token));
    }

    @Test
    void theSecondarysSubWithoutUidIsAnotherUser() {
        String uid = "user-" + UUID.randomUUID();
        todos.create(uid, new TodoCreate("not visible under another sub"));
        String token = secondaryPool.accessToken("secondary-" + UUID.randomUUID());

        assertEquals(List.of(), todoIds(secondaryRegion, token));
    }

    @Test
    void eachPoolsTokensAreAcceptedOnlyForItsOwnAppClients() {
        String uid = "user-" + UUID.randomUUID();
        String primaryClientOnSecondaryPool = secondaryPool.sign(secondaryPool.accessClaims(uid, Duration.ofHours(1))
            .claim("client_id", LocalIdentityProvider.CLIENT_ID).build());
        String secondaryClientOnPrimaryPool = primaryPool.sign(primaryPool.accessClaims(uid, Duration.ofHours(1))
            .claim("client_id", "secondary-mobile-app").build());

        for (LocalFunction region : List.of(primaryRegion, secondaryRegion)) {
            assertEquals(401, status(region, primaryClientOnSecondaryPool));
            assertEquals(401, status(region, secondaryClientOnPrimaryPool));
        }
    }

    @Test
    void aThirdIssuerOrAThirdKeyIsRefused() {
        String uid = "user-" + UUID.randomUUID();
        String thirdIssuer = primaryPool.sign(primaryPool.accessClaims(uid, Duration.ofHours(1))
            .issuer("https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Other").build());
        String thirdKey = primaryPool.signWithForeignKey(primaryPool.accessClaims(uid, Duration.ofHours(1)).build());

        for (LocalFunction region : List.of(primaryRegion, secondaryRegion)) {
            assertEquals(401, status(region, thirdIssuer));
            assertEquals(401, status(region, thirdKey));
        }
    }

    @Test
    void aBlankUidIsRefusedRatherThanReadAsTheSub() {
        String token = secondaryPool.sign(secondaryPool.accessClaims("secondary-" + UUID.randomUUID(), Duration.ofHours(1))
            .claim("uid", " ").build());

        assertEquals(401, status(secondaryRegion, token));
    }

    @Test
    void aRegionWithoutAPeerTrustsOnlyItsOwnPool() {
        try (LocalFunction alone = LocalFunction.start(secondaryPool.properties())) {
            String uid = "user-" + UUID.randomUUID();
            assertEquals(401, status(alone, primaryPool.accessToken(uid)));
            assertEquals(200, status(alone, secondaryPool.accessToken(uid)));
        }
    }

    private static List<String> todoIds(LocalFunction region, String token) {
        var response = region.handle(ApiGatewayEvents.request("GET", "/todos").bearer(token).build());
        assertEquals(200, response.getStatusCode(), response.getBody());
        return region.read(response.getBody(), TodoPage.class).getItems().stream().map(Todo::getId).toList();
    }

    private static int status(LocalFunction region, String token) {
        return region.handle(ApiGatewayEvents.request("GET", "/todos").bearer(token).build()).getStatusCode();
    }
}
