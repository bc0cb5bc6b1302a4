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
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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

    /**
     * Within a processor's batch the readings are gathered and written together before it commits; a correction in
     * the same batch must find its reading stored. Whatever the batches, the days are those of the events applied one
     * by one.
     */
    @Test
    void givenReadingsInBatches_withDuplicatesAndACorrectionInTheSameBatch_thenTheDaysAreThoseOfOneByOne() {
        CabinetConsumptionProjection projection = new CabinetConsumptionProjection(database.jdbc());
        CabinetId oneByOne = new CabinetId("CAB-MST-3");
        CabinetId batched = new CabinetId("CAB-MST-4");
        Instant start = Instant.parse("2026-11-05T22:30:00Z");
        for (CabinetId cabinet : List.of(oneByOne, batched)) {
            projection.on(new CabinetRegistered(cabinet, Commune.MAGNY_SUR_TILLE, Instant.parse("2026-11-01T00:00:00Z")));
        }
        List<List<Object>> batches = List.of(
                List.of(reading(start, 0, 900), reading(start, 1, 1_100), reading(start, 0, 900), reading(start, 2, 1_300),
                        new EnergyReadingCorrected(batched, Commune.MAGNY_SUR_TILLE, start.plusSeconds(900),
                                start.plusSeconds(1_800), 1_100, 700, "meter constant", start.plusSeconds(3_600))),
                List.of(reading(start, 2, 1_300), reading(start, 3, 500)));

        for (List<Object> batch : batches) {
            batch.forEach(event -> apply(projection, event, oneByOne));
            List<DailyConsumption> before = days(projection, batched);
            UnitOfWork<?> unitOfWork = batch();
            batch.forEach(event -> apply(projection, event, batched));
            if (batch.stream().noneMatch(EnergyReadingCorrected.class::isInstance)) {
                assertThat(days(projection, batched)).as("the days change when the batch commits").isEqualTo(before);
            }
            unitOfWork.commit();
        }

        assertThat(days(projection, batched)).isEqualTo(days(projection, oneByOne))
                .containsExactly(new DailyConsumption(LocalDate.of(2026, 11, 5), 1.6),
                        new DailyConsumption(LocalDate.of(2026, 11, 6), 1.8));
    }

    /** The night Paris goes back from 03:00 to 02:00 has two 02:15, one hour apart: both readings count. */
    @Test
    void givenABatchOverTheAutumnNightInAJvmOnParisTime_thenBothReadingsOfTheRepeatedHourCount() {
        java.util.TimeZone jvmZone = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Paris"));
        try {
            CabinetConsumptionProjection projection = new CabinetConsumptionProjection(database.jdbc());
            CabinetId cabinet = new CabinetId("CAB-MST-5");
            projection.on(new CabinetRegistered(cabinet, Commune.MAGNY_SUR_TILLE, Instant.parse("2026-10-01T00:00:00Z")));
            UnitOfWork<?> batch = batch();
            Instant first = Instant.parse("2026-10-25T00:15:00Z");
            Instant second = Instant.parse("2026-10-25T01:15:00Z");
            projection.on(new EnergyReadingRecorded(cabinet, Commune.MAGNY_SUR_TILLE, first, first.plusSeconds(900), 400, first));
            projection.on(new EnergyReadingRecorded(cabinet, Commune.MAGNY_SUR_TILLE, second, second.plusSeconds(900), 600, second));
            batch.commit();

            assertThat(days(projection, cabinet)).containsExactly(new DailyConsumption(LocalDate.of(2026, 10, 25), 1.0));
        } finally {
            java.util.TimeZone.setDefault(jvmZone);
        }
    }

    private static EnergyReadingRecorded reading(Instant start, int quarter, long wh) {
        Instant from = start.plusSeconds(900L * quarter);
        return new EnergyReadingRecorded(new CabinetId("CAB-ANY"), Commune.MAGNY_SUR_TILLE, from, from.plusSeconds(900), wh,
                from.plusSeconds(900));
    }

    /** Applies {@code event}, addressed to {@code cabinet}. */
    private static void apply(CabinetConsumptionProjection projection, Object event, CabinetId cabinet) {
        if (event instanceof EnergyReadingRecorded r) {
            projection.on(new EnergyReadingRecorded(cabinet, r.commune(), r.intervalStart(), r.intervalEnd(), r.energyWh(),
                    r.recordedAt()));
        } else if (event instanceof EnergyReadingCorrected c) {
            projection.on(new EnergyReadingCorrected(cabinet, c.commune(), c.intervalStart(), c.intervalEnd(),
                    c.replacedEnergyWh(), c.energyWh(), c.reason(), c.at()));
        }
    }

    /** A processor's batch, started. */
    private static UnitOfWork<?> batch() {
        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(GenericEventMessage.asEventMessage("a batch"));
        batch.start();
        return batch;
    }

    private static List<DailyConsumption> days(CabinetConsumptionProjection projection, CabinetId cabinet) {
        return projection.handle(new FindCabinetConsumption(cabinet.value(), LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, 30))).orElseThrow().days();
    }
}
