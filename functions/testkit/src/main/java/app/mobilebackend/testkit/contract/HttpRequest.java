package app.mobilebackend.testkit.contract;

import app.mobilebackend.testkit.jar.ProxyEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request to one operation: its path template and parameter values (decoded), headers, query, body. It becomes the
 * API Gateway event a client's request would be: the path percent-encoded, the resource the template.
 */
public record HttpRequest(String method, String template, Map<String, String> pathParameters,
                          Map<String, List<String>> headers, Map<String, List<String>> query, String body, boolean base64) {

    public String path() {
        String path = template;
        for (var entry : pathParameters.entrySet()) {
            path = path.replace("{" + entry.getKey() + "}", URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path;
    }

    public ProxyEvent toEvent() {
        return ProxyEvent.of(method, path(), template, headers, query, pathParameters, body)
            .withBody(body, base64);
    }

    public HttpRequest withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((key, values) -> {
            if (!key.equalsIgnoreCase(name)) {
                copy.put(key, values);
            }
        });
        if (value != null) {
            copy.put(name, List.of(value));
        }
        return new HttpRequest(method, template, pathParameters, copy, query, body, base64);
    }

    public HttpRequest withQuery(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(query);
        copy.remove(name);
        if (value != null) {
            copy.put(name, List.of(value));
        }
        return new HttpRequest(method, template, pathParameters, headers, copy, body, base64);
    }

    public HttpRequest withPathParameter(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(pathParameters);
        copy.put(name, value);
        return new HttpRequest(method, template, copy, headers, query, body, base64);
    }

    public HttpRequest withBody(String newBody, boolean newBase64) {
        return new HttpRequest(method, template, pathParameters, headers, query, newBody, newBase64);
    }

    /** How the failure report shows it: the token shortened, long bodies cut. */
    public String describe() {
        String headerText = headers.entrySet().stream()
            .map(e -> e.getKey() + ": " + (e.getKey().equalsIgnoreCase("Authorization") ? "Bearer <token>" : String.join(", ", e.getValue().stream().map(HttpRequest::escape).toList())))
            .collect(Collectors.joining("; "));
        String queryText = query.isEmpty() ? "" : "?" + query.entrySet().stream()
            .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + escape(v))).collect(Collectors.joining("&"));
        return method + " " + escape(path()) + queryText + " [" + headerText + "]"
            + (body == null ? "" : (base64 ? " base64 body " : " body ") + cut(escape(body), 600));
    }

    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        // never half a surrogate pair: a lone surrogate ends the failure message in the test report
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…(" + text.length() + " chars)";
    }

    /** Control characters shown as escapes, so the report stays on its lines. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
