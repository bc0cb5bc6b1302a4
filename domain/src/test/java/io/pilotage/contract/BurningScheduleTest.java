package io.pilotage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Sunrise and sunset at Dijon against the published almanac (to ten minutes), and a year's burning hours. */
class BurningScheduleTest {

    static final BurningSchedule DIJON = BurningSchedule.METROPOLE;

    private static void near(Instant actual, String expected) {
        assertThat(Duration.between(Instant.parse(expected), actual).abs()).isLessThan(Duration.ofMinutes(10));
    }

    @Test
    void givenTheSummerSolstice_thenTheSunRisesAt0546AndSetsAt2138ParisTime() {
        Instant[] day = DIJON.sunriseAndSunset(LocalDate.of(2026, 6, 21));
        near(day[0], "2026-06-21T03:46:00Z");
        near(day[1], "2026-06-21T19:38:00Z");
    }

    @Test
    void givenTheWinterSolstice_thenTheSunRisesAt0818AndSetsAt1655ParisTime() {
        Instant[] day = DIJON.sunriseAndSunset(LocalDate.of(2026, 12, 21));
        near(day[0], "2026-12-21T07:18:00Z");
        near(day[1], "2026-12-21T15:55:00Z");
    }

    @Test
    void givenAYear_thenTheLightsAreScheduledForAbout4300Hours_andLongerInDecemberThanInJune() {
        long hours = DIJON.burningWithin(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")).toHours();
        Duration december = DIJON.burningWithin(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
        Duration june = DIJON.burningWithin(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"));

        assertThat(hours).isBetween(4_250L, 4_450L);
        assertThat(december).isGreaterThan(june.multipliedBy(3).dividedBy(2));
    }

    @Test
    void givenAnIntervalInDaylight_thenNoBurningTime_andAWholeNightCountsOnce() {
        assertThat(DIJON.burningWithin(Instant.parse("2026-03-10T10:00:00Z"), Instant.parse("2026-03-10T14:00:00Z"))).isZero();
        Duration night = DIJON.burningWithin(Instant.parse("2026-03-10T12:00:00Z"), Instant.parse("2026-03-11T12:00:00Z"));
        assertThat(night.toMinutes()).isBetween(11L * 60 + 30, 12L * 60 + 30);
    }
}
