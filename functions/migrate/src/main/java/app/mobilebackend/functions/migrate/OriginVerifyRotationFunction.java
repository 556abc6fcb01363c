package app.mobilebackend.functions.migrate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

import java.util.Arrays;
import java.util.Map;

/**
 * Secrets Manager's rotation function of the origin-verify secret ({@link OriginVerifyRotation}), deployed from this
 * jar by the edge stack, outside the VPC (it calls CloudFront, and WAF in both regions). A plain handler: it starts no
 * application context. Configuration from the environment: {@code ORIGIN_VERIFY_WEB_ACL_NAME} (the API's web ACL,
 * the same name in every region), {@code ORIGIN_VERIFY_REGIONS} (comma-separated regions of those web ACLs) and
 * {@code ORIGIN_VERIFY_DISTRIBUTION_ID}. The event is Secrets Manager's: {@code SecretId}, {@code ClientRequestToken},
 * {@code Step}.
 */
public class OriginVerifyRotationFunction implements RequestHandler<Map<String, Object>, Void> {

    private final OriginVerifyRotation rotation;

    /** As the Lambda runtime builds it: clients for the function's region, the web ACLs' regions and CloudFront. */
    public OriginVerifyRotationFunction() {
        this(new OriginVerifyRotation(
            SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
            Arrays.stream(required("ORIGIN_VERIFY_REGIONS").split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .map(region -> Wafv2Client.builder().region(Region.of(region)).httpClientBuilder(UrlConnectionHttpClient.builder()).build())
                .toList(),
            required("ORIGIN_VERIFY_WEB_ACL_NAME"),
            CloudFrontClient.builder().region(Region.AWS_GLOBAL).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
            required("ORIGIN_VERIFY_DISTRIBUTION_ID")));
    }

    OriginVerifyRotationFunction(OriginVerifyRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public Void handleRequest(Map<String, Object> event, Context context) {
        rotation.rotate(String.valueOf(event.get("SecretId")), String.valueOf(event.get("ClientRequestToken")),
            String.valueOf(event.get("Step")));
        return null;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set");
        }
        return value;
    }
}
