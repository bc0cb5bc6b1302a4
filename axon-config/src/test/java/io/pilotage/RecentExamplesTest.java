package io.pilotage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Moved to now, every instant of a docs example lies within the day before now, whatever the time of day the test
 * runs at: the core refuses a bus's priority request more than a day from the message's arrival.
 */
class RecentExamplesTest {

    /** The shape of docs/traffic.md's traffic example: its latest instant (a phase's maxEnd) 42 s after its request. */
    private static final String EXAMPLE = """
            {"phaseChanges": [{"controllerTime": "2026-11-30T16:42:05Z", "maxEnd": "2026-11-30T16:42:45Z"}],
             "planChanges": [{"at": "2026-11-30T06:00:00Z"}],
             "priorityRequests": [{"at": "2026-11-30T16:42:03Z"}]}""";

    @Test
    void givenAnExampleSpanningHours_whenMovedAtAnyMinuteOfTheDay_thenEveryInstantIsWithinTheDayBeforeNow() {
        Instant day = Instant.parse("2026-12-02T00:00:00Z");
        for (long second = 0; second < 86_400; second += 7) {
            Instant now = day.plusSeconds(second);
            List<Instant> moved = instants(RecentExamples.movedToRecent(EXAMPLE, now));
            assertThat(moved).as("moved at %s", now).allSatisfy(instant ->
                    assertThat(instant).isBetween(now.minus(Duration.ofDays(1)), now));
        }
    }

    @Test
    void givenAnExample_whenMoved_thenItsQuarterHoursAndGapsAreKept() {
        Instant now = Instant.parse("2026-12-02T16:42:09Z");
        List<Instant> before = instants(EXAMPLE);
        List<Instant> after = instants(RecentExamples.movedToRecent(EXAMPLE, now));

        Duration shift = Duration.between(before.get(0), after.get(0));
        assertThat(shift.toSeconds() % (15 * 60)).isZero();
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).isEqualTo(before.get(i).plus(shift));
        }
    }

    private static List<Instant> instants(String json) {
        return RecentExamples.INSTANT.matcher(json).results().map(found -> Instant.parse(found.group())).toList();
    }
}
