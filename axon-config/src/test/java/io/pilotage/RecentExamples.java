package io.pilotage;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A telemetry example as a device would send it now: its instants moved forward by whole quarter-hours, so that its
 * latest lies in the quarter-hour before now and the others as far before it as they were. The core refuses a bus's
 * priority request more than a day from the message's arrival, so the examples the docs show, written on one day, are
 * refused from the next when posted as written. Whole quarter-hours keep what the example says about its instants
 * (energy readings' quarter-hours, their order, the gaps between them); whole days, as before, left an example that
 * spans hours partly more than a day old for part of each day.
 */
public final class RecentExamples {

    private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);
    /** An instant as the examples write it (UTC, optional fraction). */
    static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    private RecentExamples() {
    }

    public static String movedToRecent(String json, Instant now) {
        Instant latest = null;
        Matcher matcher = INSTANT.matcher(json);
        while (matcher.find()) {
            Instant instant = Instant.parse(matcher.group());
            latest = latest == null || instant.isAfter(latest) ? instant : latest;
        }
        if (latest == null || !latest.isBefore(now)) {
            return json;
        }
        Duration shift = QUARTER_HOUR.multipliedBy(Duration.between(latest, now).dividedBy(QUARTER_HOUR));
        return INSTANT.matcher(json).replaceAll(found -> Instant.parse(found.group()).plus(shift).toString());
    }
}
