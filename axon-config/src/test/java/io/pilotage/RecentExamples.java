package io.pilotage;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A telemetry example as a device would send it today: its instants moved forward by whole days, so that its latest is
 * within the day before now. The core refuses a bus's priority request more than a day from the message's arrival,
 * so the examples the docs show, written on one day, are refused from the next when posted as written. Whole days keep
 * what the example says about its instants (quarter-hours, their order, the gaps between them).
 */
public final class RecentExamples {

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

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
        Duration shift = Duration.ofDays(Duration.between(latest, now).toDays());
        return INSTANT.matcher(json).replaceAll(found -> Instant.parse(found.group()).plus(shift).toString());
    }
}
