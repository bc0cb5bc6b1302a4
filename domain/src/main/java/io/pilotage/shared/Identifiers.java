package io.pilotage.shared;

import java.util.regex.Pattern;

/** The shape every external identifier must have, so that ids are safe in URLs, logs and CSV. */
public final class Identifiers {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Identifiers() {
    }

    /** Whether the value has the shape of an identifier. */
    public static boolean valid(String value) {
        return value != null && SAFE.matcher(value).matches();
    }

    public static String require(String value, String field) {
        InvalidValue.requireNonNull(value, field);
        InvalidValue.require(SAFE.matcher(value).matches(), field,
                "must be 1 to 64 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        return value;
    }
}
