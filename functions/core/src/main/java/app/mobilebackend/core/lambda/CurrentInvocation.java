package app.mobilebackend.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The Lambda {@link Context} of the invocation this thread serves (request id, remaining time), without
 * registering beans. Micronaut's default factory registers the context, its logger, client context and identity as
 * new singletons on every invocation: a warm container's bean registry then grows with each request, and every
 * bean lookup walks a longer list.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public final class CurrentInvocation implements LambdaContextFactory {

    private final ThreadLocal<Context> current = new ThreadLocal<>();

    @Override
    public void registerSingletons(@NonNull Context lambdaContext) {
        current.set(lambdaContext);
    }

    /** The context of the invocation being served on this thread, if any. */
    public Optional<Context> context() {
        return Optional.ofNullable(current.get());
    }
}
