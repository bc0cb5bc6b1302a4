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

    /** Night by night, the way the cumulative figure must agree with. */
    private static Duration nightByNight(Instant from, Instant to) {
        long millis = 0;
        for (LocalDate date = LocalDate.ofInstant(from, java.time.ZoneOffset.UTC).minusDays(1);
             !date.isAfter(LocalDate.ofInstant(to, java.time.ZoneOffset.UTC)); date = date.plusDays(1)) {
            Instant dusk = DIJON.sunriseAndSunset(date)[1];
            Instant dawn = DIJON.sunriseAndSunset(date.plusDays(1))[0];
            Instant start = dusk.isAfter(from) ? dusk : from;
            Instant end = dawn.isBefore(to) ? dawn : to;
            millis += end.isAfter(start) ? Duration.between(start, end).toMillis() : 0;
        }
        return Duration.ofMillis(millis);
    }

    @Test
    void givenRandomSpansFrom1995To2040_thenTheCumulativeFigureGivesTheBurningTimeNightByNight() {
        java.util.Random random = new java.util.Random(47);
        long first = Instant.parse("1995-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("2040-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 300; i++) {
            Instant from = Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)));
            Instant to = from.plusSeconds(random.nextInt(i % 3 == 0 ? 3 * 86_400 : 400 * 86_400));
            assertThat(DIJON.burningWithin(from, to)).as("%s to %s", from, to).isEqualTo(nightByNight(from, to));
        }
    }
}
