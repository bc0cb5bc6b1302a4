package io.pilotage.reports;

import io.pilotage.shared.InvalidValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a service request stands: FixMyStreet's detailed statuses, each of which is Open311's {@code open} or
 * {@code closed}. A new request is {@code confirmed}; {@code wireName} is FixMyStreet's spelling, used by the API and
 * as Open311's {@code status_notes} prefix.
 */
public enum RequestStatus {
    CONFIRMED("confirmed", false),
    INVESTIGATING("investigating", false),
    ACTION_SCHEDULED("action_scheduled", false),
    IN_PROGRESS("in_progress", false),
    FIXED("fixed", true),
    DUPLICATE("duplicate", true),
    NOT_RESPONSIBLE("not_councils_responsibility", true),
    NO_FURTHER_ACTION("no_further_action", true),
    INTERNAL_REFERRAL("internal_referral", true),
    CLOSED("closed", true);

    private final String wireName;
    private final boolean closed;

    RequestStatus(String wireName, boolean closed) {
        this.wireName = wireName;
        this.closed = closed;
    }

    public String wireName() {
        return wireName;
    }

    public boolean closed() {
        return closed;
    }

    /** Open311 GeoReport v2's two statuses. */
    public String open311() {
        return closed ? "closed" : "open";
    }

    public static Optional<RequestStatus> lookup(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(status -> status.wireName.equals(wanted) || status.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    public static RequestStatus parse(String text, String field) {
        return lookup(text).orElseThrow(() -> new InvalidValue(field, "must be one of " + Arrays.stream(values())
                .map(RequestStatus::wireName).toList()));
    }
}
