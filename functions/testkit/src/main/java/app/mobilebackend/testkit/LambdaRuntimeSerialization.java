package app.mobilebackend.testkit;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a handler's input and writes its output the way the Lambda Java runtime does for a
 * {@code RequestHandler<I, O>}: the runtime's own serializers for the events it knows (aws-lambda-java-serialization),
 * its Jackson POJO serializer for every other type (the Cognito user pool events among them).
 */
public final class LambdaRuntimeSerialization {

    private LambdaRuntimeSerialization() {
    }

    /** {@code json} as the runtime hands it to a handler taking {@code type}. */
    public static <T> T read(String json, Class<T> type) {
        return serializer(type).fromJson(json);
    }

    /** {@code value} as the runtime sends it back to the caller (Cognito, say). */
    @SuppressWarnings("unchecked")
    public static <T> String write(T value) {
        PojoSerializer<T> serializer = serializer((Class<T>) value.getClass());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, type.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
