package io.pilotage.lighting.consumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.ReadModelDatabase;
import io.pilotage.lighting.CabinetEvent.CabinetRegistered;
import io.pilotage.lighting.CabinetEvent.EnergyReadingCorrected;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.lighting.CabinetId;
import io.pilotage.shared.Commune;
import io.pilotage.lighting.LightingQueries.CabinetConsumption;
import io.pilotage.lighting.LightingQueries.DailyConsumption;
import io.pilotage.lighting.LightingQueries.FindCabinetConsumption;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CabinetConsumptionProjectionTest {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    @Test
    void givenReadingsSeenTwice_whenAskedPerDay_thenEachCountsOnce() {
        CabinetConsumptionProjection projection = new CabinetConsumptionProjection(database.jdbc());
        CabinetId cabinet = new CabinetId("CAB-MST-1");
        projection.on(new CabinetRegistered(cabinet, Commune.MAGNY_SUR_TILLE, Instant.parse("2026-11-01T00:00:00Z")));
        EnergyReadingRecorded evening = new EnergyReadingRecorded(cabinet, Commune.MAGNY_SUR_TILLE,
                Instant.parse("2026-11-02T16:00:00Z"), Instant.parse("2026-11-02T16:15:00Z"), 1_250, Instant.parse("2026-11-02T16:15:00Z"));
        EnergyReadingRecorded night = new EnergyReadingRecorded(cabinet, Commune.MAGNY_SUR_TILLE,
                Instant.parse("2026-11-03T02:00:00Z"), Instant.parse("2026-11-03T02:15:00Z"), 750, Instant.parse("2026-11-03T02:15:00Z"));
        projection.on(evening);
        projection.on(evening);
        projection.on(night);

        CabinetConsumption consumption = projection.handle(new FindCabinetConsumption(cabinet.value(),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30))).orElseThrow();

        assertThat(consumption.commune()).isEqualTo(Commune.MAGNY_SUR_TILLE);
        assertThat(consumption.days()).containsExactly(new DailyConsumption(LocalDate.of(2026, 11, 2), 1.25),
                new DailyConsumption(LocalDate.of(2026, 11, 3), 0.75));
    }

    @Test
    void givenAReadingOverMidnight_whenCorrectedTwiceAndSeenTwice_thenEachDayHasItsShareOfTheLatestValue() {
        CabinetConsumptionProjection projection = new CabinetConsumptionProjection(database.jdbc());
        CabinetId cabinet = new CabinetId("CAB-MST-2");
        projection.on(new CabinetRegistered(cabinet, Commune.MAGNY_SUR_TILLE, Instant.parse("2026-11-01T00:00:00Z")));
        Instant start = Instant.parse("2026-11-04T22:45:00Z");
        Instant end = Instant.parse("2026-11-04T23:15:00Z");
        projection.on(new EnergyReadingRecorded(cabinet, Commune.MAGNY_SUR_TILLE, start, end, 1_000, end));
        EnergyReadingCorrected first = new EnergyReadingCorrected(cabinet, Commune.MAGNY_SUR_TILLE, start, end, 1_000, 600,
                "meter constant", end.plusSeconds(3_600));
        EnergyReadingCorrected second = new EnergyReadingCorrected(cabinet, Commune.MAGNY_SUR_TILLE, start, end, 600, 800,
                "second look", end.plusSeconds(7_200));
        projection.on(first);
        projection.on(first);
        projection.on(second);
        projection.on(second);

        CabinetConsumption consumption = projection.handle(new FindCabinetConsumption(cabinet.value(),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30))).orElseThrow();

        assertThat(consumption.days()).containsExactly(new DailyConsumption(LocalDate.of(2026, 11, 4), 0.4),
                new DailyConsumption(LocalDate.of(2026, 11, 5), 0.4));
    }
}
