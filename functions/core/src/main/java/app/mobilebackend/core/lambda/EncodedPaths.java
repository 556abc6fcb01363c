package app.mobilebackend.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.nio.charset.StandardCharsets;

/**
 * Keeps an event's {@code path} a valid percent-encoded URI path, which Micronaut parses before routing
 * ({@code UriBuilder.of(path)} in micronaut-aws's {@code ApiGatewayServletRequest.buildUri}): a character that cannot
 * stand literally in one (a space, a quote, a backslash, a control character, a {@code %} without two hex digits,
 * anything outside ASCII) made it throw, outside every error handler, so API Gateway answered 502. API Gateway
 * passes the path on as the client sent it, and clients do send some of these unencoded. Such characters are
 * percent-encoded (UTF-8); a path already encoded, as API Gateway's usually is, stays as it is.
 */
final class EncodedPaths {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EncodedPaths() {
    }

    /** The event, its {@code path} encoded where it was not. */
    static APIGatewayProxyRequestEvent encode(APIGatewayProxyRequestEvent event) {
        String path = event.getPath();
        if (path != null) {
            String encoded = encode(path);
            if (!encoded.equals(path)) {
                event.setPath(encoded);
            }
        }
        return event;
    }

    /** {@code path} with each character that may not stand literally in an encoded URI path percent-encoded. */
    static String encode(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); ) {
            int c = path.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean literal = allowed(c) || c == '%' && isHex(path, i + 1) && isHex(path, i + 2);
            if (!literal && out == null) {
                out = new StringBuilder(path.length() + 16).append(path, 0, i);
            }
            if (out != null) {
                if (literal) {
                    out.appendCodePoint(c);
                } else {
                    // a lone surrogate has no UTF-8 form: String.getBytes makes it a '?', sent on as %3F
                    for (byte b : path.substring(i, next).getBytes(StandardCharsets.UTF_8)) {
                        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                    }
                }
            }
            i = next;
        }
        return out == null ? path : out.toString();
    }

    /** RFC 3986 {@code pchar} but the percent sign, and {@code /}. */
    private static boolean allowed(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128;
    }
}
