package app.mobilebackend.core.db;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

import java.net.URLDecoder;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IamAuthTokenCredentialsTest {

    private static final StaticCredentialsProvider AWS =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

    @Test
    void passwordIsAPresignedConnectRequestForTheUrlsHostAndPort() {
        var iam = new IamAuthTokenCredentials(
            "jdbc:mysql://my-proxy.proxy-abc.eu-west-1.rds.amazonaws.com:3307/app?sslMode=REQUIRED",
            "app_user", Region.EU_WEST_1, AWS, Clock.systemUTC());

        Credentials credentials = iam.current();

        assertEquals("app_user", credentials.username());
        String token = credentials.password();
        assertFalse(token.contains("://"), token);
        String prefix = "my-proxy.proxy-abc.eu-west-1.rds.amazonaws.com:3307/?";
        assertTrue(token.startsWith(prefix), token);
        Map<String, String> query = query(token.substring(prefix.length()));
        assertEquals("connect", query.get("Action"));
        assertEquals("app_user", query.get("DBUser"));
        assertEquals("AWS4-HMAC-SHA256", query.get("X-Amz-Algorithm"));
        assertTrue(query.get("X-Amz-Credential").matches("AKIDEXAMPLE/\\d{8}/eu-west-1/rds-db/aws4_request"),
            query.get("X-Amz-Credential"));
        assertTrue(query.get("X-Amz-Date").matches("\\d{8}T\\d{6}Z"), query.get("X-Amz-Date"));
        assertEquals("900", query.get("X-Amz-Expires"));
        assertEquals("host", query.get("X-Amz-SignedHeaders"));
        assertTrue(query.get("X-Amz-Signature").matches("[0-9a-f]{64}"), query.get("X-Amz-Signature"));
    }

    @Test
    void tokenIsExactlyWhatTheRdsClientMakes() {
        String host = "my-proxy.proxy-abc.eu-west-1.rds.amazonaws.com";
        RdsUtilities rds = RdsUtilities.builder().region(Region.EU_WEST_1).credentialsProvider(AWS).build();
        var iam = new IamAuthTokenCredentials("jdbc:mysql://" + host + ":3306/app?sslMode=REQUIRED", "app_user",
            Region.EU_WEST_1, AWS, Clock.systemUTC());

        // RdsUtilities takes no clock: compare two tokens signed within the same second (X-Amz-Date has seconds).
        for (int attempt = 0; attempt < 5; attempt++) {
            String theirs = rds.generateAuthenticationToken(r -> r.hostname(host).port(3306).username("app_user"));
            String ours = iam.current().password();
            if (query(theirs).get("X-Amz-Date").equals(query(ours).get("X-Amz-Date"))) {
                // Same host, same parameters, same signature; the parameters' order is free.
                assertEquals(theirs.substring(0, theirs.indexOf('?')), ours.substring(0, ours.indexOf('?')));
                assertEquals(query(theirs), query(ours));
                return;
            }
        }
        throw new AssertionError("no two tokens signed within one second in 5 attempts");
    }

    @Test
    void signatureDependsOnTheUser() {
        String url = "jdbc:mysql://db.example.com/app";
        String first = new IamAuthTokenCredentials(url, "alice", Region.US_EAST_1, AWS, Clock.systemUTC()).current().password();
        String second = new IamAuthTokenCredentials(url, "bob", Region.US_EAST_1, AWS, Clock.systemUTC()).current().password();

        assertTrue(first.startsWith("db.example.com:3306/?"), "MySQL's port when the URL has none: " + first);
        assertTrue(second.contains("DBUser=bob"), second);
        assertFalse(query(first).get("X-Amz-Signature").equals(query(second).get("X-Amz-Signature")));
    }

    @Test
    void userNameIsRequired() {
        var e = assertThrows(ConfigurationException.class,
            () -> new IamAuthTokenCredentials("jdbc:mysql://db.example.com/app", " ", Region.US_EAST_1, AWS, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("DB_USERNAME"), e.getMessage());
    }

    @Test
    void urlMustNameOneHost() {
        for (String url : new String[] {"jdbc:mysql://a.example.com,b.example.com/app", "jdbc:mysql:/app", "nonsense"}) {
            var e = assertThrows(ConfigurationException.class,
                () -> new IamAuthTokenCredentials(url + "?password=p4ss", "app_user", Region.US_EAST_1, AWS, Clock.systemUTC()), url);
            assertTrue(e.getMessage().contains("DB_URL"), e.getMessage());
            assertFalse(e.getMessage().contains("p4ss"), "the URL's query stays out of the message: " + e.getMessage());
        }
    }

    @Test
    void addressUnderstandsConnectorJUrlForms() {
        assertEquals("h.example.com", IamAuthTokenCredentials.address("jdbc:mysql://h.example.com:3306/db").getHost());
        assertEquals(4406, IamAuthTokenCredentials.address("jdbc:mysql:aws://h.example.com:4406/db?x=1").getPort());
        assertEquals(-1, IamAuthTokenCredentials.address("jdbc:mysql://h.example.com").getPort());
    }

    private static Map<String, String> query(String token) {
        String query = token.substring(token.indexOf('?') + 1);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
