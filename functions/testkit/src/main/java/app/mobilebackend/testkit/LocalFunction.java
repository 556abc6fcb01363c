package app.mobilebackend.testkit;

import app.mobilebackend.core.lambda.ApiGatewayHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A function's Lambda handler, built as the runtime builds it, with the JSON mapper of its own context
 * to read and write bodies in tests.
 */
public final class LocalFunction implements AutoCloseable {

    private final ApiGatewayHandler handler;
    private final JsonMapper json;

    private LocalFunction(ApiGatewayHandler handler) {
        this.handler = handler;
        this.json = handler.getApplicationContext().getBean(JsonMapper.class);
    }

    /** The handler the Lambda runtime would build, configured for the shared test database and identity provider. */
    public static LocalFunction start() {
        FunctionEnvironment.install();
        return new LocalFunction(new ApiGatewayHandler());
    }

    /** A handler with {@code overrides} on top of the test configuration (a database that is down, say). */
    public static LocalFunction start(Map<String, Object> overrides) {
        var properties = new HashMap<>(FunctionEnvironment.properties());
        properties.putAll(overrides);
        return new LocalFunction(new ApiGatewayHandler(ApiGatewayHandler.contextBuilder().properties(properties).build()));
    }

    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        return handle(event, new MockLambdaContext());
    }

    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context lambdaContext) {
        return handler.handleRequest(event, lambdaContext);
    }

    public ApiGatewayHandler handler() {
        return handler;
    }

    public ApplicationContext context() {
        return handler.getApplicationContext();
    }

    public <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> readMap(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        handler.close();
    }
}
