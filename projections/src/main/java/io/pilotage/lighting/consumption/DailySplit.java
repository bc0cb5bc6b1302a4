package io.pilotage.lighting.consumption;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spreads the energy of one meter interval over the local days it covers, in proportion to time: a
 * reading from 23:45 to 00:15 gives half to each day. Days are local to the metropole, so daylight
 * saving days have 23 or 25 hours.
 */
final class DailySplit {

    static final ZoneId METROPOLE_ZONE = ZoneId.of("Europe/Paris");

    private DailySplit() {
    }

    static Map<LocalDate, Double> split(Instant start, Instant end, long energyWh) {
        Map<LocalDate, Double> days = new LinkedHashMap<>();
        double totalSeconds = Duration.between(start, end).toMillis() / 1000.0;
        Instant cursor = start;
        while (cursor.isBefore(end)) {
            LocalDate day = cursor.atZone(METROPOLE_ZONE).toLocalDate();
            Instant nextMidnight = day.plusDays(1).atStartOfDay(METROPOLE_ZONE).toInstant();
            Instant sliceEnd = nextMidnight.isBefore(end) ? nextMidnight : end;
            double share = Duration.between(cursor, sliceEnd).toMillis() / 1000.0 / totalSeconds;
            days.merge(day, energyWh * share, Double::sum);
            cursor = sliceEnd;
        }
        return days;
    }
}
