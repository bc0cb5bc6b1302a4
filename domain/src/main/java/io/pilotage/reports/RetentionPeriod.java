package io.pilotage.reports;

import io.pilotage.shared.InvalidValue;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

/**
 * How long a reporter's personal data is kept after their last request closed ({@code pilotage.reports.retention},
 * twelve months by default). Months and days are counted on the calendar of {@code zone} (Europe/Paris for Dijon), so
 * twelve months after 31 March 02:30 is 31 March 02:30 the next year, whatever the daylight saving time in between.
 */
public record RetentionPeriod(Period period, ZoneId zone) {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    public RetentionPeriod {
        InvalidValue.requireNonNull(period, "period");
        InvalidValue.require(!period.isNegative(), "period", "must not be negative");
        zone = zone == null ? PARIS : zone;
    }

    public static RetentionPeriod of(Period period) {
        return new RetentionPeriod(period, PARIS);
    }

    /** Until when the data of a reporter whose last request closed at {@code closedAt} is kept. */
    public Instant retainUntil(Instant closedAt) {
        return closedAt.atZone(zone).plus(period).toInstant();
    }
}
