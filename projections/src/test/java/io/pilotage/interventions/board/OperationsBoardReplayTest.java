package io.pilotage.interventions.board;

import static io.pilotage.EventFeed.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReplayContract;
import io.pilotage.ReadModelDatabase;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.DeadlineKind;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionEvent;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.CrewArrived;
import io.pilotage.interventions.InterventionEvent.CrewAssigned;
import io.pilotage.interventions.InterventionEvent.CrewDeparted;
import io.pilotage.interventions.InterventionEvent.DeadlineMissed;
import io.pilotage.interventions.InterventionEvent.InterventionCancelled;
import io.pilotage.interventions.InterventionEvent.InterventionClosed;
import io.pilotage.interventions.InterventionEvent.InterventionMadeSafe;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionQualified;
import io.pilotage.interventions.InterventionEvent.InterventionReopened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.MetadataKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operations board rebuilds by replay: the same history applied again, or after a reset, leaves the same
 * rows. A history covers every event the board handles, pauses included, since pause arithmetic is where a
 * second delivery would count twice.
 */
class OperationsBoardReplayTest extends ReplayContract {

    static final Instant T0 = Instant.parse("2026-11-02T17:00:00Z");
    static final ContractDeadlines P1 = new ContractDeadlines(Duration.ofHours(2), Duration.ofHours(24));
    static final ContractDeadlines P3 = new ContractDeadlines(null, Duration.ofHours(72));

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    EventFeed feed;

    @BeforeEach
    void setUp() {
        database.truncate();
        feed = new EventFeed(new OperationsBoardProjection(database.jdbc(), Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC),
                SimpleQueryUpdateEmitter.builder().build()));
    }

    private static InterventionOpened opened(String id, Priority priority, ContractDeadlines deadlines, Instant at) {
        return new InterventionOpened(id, InterventionSource.LAMP_FAILURE, "F-" + id, "LP-" + id, Category.LIGHTING,
                Commune.DIJON, new GeoPosition(47.32, 5.04), priority, deadlines, 1, at);
    }

    private static Object paused(String id, PauseReason reason, Instant at) {
        return event(new ClockPaused(id, reason, at), Map.of(MetadataKeys.ACTOR_ID, "operator-7"));
    }

    /**
     * One intervention through its whole life, one cancelled while paused, one reopened, paused twice and paused
     * again, one whose last event is a resume.
     */
    @Override
    protected List<Object> history() {
        return List.of(
                opened("I-1", Priority.P3, P3, T0),
                new InterventionQualified("I-1", Priority.P1, Category.LIGHTING, P1, "column leaning", T0.plusSeconds(60)),
                new CrewAssigned("I-1", "CREW-1", false, T0.plusSeconds(120)),
                new CrewDeparted("I-1", "CREW-1", T0.plusSeconds(180)),
                new InterventionEvent.FaultAttached("I-1", "LP-I-1B", "F-I-1B", T0.plusSeconds(200)),
                paused("I-1", PauseReason.ACCESS_IMPOSSIBLE, T0.plusSeconds(600)),
                new ClockResumed("I-1", Duration.ofSeconds(1200), T0.plusSeconds(1800)),
                new CrewArrived("I-1", "CREW-1", T0.plusSeconds(2400)),
                new InterventionMadeSafe("I-1", T0.plusSeconds(3000)),
                new InterventionResolved("I-1", Resolution.REPAIRED, InterventionSource.LAMP_FAILURE, "F-I-1", "LP-I-1",
                        "CREW-1", T0.plusSeconds(5000), List.of(new InterventionEvent.AttachedFault("LP-I-1B", "F-I-1B"))),
                new InterventionClosed("I-1", T0.plusSeconds(6000)),

                opened("I-2", Priority.P1, P1, T0.plusSeconds(10)),
                new CrewAssigned("I-2", "CREW-2", true, T0.plusSeconds(100)),
                paused("I-2", PauseReason.WEATHER_ALERT, T0.plusSeconds(200)),
                new DeadlineMissed("I-2", DeadlineKind.MAKE_SAFE, T0.plusSeconds(7210), Duration.ofSeconds(5),
                        T0.plusSeconds(7215)),
                new InterventionCancelled("I-2", "duplicate", "CREW-2", T0.plusSeconds(8000)),

                opened("I-3", Priority.P3, P3, T0.plusSeconds(20)),
                new InterventionResolved("I-3", Resolution.NO_FAULT_FOUND, InterventionSource.LAMP_FAILURE, "F-I-3",
                        "LP-I-3", null, T0.plusSeconds(900), java.util.List.of()),
                new InterventionReopened("I-3", "still dark", T0.plusSeconds(1000)),
                paused("I-3", PauseReason.THIRD_PARTY_NETWORK_OUTAGE, T0.plusSeconds(1100)),
                new ClockResumed("I-3", Duration.ofSeconds(400), T0.plusSeconds(1500)),
                paused("I-3", PauseReason.AWAITING_POLICE_REPORT, T0.plusSeconds(2000)),
                new ClockResumed("I-3", Duration.ofSeconds(1000), T0.plusSeconds(3000)),
                paused("I-3", PauseReason.SNOW_PLAN_ACTIVE, T0.plusSeconds(4000)),

                opened("I-4", Priority.P3, P3, T0.plusSeconds(30)),
                paused("I-4", PauseReason.ACCESS_IMPOSSIBLE, T0.plusSeconds(500)),
                new ClockResumed("I-4", Duration.ofSeconds(100), T0.plusSeconds(600)));
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
    protected void checkOnePass(Map<String, List<Map<String, Object>>> rows) {
        assertThat(rows.get("rm_interventions_board")).hasSize(4);
        assertThat(rows.get("rm_interventions_pause")).hasSize(6);
        assertThat(rows.get("rm_interventions_fault")).hasSize(1);
    }
}
