package io.pilotage.shared;

/**
 * Raised by value types and commands when a field breaks a rule that does not depend on any state
 * (a latitude out of range, an interval that ends before it starts). The edge maps it to 422 and
 * names the field.
 */
public final class InvalidValue extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidValue(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    public static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidValue(field, message);
        }
    }

    public static <T> T requireNonNull(T value, String field) {
        if (value == null) {
            throw new InvalidValue(field, "is required");
        }
        return value;
    }
}
