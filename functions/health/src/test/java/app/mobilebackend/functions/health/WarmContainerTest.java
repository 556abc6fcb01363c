package app.mobilebackend.functions.health;

import app.mobilebackend.core.lambda.CurrentInvocation;
import app.mobilebackend.localstack.ApiGatewayEvents;
import app.mobilebackend.testkit.LocalFunction;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A warm container serves tens of thousands of requests: it must not accumulate state with each one. */
class WarmContainerTest {

    private static final long MAX_HEAP_GROWTH_BYTES = 8L * 1024 * 1024;

    private static LocalFunction function;

    @BeforeAll
    static void startHandler() {
        function = LocalFunction.start();
    }

    @AfterAll
    static void closeHandler() {
        function.close();
    }

    @Test
    void keepsBeanRegistryAndHeapFlatOverTwentyThousandInvocations() {
        invoke(1_000);
        int beansAfterWarmUp = function.context().getAllBeanDefinitions().size();
        long heapAfterWarmUp = usedHeapAfterGc();

        invoke(19_000);

        assertEquals(beansAfterWarmUp, function.context().getAllBeanDefinitions().size(), "bean definitions");
        long growth = usedHeapAfterGc() - heapAfterWarmUp;
        assertTrue(growth < MAX_HEAP_GROWTH_BYTES, "retained heap grew by " + growth + " bytes");
    }

    @Test
    void makesTheInvocationsLambdaContextAvailable() {
        var lambdaContext = new MockLambdaContext();

        function.handle(ApiGatewayEvents.request("GET", "/health").build(), lambdaContext);

        assertSame(lambdaContext, function.context().getBean(CurrentInvocation.class).context().orElseThrow());
    }

    private static void invoke(int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(200, function.handle(ApiGatewayEvents.request("GET", "/health").build()).getStatusCode());
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
