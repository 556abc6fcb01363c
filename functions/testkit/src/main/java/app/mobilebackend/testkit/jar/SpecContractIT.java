package app.mobilebackend.testkit.jar;

import app.mobilebackend.testkit.TestDatabase;
import app.mobilebackend.testkit.TestUser;
import app.mobilebackend.testkit.contract.AnswerVerdict;
import app.mobilebackend.testkit.contract.ApiSpec;
import app.mobilebackend.testkit.contract.ContractCases;
import app.mobilebackend.testkit.contract.ContractCases.Case;
import app.mobilebackend.testkit.contract.ContractCases.OddEvent;
import app.mobilebackend.testkit.contract.StoredRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The module's operation(s) of the spec (those whose {@code x-function} is the module's folder) honour their contract
 * through the deployed Lambda jar's handler ({@link DeployedJar}), with API Gateway REST proxy events, against the test
 * database and the AWS stand-ins. Nothing is listed here: every operation of {@code api-spec/openapi.yaml} is covered.
 * <ul>
 *   <li>valid requests generated from the schemas answer a declared status (never 5xx, nor 400/401/413/415), with a body
 *   valid against the declared schema and media type;</li>
 *   <li>invalid requests (a valid one changed in one way) answer 400 (or 413/415 where that is the point) as
 *   {@code application/problem+json} naming the offending field or parameter, and store nothing;</li>
 *   <li>odd but possible events never make an exception leave {@code handleRequest}, and answer as the request they
 *   carry; only an unusable event may answer 500, as a problem.</li>
 * </ul>
 * System properties: {@code contract.seed} (the run's seed, fixed by default), {@code contract.valid} and
 * {@code contract.invalid} (cases per operation), {@code contract.case} (only the cases whose name contains it).
 * Each failure names the seed and the case, which reproduce it. See functions/testkit/README.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpecContractIT {

    private static DeployedJar jar;
    private static List<ApiSpec.Operation> operations;
    private static AnswerVerdict verdict;
    private static StoredRows rows;
    private static String token;
    private static long seed;
    private static final Map<String, AtomicInteger> SENT = new LinkedHashMap<>();
    private static final Map<String, AtomicLong> NANOS = new LinkedHashMap<>();
    private static final Map<String, AtomicInteger> INCONCLUSIVE = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws Exception {
        jar = DeployedJar.shared();
        ApiSpec spec = ApiSpec.read(Path.of(System.getProperty("api.spec")));
        operations = spec.operations().stream().filter(op -> op.function().equals(jar.function())).toList();
        verdict = new AnswerVerdict(spec);
        rows = new StoredRows(TestDatabase.shared());
        token = TestUser.fresh().token();
        seed = Long.parseLong(property("contract.seed", "20261204"));
        System.out.printf("SpecContractIT %s: operations %s, seed %d, %s valid and %s invalid cases per operation, %d odd events%n",
            jar.function(), operations, seed, property("contract.valid", "60"), property("contract.invalid", "120"), OddEvent.values().length);
    }

    @AfterAll
    static void report() throws Exception {
        SENT.forEach((kind, count) -> System.out.printf("SpecContractIT %s: %s: %d requests in %d ms%s%n",
            jar.function(), kind, count.get(), NANOS.get(kind).get() / 1_000_000,
            INCONCLUSIVE.containsKey(kind) ? " (" + INCONCLUSIVE.get(kind).get() + " inconclusive: a declared 404/412/428 before validation)" : ""));
        if (rows != null) {
            rows.close();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> validRequestsAnswerADeclaredStatusWithAValidBody() {
        int count = Integer.parseInt(property("contract.valid", "60"));
        return cases("valid", count, (cases, name, caseSeed, i) -> cases.valid(name, caseSeed));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> invalidRequestsAnswer400NamingTheFieldAndStoreNothing() {
        int count = Integer.parseInt(property("contract.invalid", "120"));
        return cases("invalid", count, (cases, name, caseSeed, i) -> cases.invalid(name, caseSeed, i));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> oddEventsAnswerAsProperHttpWithoutException() {
        OddEvent[] odd = OddEvent.values();
        return cases("odd", odd.length, (cases, name, caseSeed, i) -> cases.odd(name, caseSeed, odd[i]));
    }

    private interface CaseMaker {
        Case make(ContractCases cases, String name, long caseSeed, int index);
    }

    private Stream<DynamicTest> cases(String kind, int count, CaseMaker maker) {
        String only = property("contract.case", "");
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiSpec.Operation operation : operations) {
            ContractCases cases = new ContractCases(operation, token);
            // an operation without parameters or body (GET /health) has no way to be invalid
            int n = kind.equals("invalid") && cases.mutationCount() == 0 ? 0 : count;
            for (int i = 0; i < n; i++) {
                int index = i;
                String name = operation.operationId() + " " + kind + "#" + i;
                long caseSeed = seed * 1_000_003L + (operation.operationId() + "/" + kind).hashCode() * 10_007L + i;
                if (!only.isEmpty() && !(name + " ").contains(only + " ")) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(name, () -> run(kind, operation, name, maker.make(cases, name, caseSeed, index))));
            }
        }
        return tests.stream();
    }

    private static void run(String kind, ApiSpec.Operation operation, String name, Case c) throws Exception {
        ProxyEvent event = c.odd() == null ? c.request().toEvent() : odd(c.request().toEvent(), c.odd());
        boolean mustStoreNothing = c.expect() == ContractCases.Expect.INVALID || c.expect() == ContractCases.Expect.ODD_PARAMETER;
        Map<String, Long> before = mustStoreNothing ? rows.count() : Map.of();
        DeployedJar.Answer answer = null;
        List<String> problems = new ArrayList<>();
        long start = System.nanoTime();
        try {
            answer = jar.handle(event);
        } catch (Throwable e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            problems.add("an exception left handleRequest: " + AnswerVerdict.cut(trace.toString(), 1500));
        } finally {
            SENT.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            NANOS.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(System.nanoTime() - start);
        }
        if (answer != null && verdict.inconclusive(operation, c, answer)) {
            INCONCLUSIVE.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }
        if (answer != null) {
            problems.addAll(verdict.problems(operation, c, answer));
        }
        if (mustStoreNothing) {
            Map<String, Long> after = rows.count();
            if (!after.equals(before)) {
                problems.add("stored something: rows per table before " + before + ", after " + after);
            }
        }
        if (!problems.isEmpty()) {
            fail(String.format(Locale.ROOT, "%s: %s%n  seed %d (rerun: -Dcontract.seed=%d \"-Dcontract.case=%s\")%n  event: %s%n  answer: %s%n  - %s",
                operation, c.name(), seed, seed, name,
                c.odd() == null ? c.request().describe() : c.odd().label() + " of " + c.request().describe(),
                answer == null ? "none" : AnswerVerdict.describe(answer), String.join("\n  - ", problems)));
        }
    }

    /** The event of a valid request, made odd in one way. */
    private static ProxyEvent odd(ProxyEvent event, OddEvent odd) {
        return switch (odd) {
            case NO_REQUEST_CONTEXT -> event.withRequestContext(null);
            case NULL_MULTI_VALUE_HEADERS -> event.withHeaders(event.headers(), null);
            case NULL_HEADERS -> event.withHeaders(null, event.multiValueHeaders());
            case ONLY_MULTI_VALUE_QUERY -> event.withQuery(null, event.multiValueQueryStringParameters());
            case LOWER_CASE_HEADERS -> {
                Map<String, String> single = new LinkedHashMap<>();
                Map<String, List<String>> multi = new LinkedHashMap<>();
                event.headers().forEach((name, value) -> single.put(name.toLowerCase(Locale.ROOT), value));
                event.multiValueHeaders().forEach((name, value) -> multi.put(name.toLowerCase(Locale.ROOT), value));
                yield event.withHeaders(single, multi);
            }
            case STAGE_PREFIX -> event.withRequestContext(new ProxyEvent.RequestContext("contract-stage", "prod", "/prod" + event.path()));
            case BASE_PATH_MAPPING -> event.withPath("/v1" + event.path(), event.resource())
                .withRequestContext(new ProxyEvent.RequestContext("contract-base-path", "prod", "/v1" + event.path()));
            case NO_HEADERS_AT_ALL -> event.withHeaders(null, null);
            case NULL_QUERY_MAPS -> event.withQuery(null, null);
            case NO_HTTP_METHOD -> event.withHttpMethod(null);
            case NO_PATH -> event.withPath(null, null);
        };
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
