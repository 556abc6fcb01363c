package app.mobilebackend.functions.todos.get;

import app.mobilebackend.core.lambda.ApiGatewayHandler;
import app.mobilebackend.testkit.LocalFunction;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lambda.priming=invoke: the handler sends its own route a request without a token while it is being built. */
class InvokePrimingTest {

    @Test
    void primesItsOwnRouteWithoutAToken() {
        Logger logger = (Logger) LoggerFactory.getLogger(ApiGatewayHandler.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(log);
        try (LocalFunction function = LocalFunction.start(Map.of("lambda.priming", "invoke"))) {
            var requests = function.handler().primingRequests();
            assertEquals(1, requests.size(), requests.stream().map(r -> r.getHttpMethod() + " " + r.getPath()).toList().toString());
            assertEquals("GET", requests.get(0).getHttpMethod());
            assertEquals("/todos/priming", requests.get(0).getPath());
            assertTrue(requests.get(0).getHeaders().keySet().stream().noneMatch("Authorization"::equalsIgnoreCase));

            // Sent once while the handler was built, and refused as any request without a token is.
            assertEquals(List.of("Primed GET /todos/priming: 401"), log.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
            var response = function.handle(requests.get(0), new MockLambdaContext());
            assertEquals(401, response.getStatusCode());
        } finally {
            logger.detachAppender(log);
            logger.setLevel(before);
        }
    }

    @Test
    void anUnknownPrimingModeStopsTheFunctionFromStarting() {
        var e = assertThrows(RuntimeException.class, () -> LocalFunction.start(Map.of("lambda.priming", "everything")));
        assertTrue(String.valueOf(e.getMessage()).contains("lambda.priming"), e.toString());
    }
}
