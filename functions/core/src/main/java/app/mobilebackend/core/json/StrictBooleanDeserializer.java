package app.mobilebackend.core.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Booleans must be JSON {@code true} or {@code false}. The default reader coerces strings and numbers
 * ({@code "maybe"} becomes false, {@code 2} true): that would store what the client never said.
 */
@Singleton
@Primary
@Order(-1000)
final class StrictBooleanDeserializer implements Deserializer<Boolean> {

    @Override
    public @Nullable Boolean deserialize(@NonNull Decoder decoder, @NonNull DecoderContext context,
                                         @NonNull Argument<? super Boolean> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        throw decoder.createDeserializationException("must be true or false", null);
    }

    @Override
    public @Nullable Boolean deserializeNullable(@NonNull Decoder decoder, @NonNull DecoderContext context,
                                                 @NonNull Argument<? super Boolean> type) throws IOException {
        if (decoder.decodeNull()) {
            return null;
        }
        return deserialize(decoder, context, type);
    }
}
