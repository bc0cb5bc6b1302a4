package io.pilotage.shared;

/**
 * Free text a person typed (a reason, a program's name). It is stored in events for ever and copied into read
 * models, so it must be storable everywhere: control characters are refused (PostgreSQL refuses U+0000 in text,
 * and one such event would stop every read model that copies it), as are unpaired surrogates. Only multi-line
 * fields keep tab and line breaks.
 */
public final class Text {

    private Text() {
    }

    /** One line of 1 to {@code maxLength} characters, not blank. */
    public static String requireLine(String value, String field, int maxLength) {
        return require(value, field, maxLength, false);
    }

    /** Text of 1 to {@code maxLength} characters, not blank, which may hold tabs and line breaks. */
    public static String requireMultiline(String value, String field, int maxLength) {
        return require(value, field, maxLength, true);
    }

    private static String require(String value, String field, int maxLength, boolean multiline) {
        InvalidValue.require(value != null && !value.isBlank() && value.length() <= maxLength, field,
                "must be 1 to " + maxLength + " characters");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowedControl = multiline && (c == '\t' || c == '\n' || c == '\r');
            InvalidValue.require(allowedControl || c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F), field,
                    "must not contain control characters (found U+%04X at %d)".formatted((int) c, i));
            if (Character.isHighSurrogate(c)) {
                InvalidValue.require(i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)), field,
                        "must be valid Unicode (unpaired surrogate at " + i + ")");
                i++;
            } else {
                InvalidValue.require(!Character.isLowSurrogate(c), field, "must be valid Unicode (unpaired surrogate at " + i + ")");
            }
        }
        return value;
    }
}
