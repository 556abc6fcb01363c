package app.mobilebackend.functions.migrate;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * A CloudFormation custom resource request, as the Lambda function behind {@code ServiceToken} receives it
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html).
 */
record CustomResourceRequest(String requestType, String responseUrl, String stackId, String requestId,
                             String logicalResourceId, @Nullable String physicalResourceId,
                             Map<String, Object> resourceProperties) {

    /** Whether {@code event} is one: CloudFormation always sends these two. */
    static boolean isOne(Map<String, Object> event) {
        return event.get("RequestType") instanceof String && event.get("ResponseURL") instanceof String;
    }

    @SuppressWarnings("unchecked")
    static CustomResourceRequest of(Map<String, Object> event) {
        Object properties = event.get("ResourceProperties");
        return new CustomResourceRequest((String) event.get("RequestType"), (String) event.get("ResponseURL"),
            String.valueOf(event.get("StackId")), String.valueOf(event.get("RequestId")),
            String.valueOf(event.get("LogicalResourceId")), (String) event.get("PhysicalResourceId"),
            properties instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
    }

    /** A resource property as text, or null when it is missing or blank. */
    @Nullable
    String property(String name) {
        Object value = resourceProperties.get(name);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }
}
