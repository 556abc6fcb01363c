package app.mobilebackend.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What no real event provokes once {@link ProxyEvents} has made it whole: Micronaut's handler throwing, or answering
 * 500 without a body. The function modules test the events themselves through the real handler.
 */
class ProxyEventsTest {

    private static final String SERVER_ERROR = "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
        + "\"detail\":\"The server could not answer this request.\"}";

    private final ProxyEvents events = new ProxyEvents(JsonMapper.createDefault());

    @Test
    void answersServerErrorProblemWhenHandlerThrows() {
        var response = events.answer(request(), event -> {
            throw new IllegalStateException("internal detail");
        });

        assertServerErrorProblem(response);
    }

    @Test
    void answersServerErrorProblemWhenHandlerAnswersServerErrorWithoutBody() {
        var response = events.answer(request(), event -> new APIGatewayProxyResponseEvent().withStatusCode(500));

        assertServerErrorProblem(response);
    }

    @Test
    void answersBadRequestProblemForNullEvent() {
        var response = events.answer(null, event -> {
            throw new AssertionError("not routed");
        });

        assertEquals(400, response.getStatusCode());
        assertEquals(Map.of("Content-Type", List.of("application/problem+json")), response.getMultiValueHeaders());
    }

    private static void assertServerErrorProblem(APIGatewayProxyResponseEvent response) {
        assertEquals(500, response.getStatusCode());
        assertEquals(Map.of("Content-Type", "application/problem+json"), response.getHeaders());
        assertEquals(SERVER_ERROR, response.getBody());
    }

    private static APIGatewayProxyRequestEvent request() {
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/todos").withResource("/todos");
    }
}
