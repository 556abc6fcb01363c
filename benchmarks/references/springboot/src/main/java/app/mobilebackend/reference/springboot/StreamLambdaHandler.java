package app.mobilebackend.reference.springboot;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.springframework.web.context.support.WebApplicationContextUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda handler, as aws-serverless-java-container's Spring Boot 3 archetype writes it: the Spring application
 * starts in the static initializer (Lambda's init phase), and each API Gateway REST (payload 1.0) event is proxied
 * through the container's servlet emulation to the {@code DispatcherServlet}.
 */
public class StreamLambdaHandler implements RequestStreamHandler {

    private static final SpringBootLambdaContainerHandler<AwsProxyRequest, AwsProxyResponse> HANDLER;

    static {
        try {
            HANDLER = SpringBootLambdaContainerHandler.getAwsProxyHandler(Application.class);
        } catch (ContainerInitializationException e) {
            throw new RuntimeException("Could not initialize Spring Boot application", e);
        }
    }

    /** Not part of the handler's work: lets the benchmark's launcher count Spring's beans after measuring. */
    public Object getApplicationContext() {
        return WebApplicationContextUtils.getWebApplicationContext(HANDLER.getServletContext());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HANDLER.proxyStream(input, output, context);
    }
}
