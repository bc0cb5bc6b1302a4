package io.pilotage.shared.web;

import io.pilotage.shared.InvalidValue;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Parsing of enum-, time- and month-valued fields and parameters, with what is accepted in the error. */
public final class Params {

    private Params() {
    }

    /** An optional text field or parameter: null when absent or blank. */
    public static String optional(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** An optional list of a body: empty when absent; a null entry is a 422 naming the list. */
    public static <T> List<T> entries(List<T> list, String field) {
        if (list == null) {
            return List.of();
        }
        InvalidValue.require(list.stream().allMatch(Objects::nonNull), field, "must not hold null entries");
        return list;
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

    /** An ISO-8601 instant with its offset ({@code 2026-03-31T22:00:00Z}); null when absent. */
    public static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValue(field, "must be an ISO-8601 date and time with an offset, such as 2026-03-31T22:00:00Z");
        }
    }

    public static Instant requiredInstant(String text, String field) {
        return InvalidValue.requireNonNull(instant(text, field), field);
    }

    /** A calendar month, {@code YYYY-MM}, between 2000 and 2100. */
    public static YearMonth requiredMonth(String text, String field) {
        InvalidValue.requireNonNull(text == null || text.isBlank() ? null : text, field);
        try {
            YearMonth month = YearMonth.parse(text.trim());
            InvalidValue.require(month.getYear() >= 2000 && month.getYear() <= 2100, field, "must be a month between 2000-01 and 2100-12");
            return month;
        } catch (DateTimeParseException e) {
            throw new InvalidValue(field, "must be a month as YYYY-MM, such as 2026-03");
        }
    }
}
