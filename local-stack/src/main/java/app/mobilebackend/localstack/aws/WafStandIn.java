package app.mobilebackend.localstack.aws;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * AWS WAF (wafv2) of one region on loopback, at the protocol level (AWS JSON 1.1, target prefix
 * {@code AWSWAF_20190729}), for the real AWS SDK v2 client: {@code ListWebACLs}, {@code GetWebACL} and
 * {@code UpdateWebACL} with WAF's optimistic lock (an update must carry the lock token the last read answered, else
 * {@code WAFOptimisticLockException}). Web ACLs are kept as the JSON the SDK sends; {@link #acceptedValues} reads the
 * header values one rule matches, as WAF would compare them (byte-match search strings are base64 blobs on the wire).
 */
public final class WafStandIn implements AutoCloseable {

    private record WebAcl(String id, Map<String, Object> document, String lockToken) {
    }

    private final HttpServer server;
    private final Map<String, WebAcl> webAcls = new LinkedHashMap<>();
    private final List<String> updates = new ArrayList<>();
    private boolean changeBeforeNextUpdate;

    public WafStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Adds a REGIONAL web ACL named {@code name} whose rule {@code rule} allows requests whose header {@code header}
     * is exactly one of {@code values} (one value: a byte match; more: an OR of byte matches).
     */
    public synchronized WafStandIn addWebAcl(String name, String rule, String header, List<String> values) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Name", name);
        document.put("DefaultAction", Map.of("Block", Map.of()));
        document.put("VisibilityConfig", Map.of("SampledRequestsEnabled", true, "CloudWatchMetricsEnabled", true, "MetricName", name));
        List<Map<String, Object>> matches = values.stream().map(value -> byteMatch(header, value)).toList();
        Object statement = matches.size() == 1 ? matches.get(0) : Map.of("OrStatement", Map.of("Statements", matches));
        document.put("Rules", List.of(
            Map.of("Name", "health-check", "Priority", 2, "Action", Map.of("Allow", Map.of()),
                "VisibilityConfig", Map.of("SampledRequestsEnabled", true, "CloudWatchMetricsEnabled", true, "MetricName", "health"),
                "Statement", byteMatch("x-health", "ok")),
            Map.of("Name", rule, "Priority", 1, "Action", Map.of("Allow", Map.of()),
                "VisibilityConfig", Map.of("SampledRequestsEnabled", true, "CloudWatchMetricsEnabled", true, "MetricName", rule),
                "Statement", statement)));
        String id = UUID.randomUUID().toString();
        document.put("Id", id);
        document.put("ARN", "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/" + name + "/" + id);
        webAcls.put(name, new WebAcl(id, document, UUID.randomUUID().toString()));
        return this;
    }

    /** The header values rule {@code rule} of web ACL {@code name} allows now, decoded. */
    @SuppressWarnings("unchecked")
    public synchronized List<String> acceptedValues(String name, String rule) {
        for (Object each : (List<Object>) webAcls.get(name).document().get("Rules")) {
            Map<String, Object> r = (Map<String, Object>) each;
            if (rule.equals(r.get("Name"))) {
                List<String> values = new ArrayList<>();
                collect((Map<String, Object>) r.get("Statement"), values);
                return values;
            }
        }
        throw new IllegalArgumentException("no rule " + rule);
    }

    /**
     * Someone else changes the web ACLs between the next read and the next update: that update's lock token is stale
     * and WAF refuses it, as it refuses a real concurrent edit.
     */
    public synchronized WafStandIn changeBeforeNextUpdate() {
        changeBeforeNextUpdate = true;
        return this;
    }

    /** The names of the web ACLs updated, one entry per accepted UpdateWebACL. */
    public synchronized List<String> updates() {
        return List.copyOf(updates);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> statement, List<String> values) {
        if (statement.get("ByteMatchStatement") instanceof Map<?, ?> match) {
            values.add(new String(Base64.getDecoder().decode(String.valueOf(match.get("SearchString"))), StandardCharsets.UTF_8));
        } else if (statement.get("OrStatement") instanceof Map<?, ?> or) {
            ((List<Object>) or.get("Statements")).forEach(s -> collect((Map<String, Object>) s, values));
        }
    }

    private static Map<String, Object> byteMatch(String header, String value) {
        return Map.of("ByteMatchStatement", Map.of(
            "FieldToMatch", Map.of("SingleHeader", Map.of("Name", header)),
            "SearchString", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)),
            "PositionalConstraint", "EXACTLY",
            "TextTransformations", List.of(Map.of("Priority", 0, "Type", "NONE"))));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> request;
        try {
            request = JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            AwsJson.answer(exchange, 400, AwsJson.error("SerializationException", e.getMessage()));
            return;
        }
        synchronized (this) {
            switch (target) {
                case "AWSWAF_20190729.ListWebACLs" -> {
                    List<Map<String, Object>> summaries = new ArrayList<>();
                    webAcls.forEach((name, acl) -> summaries.add(Map.of("Name", name, "Id", acl.id(),
                        "ARN", acl.document().get("ARN"), "LockToken", acl.lockToken())));
                    AwsJson.answer(exchange, 200, Map.of("WebACLs", summaries));
                }
                case "AWSWAF_20190729.GetWebACL" -> {
                    WebAcl acl = find(request);
                    if (acl == null) {
                        AwsJson.answer(exchange, 400, AwsJson.error("WAFNonexistentItemException", "No such web ACL"));
                    } else {
                        AwsJson.answer(exchange, 200, Map.of("WebACL", acl.document(), "LockToken", acl.lockToken()));
                    }
                }
                case "AWSWAF_20190729.UpdateWebACL" -> update(exchange, request);
                default -> AwsJson.answer(exchange, 400, AwsJson.error("UnknownOperationException", target));
            }
        }
    }

    private void update(HttpExchange exchange, Map<String, Object> request) throws IOException {
        if (changeBeforeNextUpdate) {
            changeBeforeNextUpdate = false;
            webAcls.replaceAll((name, acl) -> new WebAcl(acl.id(), acl.document(), UUID.randomUUID().toString()));
        }
        WebAcl acl = find(request);
        if (acl == null) {
            AwsJson.answer(exchange, 400, AwsJson.error("WAFNonexistentItemException", "No such web ACL"));
            return;
        }
        if (!acl.lockToken().equals(request.get("LockToken"))) {
            AwsJson.answer(exchange, 400, AwsJson.error("WAFOptimisticLockException",
                "AWS WAF couldn't save your changes because someone changed the resource after you started to edit it."));
            return;
        }
        if (!(request.get("DefaultAction") instanceof Map) || !(request.get("VisibilityConfig") instanceof Map)) {
            AwsJson.answer(exchange, 400, AwsJson.error("WAFInvalidParameterException", "DefaultAction and VisibilityConfig are required"));
            return;
        }
        Map<String, Object> document = new LinkedHashMap<>(acl.document());
        for (String field : List.of("DefaultAction", "Description", "Rules", "VisibilityConfig", "CustomResponseBodies", "CaptchaConfig")) {
            if (request.containsKey(field)) {
                document.put(field, request.get(field));
            } else {
                document.remove(field); // WAF replaces the whole ACL: what an update leaves out is gone
            }
        }
        String next = UUID.randomUUID().toString();
        webAcls.put(String.valueOf(request.get("Name")), new WebAcl(acl.id(), document, next));
        updates.add(String.valueOf(request.get("Name")));
        AwsJson.answer(exchange, 200, Map.of("NextLockToken", next));
    }

    private WebAcl find(Map<String, Object> request) {
        WebAcl acl = webAcls.get(String.valueOf(request.get("Name")));
        return acl != null && acl.id().equals(request.get("Id")) && "REGIONAL".equals(request.get("Scope")) ? acl : null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
