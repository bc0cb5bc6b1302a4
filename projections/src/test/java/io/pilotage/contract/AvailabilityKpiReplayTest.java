package io.pilotage.contract;

import static io.pilotage.EventFeed.tracked;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReadModelDatabase;
import io.pilotage.ReplayContract;
import io.pilotage.contract.availability.AvailabilityKpiProjection;
import io.pilotage.contract.terms.ContractTermsProjection;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Commune;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The availability read model rebuilds by replay to the same rows, fed the scripted month of {@link ContractMonthTest}. */
class AvailabilityKpiReplayTest extends ReplayContract {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    EventFeed feed;

    @BeforeEach
    void setUp() {
        database.truncate();
        feed = new EventFeed(new AvailabilityKpiProjection(database.jdbc(), Clock.systemUTC(),
                new ContractTermsProjection(database.jdbc())));
    }

    @Override
    protected ReadModelDatabase database() {
        return database;
    }

    @Override
    protected EventFeed feed() {
        return feed;
    }

    @Override
    protected List<Object> history() {
        return ContractMonthTest.trackedMonth();
    }

    @Override
    protected void checkOnePass(Map<String, List<Map<String, Object>>> rows) {
        assertThat(rows.get("rm_contract_point")).hasSize(2);
        // Two failures, each reported then repaired.
        assertThat(rows.get("rm_contract_failure")).hasSize(4);
    }

    private static final Instant NIGHT = ContractMonthTest.at("2026-03-05T20:00:00Z");

    /** A failure as a tracking processor receives it; {@code commune} null as failures recorded before revision 2. */
    private static Object failure(long position, String point, String failureId, Commune commune) {
        Instant at = NIGHT.plusSeconds(position);
        return tracked(position, at, new LampFailureReported(new LightPointId(point), failureId, FailureKind.LAMP_FAILURE,
                FailureSource.TELEMETRY, at, at, ContractMonthTest.CABINET, commune, ContractMonthTest.HERE));
    }

    private static Object point(long position, String point) {
        return tracked(position, NIGHT.plusSeconds(position), ContractMonthTest.point(point));
    }

    /**
     * In a processor's batch the failures are inserted when the batch commits, in one statement: a storm of failures
     * on known points, one of them without a commune and each delivered twice, writes nothing before the commit and
     * the rows of one by one.
     */
    @Test
    void givenFailuresInOneBatch_thenNothingIsWrittenBeforeItCommits_andTheRowsOfOneByOne() {
        List<Object> points = List.of(point(1, "LP-A"), point(2, "LP-B"));
        List<Object> storm = List.of(failure(3, "LP-A", "F-1", Commune.DIJON), failure(4, "LP-B", "F-2", null),
                failure(5, "LP-B", "F-3", Commune.DIJON), failure(6, "LP-X", "F-4", null));
        feed.apply(points);
        feed.apply(storm);
        Map<String, List<Map<String, Object>>> oneByOne = database.rows();
        feed.reset();

        feed.apply(points);
        Map<String, List<Map<String, Object>>> beforeTheBatch = database.rows();
        feed.applyInOneBatch(storm.stream().flatMap(event -> List.of(event, event).stream()).toList(),
                () -> assertThat(database.rows()).as("nothing written before the batch commits").isEqualTo(beforeTheBatch));

        assertThat(database.rows()).isEqualTo(oneByOne);
        assertThat(oneByOne.get("rm_contract_failure")).as("F-4's point is not known").hasSize(3);
    }

    /**
     * A failure without a commune takes its point's as known when it was reported: in one batch, one on a point
     * registered later in the batch is left out, and one after the registration counts, as one by one.
     */
    @Test
    void givenAFailureBeforeItsPointsRegistrationInOneBatch_thenItIsLeftOut_asOneByOne() {
        List<Object> events = List.of(failure(1, "LP-C", "F-1", null), point(2, "LP-C"), failure(3, "LP-C", "F-2", null));
        feed.apply(events);
        Map<String, List<Map<String, Object>>> oneByOne = database.rows();
        feed.reset();

        feed.applyInOneBatch(events, () -> { });

        assertThat(database.rows()).isEqualTo(oneByOne);
        assertThat(oneByOne.get("rm_contract_failure")).singleElement().satisfies(row -> assertThat(row.get("failure_id")).isEqualTo("F-2"));
    }
}
