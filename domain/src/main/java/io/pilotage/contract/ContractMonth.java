package io.pilotage.contract;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/** Contract months are calendar months in the metropole's time zone: March runs from 1 March 00:00 Paris time. */
public final class ContractMonth {

    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private ContractMonth() {
    }

    public static YearMonth of(Instant instant) {
        return YearMonth.from(instant.atZone(ZONE));
    }

    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZONE).toInstant();
    }

    /** The first instant after the month. */
    public static Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }
}
