package io.pilotage.contract.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.ReadModelDatabase;
import io.pilotage.contract.Terms;
import io.pilotage.contract.AvailabilityQueries.AvailabilityKpi;
import io.pilotage.contract.AvailabilityQueries.FindAvailabilityKpi;
import io.pilotage.contract.BurningSchedule;
import io.pilotage.contract.ContractEvent.ContractSigned;
import io.pilotage.contract.terms.ContractTermsProjection;
import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Availability and failure rate of a month, by hand from the burning schedule, current and as known earlier. */
class AvailabilityKpiProjectionTest {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    static final YearMonth MARCH = YearMonth.of(2026, 3);
    static final Instant MARCH_START = Instant.parse("2026-02-28T23:00:00Z");
    static final Instant MARCH_END = Instant.parse("2026-03-31T22:00:00Z");
    static final BurningSchedule SCHEDULE = BurningSchedule.METROPOLE;

    AvailabilityKpiProjection projection;
    long position;

    @BeforeEach
    void setUp() {
        database.truncate();
        ContractTermsProjection terms = new ContractTermsProjection(database.jdbc());
        terms.on(new ContractSigned("contract", Terms.REFERENCE,
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z")), Instant.parse("2020-01-01T00:00:00Z"));
        projection = new AvailabilityKpiProjection(database.jdbc(), Clock.fixed(Instant.parse("2026-04-10T00:00:00Z"), ZoneOffset.UTC), terms);
        position = 0;
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private GlobalSequenceTrackingToken next() {
        return new GlobalSequenceTrackingToken(++position);
    }

    private void registered(String id, Commune commune, String when) {
        projection.on(new LightPointRegistered(new LightPointId(id), commune, new GeoPosition(47.32, 5.04), new CabinetId("CAB-1"),
                40, 150, LampTechnology.LED, at(when)), at(when), next());
    }

    private void failed(String id, String failureId, String observed) {
        projection.on(new LampFailureReported(new LightPointId(id), failureId, FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY,
                at(observed), at(observed), new CabinetId("CAB-1"), Commune.DIJON, new GeoPosition(47.32, 5.04)), at(observed), next());
    }

    private void repaired(String id, String failureId, String when) {
        projection.on(new LampRepaired(new LightPointId(id), failureId, FailureKind.LAMP_FAILURE, at(when)), at(when), next());
    }

    /** Two points all month, a third from 15 March; A dark from 10 to 12 March, B from 31 March 10:00 to April. */
    private void scriptedMarch() {
        registered("A", Commune.DIJON, "2026-01-05T10:00:00Z");
        registered("B", Commune.DIJON, "2026-01-05T10:00:00Z");
        registered("C", Commune.DIJON, "2026-03-15T12:00:00Z");
        registered("D", Commune.CHENOVE, "2026-01-05T10:00:00Z");
        projection.on(new LightPointDecommissioned(new LightPointId("D"), "column removed", List.of(), at("2026-03-20T12:00:00Z")),
                at("2026-03-20T12:00:00Z"), next());
        failed("A", "F-1", "2026-03-10T12:00:00Z");
        repaired("A", "F-1", "2026-03-12T12:00:00Z");
        failed("B", "F-2", "2026-03-31T10:00:00Z");
        repaired("B", "F-2", "2026-04-02T10:00:00Z");
    }

    private static Duration burning(String from, Instant to) {
        return SCHEDULE.burningWithin(at(from), to);
    }

    private static BigDecimal availability(Duration failing, Duration scheduled) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(failing.toMillis())
                .divide(BigDecimal.valueOf(scheduled.toMillis()), 4, RoundingMode.HALF_EVEN));
    }

    @Test
    void givenAScriptedMarchInDijon_whenTheKpiIsAsked_thenAvailabilityAndFailureRateAreTheCalculationByHand() {
        scriptedMarch();

        AvailabilityKpi kpi = projection.handle(new FindAvailabilityKpi(MARCH, Commune.DIJON, null));

        Duration month = SCHEDULE.burningWithin(MARCH_START, MARCH_END);
        Duration scheduled = month.multipliedBy(2).plus(burning("2026-03-15T12:00:00Z", MARCH_END));
        Duration failing = burning("2026-03-10T12:00:00Z", at("2026-03-12T12:00:00Z")).plus(burning("2026-03-31T10:00:00Z", MARCH_END));
        assertThat(kpi.availability()).isEqualByComparingTo(availability(failing, scheduled));
        assertThat(kpi.scheduledHours()).isEqualByComparingTo(BigDecimal.valueOf(scheduled.toMillis())
                .divide(BigDecimal.valueOf(3_600_000), 1, RoundingMode.HALF_EVEN));
        assertThat(kpi.pointsInService()).isEqualTo(3);
        assertThat(kpi.pointsFailing()).isEqualTo(1);
        assertThat(kpi.failureRate()).isEqualByComparingTo("0.3333");
        assertThat(kpi.meetsFailureRateCeiling()).isFalse();
        assertThat(kpi.meetsAvailabilityTarget()).isFalse();
        assertThat(kpi.availabilityTarget()).isEqualByComparingTo("0.99");
        // Two nights of one point in about 31 x 12 h x 2.5 points: close to 0.97.
        assertThat(kpi.availability()).isBetween(new BigDecimal("0.96"), new BigDecimal("0.98"));
    }

    @Test
    void givenTheMonthAsKnownBeforeARepairWasRecorded_thenTheFailureRunsToThatInstant() {
        scriptedMarch();
        Instant asOf = at("2026-03-11T12:00:00Z");

        AvailabilityKpi kpi = projection.handle(new FindAvailabilityKpi(MARCH, Commune.DIJON, asOf));

        Duration scheduled = SCHEDULE.burningWithin(MARCH_START, asOf).multipliedBy(2);
        Duration failing = burning("2026-03-10T12:00:00Z", asOf);
        assertThat(kpi.to()).isEqualTo(asOf);
        assertThat(kpi.availability()).isEqualByComparingTo(availability(failing, scheduled));
        assertThat(kpi.pointsInService()).isEqualTo(2);
        assertThat(kpi.failureRate()).isEqualByComparingTo("0.5000");
    }

    @Test
    void givenAPointDecommissionedMidMonth_thenItCountsUntilThen_andEventsSeenTwiceCountOnce() {
        scriptedMarch();
        projection.on(new LightPointDecommissioned(new LightPointId("D"), "column removed", List.of(), at("2026-03-20T12:00:00Z")),
                at("2026-03-20T12:00:00Z"), new GlobalSequenceTrackingToken(5));
        registered("D", Commune.CHENOVE, "2026-01-05T10:00:00Z");

        AvailabilityKpi kpi = projection.handle(new FindAvailabilityKpi(MARCH, Commune.CHENOVE, null));

        assertThat(kpi.scheduledHours()).isEqualByComparingTo(BigDecimal.valueOf(burning("2026-02-28T23:00:00Z",
                at("2026-03-20T12:00:00Z")).toMillis()).divide(BigDecimal.valueOf(3_600_000), 1, RoundingMode.HALF_EVEN));
        assertThat(kpi.availability()).isEqualByComparingTo("1");
        assertThat(kpi.pointsInService()).isZero();
        assertThat(kpi.failureRate()).isNull();
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM rm_contract_point WHERE light_point_id = 'D'", Long.class))
                .isEqualTo(2);
    }

    /**
     * Registrations in a processor batch are inserted together when it commits, or before any other event of this
     * model: a decommissioning later in the same batch finds the version it closes.
     */
    @Test
    void givenOneBatch_whenAPointIsRegisteredThenDecommissioned_thenBothVersionsAreThere() {
        org.axonframework.messaging.unitofwork.BatchingUnitOfWork<?> batch = new org.axonframework.messaging.unitofwork.BatchingUnitOfWork<>(
                org.axonframework.eventhandling.GenericEventMessage.asEventMessage("a batch"));
        batch.start();
        registered("D", Commune.CHENOVE, "2026-01-05T10:00:00Z");
        registered("E", Commune.CHENOVE, "2026-01-05T10:00:00Z");
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM rm_contract_point", Long.class))
                .as("gathered until the batch commits").isZero();
        projection.on(new LightPointDecommissioned(new LightPointId("D"), "column removed", List.of(), at("2026-03-20T12:00:00Z")),
                at("2026-03-20T12:00:00Z"), next());
        registered("F", Commune.CHENOVE, "2026-01-05T10:00:00Z");
        batch.commit();

        assertThat(database.jdbc().queryForList("SELECT light_point_id || ':' || (in_service_to IS NOT NULL) FROM rm_contract_point "
                + "ORDER BY light_point_id, from_position", String.class)).containsExactly("D:false", "D:true", "E:false", "F:false");
    }
}
