package io.pilotage.shared.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.function.Function;

/** Writes a vocabulary's values in the API as a standard spells them, while events keep the enum constants. */
public final class JsonWords {

    private JsonWords() {
    }

    public static <T> JsonSerializer<T> as(Function<T, String> word) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider serializers) throws IOException {
                generator.writeString(word.apply(value));
            }
        };
    }
}
