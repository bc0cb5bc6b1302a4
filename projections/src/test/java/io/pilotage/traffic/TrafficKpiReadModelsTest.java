package io.pilotage.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.ReadModelDatabase;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.PageRequest;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultCleared;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultRaised;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionEvent.IntersectionRegistered;
import io.pilotage.traffic.PriorityRequestEvent.PriorityCheckedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityGranted;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRejected;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequestTimedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequested;
import io.pilotage.traffic.TrafficQueries.FindOpenControllerFaults;
import io.pilotage.traffic.TrafficQueries.FindPriorityRequest;
import io.pilotage.traffic.TrafficQueries.FindPriorityStatistics;
import io.pilotage.traffic.TrafficQueries.FindSignalAvailability;
import io.pilotage.traffic.TrafficQueries.IntersectionAvailability;
import io.pilotage.traffic.TrafficQueries.OpenFaultAt;
import io.pilotage.traffic.TrafficQueries.PriorityStatisticsRow;
import io.pilotage.traffic.TrafficQueries.RejectionCount;
import io.pilotage.traffic.TrafficQueries.SignalAvailability;
import io.pilotage.traffic.availability.SignalAvailabilityProjection;
import io.pilotage.traffic.priority.PriorityProjection;
import io.pilotage.traffic.status.IntersectionStatusProjection;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The traffic read models behind contract and operations figures: bus priority, signal availability, open faults. */
class TrafficKpiReadModelsTest {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    static final IntersectionId ONE = new IntersectionId("TL-DIJ-042");
    static final IntersectionId TWO = new IntersectionId("TL-CHE-007");
    static final GeoPosition POSITION = new GeoPosition(47.3220, 5.0410);
    static final Instant T0 = Instant.parse("2026-11-10T06:00:00Z");

    PriorityProjection priority;
    SignalAvailabilityProjection availability;
    IntersectionStatusProjection status;

    @BeforeEach
    void setUp() {
        database.truncate();
        priority = new PriorityProjection(database.jdbc());
        availability = new SignalAvailabilityProjection(database.jdbc());
        status = new IntersectionStatusProjection(database.jdbc());
    }

    static IntersectionRegistered registered(IntersectionId id, Commune commune, Instant at) {
        return new IntersectionRegistered(id, commune, POSITION, List.of(new SignalGroup(1, "north"), new SignalGroup(3, "east")),
                List.of(new Conflict(1, 3)), List.of(new TimingPlan("DAY", 90)), "DAY", at);
    }

    static PriorityRequested requested(String id, IntersectionId intersection, String line, int second) {
        return new PriorityRequested(new PriorityRequestId(id), intersection, "BUS-" + id, line, 1, 60, T0.plusSeconds(second),
                T0.plusSeconds(second + 20));
    }

    @Test
    void givenRequestsAnsweredEveryWay_whenStatisticsAreAsked_thenCountsGrantRateAndRejectionsPerIntersectionAndLine() {
        PriorityRequestId late = new PriorityRequestId("R3");
        for (Object event : List.of(
                requested("R1", ONE, "L5", 0), new PriorityGranted(new PriorityRequestId("R1"), ONE, "L5", T0.plusSeconds(2)),
                requested("R2", ONE, "L5", 100),
                new PriorityRejected(new PriorityRequestId("R2"), ONE, "L5", PriorityRejection.RECENTLY_SERVED, T0.plusSeconds(101)),
                requested("R3", ONE, "L5", 200), new PriorityRequestTimedOut(late, ONE, "L5", T0.plusSeconds(220)),
                new PriorityGranted(late, ONE, "L5", T0.plusSeconds(230)),
                requested("R4", ONE, "L5", 300),
                new PriorityRejected(new PriorityRequestId("R4"), ONE, "L5", PriorityRejection.RECENTLY_SERVED, T0.plusSeconds(301)),
                requested("R5", ONE, "L12", 400),
                new PriorityRejected(new PriorityRequestId("R5"), ONE, "L12", PriorityRejection.PEDESTRIAN_PHASE, T0.plusSeconds(401)),
                requested("R6", TWO, "L5", 500),
                requested("R7", ONE, "L5", 90_000),
                new PriorityCheckedOut(new PriorityRequestId("R1"), ONE, "L5", true, T0.plusSeconds(30)))) {
            apply(event);
        }
        apply(requested("R1", ONE, "L5", 0));

        List<PriorityStatisticsRow> rows = priority.handle(new FindPriorityStatistics(T0, T0.plus(Duration.ofDays(1)), null, null)).rows();

        assertThat(rows).containsExactly(
                new PriorityStatisticsRow("TL-CHE-007", "L5", 1, 0, 0, 0, 1, null, List.of()),
                new PriorityStatisticsRow("TL-DIJ-042", "L12", 1, 0, 1, 0, 0, 0.0,
                        List.of(new RejectionCount(PriorityRejection.PEDESTRIAN_PHASE, 1))),
                new PriorityStatisticsRow("TL-DIJ-042", "L5", 4, 1, 2, 1, 0, 0.25,
                        List.of(new RejectionCount(PriorityRejection.RECENTLY_SERVED, 2))));
        assertThat(priority.handle(new FindPriorityStatistics(T0, T0.plus(Duration.ofDays(1)), "TL-DIJ-042", "L12")).rows())
                .extracting(PriorityStatisticsRow::line).containsExactly("L12");
        var r3 = priority.handle(new FindPriorityRequest("R3")).orElseThrow();
        assertThat(r3.outcome()).as("the late grant does not replace the time-out").isEqualTo(PriorityOutcome.TIMED_OUT);
        assertThat(r3.answeredAt()).isEqualTo(T0.plusSeconds(220));
        assertThat(priority.handle(new FindPriorityRequest("R1")).orElseThrow().checkedOutAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(priority.handle(new FindPriorityRequest("nope"))).isEmpty();
    }

    /** A bus's numbers wrap: the same id names a later request once the first is over, and both are counted. */
    @Test
    void givenARequestNumberReusedAfterItsRequestEnded_thenEachRequestIsCounted_andTheLatestIsAnswered() {
        PriorityRequestId id = new PriorityRequestId("BUS-7:17");
        apply(requested("BUS-7:17", ONE, "L5", 0), new PriorityGranted(id, ONE, "L5", T0.plusSeconds(2)),
                new PriorityCheckedOut(id, ONE, "L5", true, T0.plusSeconds(30)),
                requested("BUS-7:17", ONE, "L5", 7_200),
                new PriorityRejected(id, ONE, "L5", PriorityRejection.NOT_LATE, T0.plusSeconds(7_201)),
                new PriorityCheckedOut(id, ONE, "L5", true, T0.plusSeconds(7_230)));

        assertThat(priority.handle(new FindPriorityStatistics(T0, T0.plus(Duration.ofDays(1)), null, null)).rows())
                .containsExactly(new PriorityStatisticsRow("TL-DIJ-042", "L5", 2, 1, 1, 0, 0, 0.5,
                        List.of(new RejectionCount(PriorityRejection.NOT_LATE, 1))));
        var latest = priority.handle(new FindPriorityRequest("BUS-7:17")).orElseThrow();
        assertThat(latest.outcome()).isEqualTo(PriorityOutcome.REJECTED);
        assertThat(latest.requestedAt()).isEqualTo(T0.plusSeconds(7_200));
        assertThat(latest.checkedOutAt()).isEqualTo(T0.plusSeconds(7_230));
    }

    @Test
    void givenFlashingAndFaultsThatOverlap_whenTheMonthsAvailabilityIsAsked_thenTheirUnionCountsOnceFromTheRegistration() {
        apply(registered(ONE, Commune.DIJON, T0), registered(TWO, Commune.CHENOVE, T0.plus(Duration.ofHours(5))),
                new ControllerModeChanged(ONE, ControllerMode.NORMAL, ControllerMode.FLASHING, Commune.DIJON, POSITION, T0.plus(Duration.ofHours(1))),
                new ControllerModeChanged(ONE, ControllerMode.FLASHING, ControllerMode.DARK, Commune.DIJON, POSITION, T0.plus(Duration.ofMinutes(90))),
                new ControllerFaultRaised(ONE, "P-1", ControllerFaultKind.POWER, null, "mains lost", Commune.DIJON, POSITION,
                        T0.plus(Duration.ofMinutes(100))),
                new ControllerModeChanged(ONE, ControllerMode.DARK, ControllerMode.NORMAL, Commune.DIJON, POSITION, T0.plus(Duration.ofHours(2))),
                new ControllerFaultRaised(ONE, "D-1", ControllerFaultKind.DETECTOR, null, "loop 4", Commune.DIJON, POSITION,
                        T0.plus(Duration.ofHours(2))),
                new ControllerFaultCleared(ONE, "P-1", ControllerFaultKind.POWER, null, T0.plus(Duration.ofHours(3))),
                new ControllerFaultRaised(TWO, "S-1", ControllerFaultKind.SIGNAL_GROUP, 3, "red out", Commune.CHENOVE, POSITION,
                        T0.plus(Duration.ofHours(9))));
        apply(new ControllerFaultCleared(ONE, "P-1", ControllerFaultKind.POWER, null, T0.plus(Duration.ofHours(4))));

        SignalAvailability november = availability.handle(new FindSignalAvailability(YearMonth.of(2026, 11), T0.plus(Duration.ofHours(10))));

        assertThat(november.intersections()).containsExactly(
                new IntersectionAvailability("TL-CHE-007", Commune.CHENOVE, 0.8, 300, 60),
                new IntersectionAvailability("TL-DIJ-042", Commune.DIJON, 0.8, 600, 120));
        assertThat(november.observedMinutes()).isEqualTo(900);
        assertThat(november.unavailableMinutes()).isEqualTo(180);
        assertThat(november.availability()).isEqualTo(0.8);
        SignalAvailability october = availability.handle(new FindSignalAvailability(YearMonth.of(2026, 10), T0.plus(Duration.ofHours(10))));
        assertThat(october.intersections()).isEmpty();
        assertThat(october.availability()).isNull();
    }

    @Test
    void givenFaultsAcrossIntersections_whenOpenFaultsAreAsked_thenTheOpenOnesOldestFirst_inOneCommuneWhenAsked() {
        status.on(registered(ONE, Commune.DIJON, T0));
        status.on(registered(TWO, Commune.CHENOVE, T0));
        status.on(new ControllerFaultRaised(TWO, "S-1", ControllerFaultKind.SIGNAL_GROUP, 3, "red out", Commune.CHENOVE, POSITION, T0.plusSeconds(10)));
        status.on(new ControllerFaultRaised(ONE, "D-1", ControllerFaultKind.DETECTOR, null, "loop 4", Commune.DIJON, POSITION, T0.plusSeconds(20)));
        status.on(new ControllerFaultRaised(ONE, "P-1", ControllerFaultKind.POWER, null, "mains", Commune.DIJON, POSITION, T0.plusSeconds(30)));
        status.on(new ControllerFaultCleared(ONE, "D-1", ControllerFaultKind.DETECTOR, null, T0.plusSeconds(40)));

        assertThat(status.handle(new FindOpenControllerFaults(null, new PageRequest(0, 50))).items())
                .extracting(OpenFaultAt::faultId).containsExactly("S-1", "P-1");
        var dijon = status.handle(new FindOpenControllerFaults(Commune.DIJON, new PageRequest(0, 50)));
        assertThat(dijon.items()).extracting(OpenFaultAt::intersectionId).containsExactly("TL-DIJ-042");
        assertThat(dijon.totalItems()).isEqualTo(1);
        assertThat(status.handle(new FindOpenControllerFaults(null, new PageRequest(1, 1))).items())
                .extracting(OpenFaultAt::faultId).containsExactly("P-1");
    }

    private void apply(Object... events) {
        for (Object event : events) {
            if (event instanceof PriorityRequested e) {
                priority.on(e);
            } else if (event instanceof PriorityGranted e) {
                priority.on(e);
            } else if (event instanceof PriorityRejected e) {
                priority.on(e);
            } else if (event instanceof PriorityRequestTimedOut e) {
                priority.on(e);
            } else if (event instanceof PriorityCheckedOut e) {
                priority.on(e);
            } else if (event instanceof IntersectionRegistered e) {
                availability.on(e);
            } else if (event instanceof ControllerModeChanged e) {
                availability.on(e);
            } else if (event instanceof ControllerFaultRaised e) {
                availability.on(e);
            } else if (event instanceof ControllerFaultCleared e) {
                availability.on(e);
            } else {
                throw new IllegalArgumentException(event.toString());
            }
        }
    }
}
