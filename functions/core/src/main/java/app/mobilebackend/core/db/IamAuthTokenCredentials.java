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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;

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
 */
@Singleton
@Requires(property = DatabaseAuthMode.PROPERTY, value = DatabaseAuthMode.IAM)
final class IamAuthTokenCredentials implements DatabaseCredentials, AutoCloseable {

    private static final int MYSQL_PORT = 3306;

    private final RdsUtilities rds;
    private final AwsCredentialsProvider awsCredentials;
    private final String host;
    private final int port;
    private final String username;

    @Inject
    IamAuthTokenCredentials(@Property(name = "datasources.default.url") String url,
                            @Property(name = "datasources.default.username") String username,
                            @Nullable @Property(name = "db.region") String region) {
        this(url, username, AwsRegions.resolve(region), DefaultCredentialsProvider.builder().build());
    }

    IamAuthTokenCredentials(String url, String username, Region region, AwsCredentialsProvider awsCredentials) {
        if (username == null || username.isBlank()) {
            throw new ConfigurationException("db.auth=iam needs the database user name: db.username (DB_USERNAME)");
        }
        URI address = address(url);
        this.host = address.getHost();
        this.port = address.getPort() == -1 ? MYSQL_PORT : address.getPort();
        this.username = username;
        this.awsCredentials = awsCredentials;
        this.rds = RdsUtilities.builder().region(region).credentialsProvider(awsCredentials).build();
    }

    @Override
    public Credentials current() {
        // Signing is local (no AWS call); only the role's credentials come from the environment.
        String token = rds.generateAuthenticationToken(request -> request.hostname(host).port(port).username(username));
        return new Credentials(username, token);
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
