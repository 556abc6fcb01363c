package app.mobilebackend.testkit.contract;

import app.mobilebackend.testkit.contract.ContractCases.Case;
import app.mobilebackend.testkit.contract.ContractCases.Expect;
import app.mobilebackend.testkit.jar.DeployedJar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Whether an answer is what the contract says for a case: the problems found, none when it is. */
public final class AnswerVerdict {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";
    /** Statuses a valid request with a valid token must never get. */
    private static final Set<Integer> NOT_FOR_VALID = Set.of(400, 401, 413, 415);

    private final AnswerSchemas schemas;
    private final Map<String, Object> problemSchema = Map.of("$ref", "#/components/schemas/Problem");

    public AnswerVerdict(ApiSpec spec) {
        this.schemas = new AnswerSchemas(spec);
    }

    public List<String> problems(ApiSpec.Operation operation, Case c, DeployedJar.Answer answer) {
        List<String> problems = new ArrayList<>();
        int status = answer.status();
        switch (c.expect()) {
            case VALID -> valid(operation, answer, problems);
            case INVALID, ODD_PARAMETER -> {
                if (inconclusive(operation, c, answer)) {
                    problem(operation, answer, problems);
                } else if (c.expect() == Expect.INVALID) {
                    invalid(operation, c, answer, problems);
                } else {
                    oddParameter(operation, c, answer, problems);
                }
            }
            case ODD_EVENT -> {
                if (status < 100 || status > 599) {
                    problems.add("not an HTTP status: " + status);
                } else if (c.odd().usable()) {
                    valid(operation, answer, problems);
                } else if (c.odd() == ContractCases.OddEvent.NO_HEADERS_AT_ALL && operation.secured()) {
                    if (status != 401) {
                        problems.add("no Authorization header: expected 401, got " + status);
                    }
                    problem(operation, answer, problems);
                } else if (c.odd() == ContractCases.OddEvent.NO_HEADERS_AT_ALL) {
                    valid(operation, answer, problems);
                } else if (status >= 500) {
                    // an unusable event: a 500 is fair, as a problem
                    if (status != 500) {
                        problems.add("an unusable event may answer 500 as a problem, not " + status);
                    }
                    problem(null, answer, problems);
                } else if (answer.body() != null && !answer.body().isEmpty() && answer.header("Content-Type") == null) {
                    problems.add("a body without Content-Type");
                }
            }
        }
        return problems;
    }

    /**
     * A 404, 412 or 428 the operation declares says the server looked at the resource or its precondition before the
     * change made the request invalid: the valid request it was made from would have got it too (an id that does not
     * exist, no or a stale If-Match), so the case proves nothing about validation. It is counted, not failed.
     */
    public boolean inconclusive(ApiSpec.Operation operation, Case c, DeployedJar.Answer answer) {
        int status = answer.status();
        return (c.expect() == Expect.INVALID || c.expect() == Expect.ODD_PARAMETER)
            && (status == 404 && c.expect() == Expect.INVALID || status == 412 || status == 428) && operation.declares(status);
    }

    private void invalid(ApiSpec.Operation operation, Case c, DeployedJar.Answer answer, List<String> problems) {
        int status = answer.status();
        if (status != 400 && !c.alsoAllowed().contains(status)) {
            problems.add("expected 400" + (c.alsoAllowed().isEmpty() ? "" : " or " + c.alsoAllowed()) + ", got " + status);
        }
        // 415 (an unsupported content type) is the point of some cases though the spec declares it nowhere
        problem(c.alsoAllowed().contains(status) && !operation.declares(status) ? null : operation, answer, problems);
        if (status == 400 && c.field() != null) {
            names(answer, c.field(), problems);
        }
    }

    private void oddParameter(ApiSpec.Operation operation, Case c, DeployedJar.Answer answer, List<String> problems) {
        int status = answer.status();
        if (status != 400 && status != 404) {
            problems.add("expected 400 naming " + c.field() + " or 404, got " + status);
        }
        problem(operation, answer, problems);
        if (status == 400) {
            names(answer, c.field(), problems);
        }
    }

    /** A declared status (never 5xx, 400, 401, 413, 415) with the declared media type and a body valid against its schema. */
    private void valid(ApiSpec.Operation operation, DeployedJar.Answer answer, List<String> problems) {
        int status = answer.status();
        if (status >= 500 || NOT_FOR_VALID.contains(status)) {
            problems.add("a valid request answered " + status);
        }
        conforms(operation, answer, problems);
    }

    /** An application/problem+json answer valid against the declared (or else the Problem) schema, its status inside. */
    private void problem(ApiSpec.Operation operation, DeployedJar.Answer answer, List<String> problems) {
        String media = mediaType(answer);
        if (!PROBLEM.equals(media)) {
            problems.add("expected Content-Type " + PROBLEM + ", got " + answer.header("Content-Type"));
        }
        if (operation != null && operation.declares(answer.status())) {
            conforms(operation, answer, problems);
        } else {
            if (operation != null) {
                problems.add("status " + answer.status() + " is not declared for " + operation + " (declared: " + operation.responses().keySet() + ")");
            }
            JsonNode body = parse(answer, problems);
            if (body != null) {
                schemas.violations("problem", problemSchema, body).forEach(v -> problems.add("problem body: " + v));
            }
        }
        JsonNode body = parse(answer, List.of());
        if (body != null && body.has("status") && body.get("status").asInt() != answer.status()) {
            problems.add("the problem's status " + body.get("status") + " is not the answer's " + answer.status());
        }
    }

    @SuppressWarnings("unchecked")
    private void conforms(ApiSpec.Operation operation, DeployedJar.Answer answer, List<String> problems) {
        String status = String.valueOf(answer.status());
        if (!operation.declares(answer.status())) {
            problems.add("status " + status + " is not declared for " + operation + " (declared: " + operation.responses().keySet() + ")");
            return;
        }
        Map<String, Object> content = operation.responseContent().get(status);
        String body = body(answer);
        if (content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add("status " + status + " declares no body, got " + cut(body, 200));
            }
            return;
        }
        String media = mediaType(answer);
        if (!content.containsKey(media)) {
            problems.add("Content-Type " + answer.header("Content-Type") + " is not declared for " + status + " (declared: " + content.keySet() + ")");
            return;
        }
        JsonNode json = parse(answer, problems);
        if (json == null) {
            return;
        }
        Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) content.get(media)).get("schema");
        schemas.violations(operation.operationId() + "/" + status + "/" + media, schema, json)
            .forEach(v -> problems.add("body against the " + status + " " + media + " schema: " + v));
    }

    /** The problem's {@code errors} name the field, leniently: {@code lines[0].quantity}, {@code lines.0.quantity}, {@code /lines/0/quantity}, a suffix or the last segment. */
    private static void names(DeployedJar.Answer answer, String field, List<String> problems) {
        JsonNode body = parse(answer, List.of());
        List<String> named = new ArrayList<>();
        if (body != null && body.get("errors") != null && body.get("errors").isArray()) {
            body.get("errors").forEach(error -> named.add(error.path("field").asText()));
        }
        List<String> expected = segments(field);
        for (String name : named) {
            List<String> got = segments(name);
            if (endsWith(got, expected) || (got.size() == 1 && got.get(0).equalsIgnoreCase(lastName(expected)))) {
                return;
            }
        }
        problems.add("the problem's errors do not name " + field + " (they name " + named + ")");
    }

    private static boolean endsWith(List<String> got, List<String> expected) {
        if (got.size() < expected.size()) {
            return false;
        }
        List<String> tail = got.subList(got.size() - expected.size(), got.size());
        for (int i = 0; i < tail.size(); i++) {
            if (!tail.get(i).equalsIgnoreCase(expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String lastName(List<String> segments) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (!segments.get(i).chars().allMatch(Character::isDigit)) {
                return segments.get(i);
            }
        }
        return "";
    }

    private static List<String> segments(String path) {
        String normalized = path.replaceAll("\\[(\\d+)]", ".$1").replace('/', '.').replaceFirst("^\\$\\.", "");
        return Arrays.stream(normalized.split("\\.")).filter(s -> !s.isEmpty()).toList();
    }

    private static String mediaType(DeployedJar.Answer answer) {
        String type = answer.header("Content-Type");
        return type == null ? null : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String body(DeployedJar.Answer answer) {
        if (answer.body() != null && answer.base64()) {
            return new String(Base64.getDecoder().decode(answer.body()), StandardCharsets.UTF_8);
        }
        return answer.body();
    }

    private static JsonNode parse(DeployedJar.Answer answer, List<String> problems) {
        String body = body(answer);
        if (body == null || body.isEmpty()) {
            problems.add("no body");
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            problems.add("the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    public static String describe(DeployedJar.Answer answer) {
        return answer.status() + " Content-Type: " + answer.header("Content-Type") + " " + (answer.body() == null ? "(no body)" : cut(HttpRequest.escape(body(answer)), 800));
    }

    public static String cut(String text, int max) {
        return HttpRequest.cut(text, max);
    }
}
