package io.pilotage.reports.open311;

/**
 * A refusal under {@code /open311}, answered in the standard's error format with {@code code} as the HTTP status.
 * The description never quotes a value the client sent, only the names of the parameters, so that no personal data
 * is echoed or logged.
 */
public final class Open311Error extends RuntimeException {

    private final int code;

    public Open311Error(int code, String description) {
        super(description, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String description() {
        return getMessage();
    }

    static Open311Error badRequest(String description) {
        return new Open311Error(400, description);
    }

    static Open311Error notFound(String description) {
        return new Open311Error(404, description);
    }
}
