package io.pilotage.lighting.consumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DailySplitTest {

    @Test
    void givenAReadingAcrossLocalMidnight_whenSplit_thenEachDayGetsItsShare() {
        // 22:45Z to 23:15Z is 23:45 to 00:15 in Paris in winter (UTC+1).
        Map<LocalDate, Double> days = DailySplit.split(Instant.parse("2026-11-02T22:45:00Z"),
                Instant.parse("2026-11-02T23:15:00Z"), 1000);
        assertThat(days).containsOnlyKeys(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3));
        assertThat(days.get(LocalDate.of(2026, 11, 2))).isCloseTo(500.0, within(1e-9));
    }

    @Property(tries = 300)
    void theDaysAlwaysAddUpToTheReading(@ForAll @LongRange(min = 0, max = 400_000_000) long startOffsetSeconds,
                                        @ForAll @LongRange(min = 1, max = 31L * 86_400) long lengthSeconds,
                                        @ForAll @LongRange(min = 0, max = 100_000_000) long energyWh) {
        Instant start = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(startOffsetSeconds);
        Map<LocalDate, Double> days = DailySplit.split(start, start.plusSeconds(lengthSeconds), energyWh);
        assertThat(days.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(energyWh, within(1e-3));
        assertThat(days.values()).allMatch(share -> share >= 0);
    }
}
