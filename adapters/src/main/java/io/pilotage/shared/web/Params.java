package io.pilotage.shared.web;

import io.pilotage.shared.InvalidValue;
import java.util.Arrays;
import java.util.Locale;

/** Parsing of enum-valued fields and parameters, with the allowed values in the error. */
public final class Params {

    private Params() {
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(field, "must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    public static <E extends Enum<E>> E requiredEnum(Class<E> type, String text, String field) {
        return InvalidValue.requireNonNull(enumValue(type, text, field), field);
    }
}
