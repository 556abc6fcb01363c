package app.mobilebackend.localstack.aws;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS JSON 1.1 protocol's side of a stand-in (Cognito, WAF, Secrets Manager's versions): documents written as
 * the SDK reads them, errors as {@code __type} and {@code message}, answers as {@code application/x-amz-json-1.1}.
 */
final class AwsJson {

    private AwsJson() {
    }

    /** The document {@code value}, as JSON text. */
    static String write(Map<String, ?> value) {
        return JSONObjectUtils.toJSONString(new LinkedHashMap<>(value));
    }

    /** An error document the SDK turns into the exception named {@code type}. */
    static Map<String, Object> error(String type, String message) {
        return Map.of("__type", type, "message", message);
    }

    /** Sends {@code document} with {@code status} and closes the exchange. */
    static void answer(HttpExchange exchange, int status, Map<String, ?> document) throws IOException {
        byte[] bytes = write(document).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
