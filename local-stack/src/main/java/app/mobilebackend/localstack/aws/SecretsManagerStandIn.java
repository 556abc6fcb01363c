package app.mobilebackend.localstack.aws;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Secrets Manager on loopback, at the protocol level: answers {@code secretsmanager.GetSecretValue} (AWS JSON 1.1)
 * with a configured SecretString and records every request, so the real AWS SDK v2 {@code SecretsManagerClient}
 * talks to it. With {@link #versionedSecret} it keeps one secret's versions and their staging labels instead, as
 * rotation uses them: {@code DescribeSecret}, {@code GetSecretValue} by version id and/or stage,
 * {@code PutSecretValue} (idempotent for the same token and value), {@code UpdateSecretVersionStage} and
 * {@code GetRandomPassword}.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    /** One request as the SDK sent it. */
    public record Request(String method, String path, String target, String contentType, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** version id -> SecretString, and version id -> its stages, of the versioned secret; null without one. */
    private Map<String, String> versions;
    private Map<String, List<String>> stages;
    private String versionedArn;
    private volatile int status = 200;
    private volatile String responseBody;

    public SecretsManagerStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            var headers = exchange.getRequestHeaders();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                headers.getFirst("X-Amz-Target"), headers.getFirst("Content-Type"),
                headers.getFirst("Authorization"), body));
            int answerStatus = status;
            String answerBody = responseBody;
            synchronized (this) {
                if (versions != null) {
                    String[] answered = versioned(headers.getFirst("X-Amz-Target"), body);
                    answerStatus = Integer.parseInt(answered[0]);
                    answerBody = answered[1];
                }
            }
            byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(answerStatus, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** Keeps one secret, {@code arn}, with one version labelled AWSCURRENT holding {@code secretString}. */
    public synchronized SecretsManagerStandIn versionedSecret(String arn, String secretString) {
        versionedArn = arn;
        versions = new LinkedHashMap<>();
        stages = new LinkedHashMap<>();
        String id = UUID.randomUUID().toString();
        versions.put(id, secretString);
        stages.put(id, new ArrayList<>(List.of("AWSCURRENT")));
        return this;
    }

    /**
     * What Secrets Manager does when a rotation starts, before it calls the rotation function: the token becomes a
     * version labelled AWSPENDING, with no value yet (createSecret puts it).
     */
    public synchronized SecretsManagerStandIn beginRotation(String token) {
        stages.values().forEach(labels -> labels.remove("AWSPENDING"));
        stages.put(token, new ArrayList<>(List.of("AWSPENDING")));
        return this;
    }

    /** The SecretString of the version labelled {@code stage}, or null. */
    public synchronized String valueAt(String stage) {
        return stages.entrySet().stream().filter(e -> e.getValue().contains(stage) && versions.containsKey(e.getKey()))
            .map(e -> versions.get(e.getKey())).findFirst().orElse(null);
    }

    /** Version id -> staging labels of the versioned secret. */
    public synchronized Map<String, List<String>> stages() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        stages.forEach((id, labels) -> copy.put(id, List.copyOf(labels)));
        return copy;
    }

    /** Answers {status, body} for a call on the versioned secret. */
    private String[] versioned(String target, String body) {
        Map<String, Object> request;
        try {
            request = JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            return failure(400, "SerializationException", e.getMessage());
        }
        if (!"secretsmanager.GetRandomPassword".equals(target) && !versionedArn.equals(request.get("SecretId"))) {
            return failure(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        switch (String.valueOf(target)) {
            case "secretsmanager.DescribeSecret" -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("ARN", versionedArn);
                answer.put("Name", "origin-verify");
                answer.put("RotationEnabled", true);
                answer.put("VersionIdsToStages", stages);
                return ok(answer);
            }
            case "secretsmanager.GetSecretValue" -> {
                String id = (String) request.get("VersionId");
                String stage = (String) request.getOrDefault("VersionStage", id == null ? "AWSCURRENT" : null);
                String found = stages.entrySet().stream()
                    .filter(e -> versions.containsKey(e.getKey()))
                    .filter(e -> (id == null || e.getKey().equals(id)) && (stage == null || e.getValue().contains(stage)))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
                if (found == null) {
                    return failure(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret value for staging label: " + stage);
                }
                return ok(Map.of("ARN", versionedArn, "Name", "origin-verify", "VersionId", found,
                    "SecretString", versions.get(found), "VersionStages", stages.get(found)));
            }
            case "secretsmanager.PutSecretValue" -> {
                String id = String.valueOf(request.get("ClientRequestToken"));
                String value = String.valueOf(request.get("SecretString"));
                if (versions.containsKey(id)) {
                    return versions.get(id).equals(value) ? ok(Map.of("ARN", versionedArn, "VersionId", id))
                        : failure(400, "ResourceExistsException", "A version with this token exists with another value.");
                }
                @SuppressWarnings("unchecked")
                List<String> labels = request.get("VersionStages") instanceof List<?> l ? new ArrayList<>((List<String>) l) : new ArrayList<>(List.of("AWSCURRENT"));
                labels.forEach(label -> stages.values().forEach(other -> other.remove(label)));
                versions.put(id, value);
                stages.put(id, new ArrayList<>(labels));
                return ok(Map.of("ARN", versionedArn, "VersionId", id, "VersionStages", labels));
            }
            case "secretsmanager.UpdateSecretVersionStage" -> {
                String stage = String.valueOf(request.get("VersionStage"));
                String to = (String) request.get("MoveToVersionId");
                String from = (String) request.get("RemoveFromVersionId");
                String holder = stages.entrySet().stream().filter(e -> e.getValue().contains(stage)).map(Map.Entry::getKey).findFirst().orElse(null);
                if (holder != null && !holder.equals(from) && !holder.equals(to)) {
                    return failure(400, "InvalidParameterException", "The staging label " + stage + " is on version " + holder
                        + ": name it in RemoveFromVersionId.");
                }
                if (to != null && !versions.containsKey(to)) {
                    return failure(400, "ResourceNotFoundException", "No version " + to);
                }
                if (from != null && stages.containsKey(from)) {
                    stages.get(from).remove(stage);
                    if ("AWSCURRENT".equals(stage)) {
                        stages.values().forEach(other -> other.remove("AWSPREVIOUS"));
                        stages.get(from).add("AWSPREVIOUS");
                    }
                }
                if (to != null && !stages.get(to).contains(stage)) {
                    stages.get(to).add(stage);
                }
                return ok(Map.of("ARN", versionedArn));
            }
            case "secretsmanager.GetRandomPassword" -> {
                Number length = (Number) request.getOrDefault("PasswordLength", 32);
                String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
                StringBuilder password = new StringBuilder();
                java.security.SecureRandom random = new java.security.SecureRandom();
                for (int i = 0; i < length.intValue(); i++) {
                    password.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                return ok(Map.of("RandomPassword", password.toString()));
            }
            default -> {
                return failure(400, "UnknownOperationException", "Not served here: " + target);
            }
        }
    }

    private static String[] ok(Map<String, ?> document) {
        return new String[] {"200", AwsJson.write(document)};
    }

    private static String[] failure(int status, String type, String message) {
        return new String[] {String.valueOf(status), AwsJson.write(AwsJson.error(type, message))};
    }

    /** Answers GetSecretValue with this SecretString. */
    public SecretsManagerStandIn secretString(String secretString) {
        this.status = 200;
        this.responseBody = "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf\","
            + "\"Name\":\"prod/db\",\"SecretString\":" + jsonString(secretString) + ","
            + "\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1\",\"VersionStages\":[\"AWSCURRENT\"],"
            + "\"CreatedDate\":1.523477145713E9}";
        return this;
    }

    /** Answers with an AWS JSON error. */
    public SecretsManagerStandIn error(int status, String type, String message) {
        this.status = status;
        this.responseBody = "{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}";
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return requests;
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
