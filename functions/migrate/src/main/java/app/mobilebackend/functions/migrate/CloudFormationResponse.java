package app.mobilebackend.functions.migrate;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers a custom resource request: a PUT of the response object to its pre-signed {@code ResponseURL}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html). The URL was signed
 * without a content type, so none is sent. CloudFormation waits up to an hour for it: a failed PUT is tried again
 * before the function gives up.
 */
@Singleton
final class CloudFormationResponse {

    private static final Logger LOG = LoggerFactory.getLogger(CloudFormationResponse.class);
    private static final int ATTEMPTS = 3;
    /** CloudFormation refuses a response body over 4 KB; the reason is what may be long. */
    private static final int MAX_REASON = 1_000;

    private final JsonMapper json;

    CloudFormationResponse(JsonMapper json) {
        this.json = json;
    }

    /** The response object for {@code request}: SUCCESS or FAILED, with the reason and the data. */
    Map<String, Object> body(CustomResourceRequest request, boolean success, String physicalResourceId, String reason,
                             Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Status", success ? "SUCCESS" : "FAILED");
        body.put("Reason", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        body.put("PhysicalResourceId", physicalResourceId);
        body.put("StackId", request.stackId());
        body.put("RequestId", request.requestId());
        body.put("LogicalResourceId", request.logicalResourceId());
        body.put("NoEcho", false);
        body.put("Data", data);
        return body;
    }

    /** PUTs {@code body} to the request's URL. */
    void send(CustomResourceRequest request, Map<String, Object> body) throws IOException, InterruptedException {
        HttpRequest put = HttpRequest.newBuilder(URI.create(request.responseUrl()))
            .timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
            .build();
        // made here, not at start: a plain migration run (and the function's init) never needs it
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> answer = http.send(put, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2) {
                    return;
                }
                last = new IOException("the response URL answered " + answer.statusCode() + ": " + answer.body());
            } catch (IOException e) {
                last = e;
            }
            LOG.warn("Sending the custom resource response failed (attempt {} of {}): {}", attempt, ATTEMPTS, last.getMessage());
            Thread.sleep(500L * attempt);
        }
        throw last;
    }
}
