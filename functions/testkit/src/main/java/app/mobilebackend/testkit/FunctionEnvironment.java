package app.mobilebackend.testkit;

import app.mobilebackend.localstack.LocalDatabase;
import app.mobilebackend.localstack.LocalIdentityProvider;
import app.mobilebackend.localstack.aws.CloudFrontTestKeys;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration a function needs to run here: the shared test database and identity provider, and a content
 * signing key ({@link CloudFrontTestKeys}).
 * {@link #install()} sets it as system properties, so a handler built with its no-argument constructor,
 * exactly as the Lambda runtime builds it, picks it up.
 */
public final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    public static Map<String, Object> properties() {
        LocalDatabase db = TestDatabase.shared();
        Map<String, Object> properties = new HashMap<>(LocalIdentityProvider.shared().properties());
        properties.put("db.url", db.url());
        properties.put("db.username", db.username());
        properties.put("db.password", db.password());
        // The files functions build their S3 client at start: a bucket and a region, no request (S3StandIn serves those).
        properties.put("files.bucket", "mobile-backend-files");
        properties.put("aws.s3.region", "us-east-1");
        properties.putAll(CloudFrontTestKeys.contentProperties());
        return properties;
    }

    public static synchronized void install() {
        properties().forEach((name, value) -> System.setProperty(name,
            value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
    }
}
