package app.mobilebackend.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.List;
import java.util.Map;

/** Reads an API Gateway proxy response as a client would: header names are case-insensitive. */
public final class Responses {

    private Responses() {
    }

    /** The first value of header {@code name}, or null. */
    public static String header(APIGatewayProxyResponseEvent response, String name) {
        if (response.getMultiValueHeaders() != null) {
            for (Map.Entry<String, List<String>> entry : response.getMultiValueHeaders().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
        }
        if (response.getHeaders() != null) {
            for (Map.Entry<String, String> entry : response.getHeaders().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }
}
