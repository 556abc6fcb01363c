package app.mobilebackend.core.db;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code db.auth=iam}: the password of each new connection is a fresh RDS IAM authentication token for
 * {@code datasources.default.username} at the host and port of {@code datasources.default.url}, signed with the
 * function's role (the SDK's default credentials chain) in {@code db.region} or the SDK's default region.
 *
 * <p>Tokens expire after 15 minutes, which is why one is made per physical connection, never once at startup (a
 * connection, once open, outlives its token).
 *
 * <p>RDS Proxy accepts IAM authentication only over TLS, and Connector/J sends the token in clear text
 * ({@code mysql_clear_password}), which it does only over TLS: the JDBC URL then needs {@code sslMode=REQUIRED}
 * (or {@code VERIFY_IDENTITY} with the Amazon RDS CA in the trust store), for example
 * {@code jdbc:mysql://my-proxy.proxy-abc.eu-west-1.rds.amazonaws.com:3306/app?sslMode=REQUIRED}. The database
 * user must be granted {@code rds_db:connect} in the function role's policy.
 *
 * <p>The token is what the SDK's {@code RdsUtilities.generateAuthenticationToken} makes (a SigV4-presigned
 * {@code GET https://host:port/?Action=connect&DBUser=user} for the service {@code rds-db}, valid 15 minutes,
 * without its scheme), signed here with the SDK's own SigV4 signer ({@code http-auth-aws}): the whole RDS client
 * module (5 MB, every function's largest dependency) is not needed for it. A test holds the two equal.
 */
@Singleton
@Requires(property = DatabaseAuthMode.PROPERTY, value = DatabaseAuthMode.IAM)
final class IamAuthTokenCredentials implements DatabaseCredentials, AutoCloseable {

    private static final int MYSQL_PORT = 3306;
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Region region;
    private final Clock clock;
    private final AwsCredentialsProvider awsCredentials;
    private final String host;
    private final int port;
    private final String username;

    @Inject
    IamAuthTokenCredentials(@Property(name = "datasources.default.url") String url,
                            @Property(name = "datasources.default.username") String username,
                            @Nullable @Property(name = "db.region") String region) {
        this(url, username, AwsRegions.resolve(region), DefaultCredentialsProvider.builder().build(), Clock.systemUTC());
    }

    IamAuthTokenCredentials(String url, String username, Region region, AwsCredentialsProvider awsCredentials, Clock clock) {
        if (username == null || username.isBlank()) {
            throw new ConfigurationException("db.auth=iam needs the database user name: db.username (DB_USERNAME)");
        }
        URI address = address(url);
        this.host = address.getHost();
        this.port = address.getPort() == -1 ? MYSQL_PORT : address.getPort();
        this.username = username;
        this.awsCredentials = awsCredentials;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public Credentials current() {
        // Signing is local (no AWS call); only the role's credentials come from the environment.
        SdkHttpRequest connect = SdkHttpRequest.builder()
            .method(SdkHttpMethod.GET).protocol("https").host(host).port(port).encodedPath("/")
            .putRawQueryParameter("DBUser", username)
            .putRawQueryParameter("Action", "connect")
            .build();
        AwsCredentialsIdentity identity = awsCredentials.resolveCredentials();
        SdkHttpRequest signed = signer.sign(request -> request
            .identity(identity)
            .request(connect)
            .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "rds-db")
            .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
            .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
            .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, TOKEN_LIFETIME)
            .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
        return new Credentials(username, signed.getUri().toString().substring("https://".length()));
    }

    /** Host and port of a single-host JDBC URL such as {@code jdbc:mysql://host:3306/db?sslMode=REQUIRED}. */
    static URI address(String url) {
        int authority = url == null ? -1 : url.indexOf("//");
        if (authority >= 0) {
            try {
                URI uri = new URI("jdbc:" + url.substring(authority));
                if (uri.getHost() != null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException e) {
                // Reported below, without the URL's query, which may carry settings that belong out of logs.
            }
        }
        throw new ConfigurationException(
            "db.auth=iam needs one host in datasources.default.url (DB_URL), like jdbc:mysql://host:3306/db");
    }

    @PreDestroy
    @Override
    public void close() {
        if (awsCredentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
