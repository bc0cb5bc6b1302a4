package io.pilotage.crews.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReplayContract;
import io.pilotage.ReadModelDatabase;
import io.pilotage.crews.CrewEvent.CrewCommitted;
import io.pilotage.crews.CrewEvent.CrewPositionReported;
import io.pilotage.crews.CrewEvent.CrewRegistered;
import io.pilotage.crews.CrewEvent.CrewReleased;
import io.pilotage.crews.CrewEvent.ShiftPlanned;
import io.pilotage.shared.Skill;
import io.pilotage.shared.GeoPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The crew board rebuilds by replay: the same history applied again, or after a reset, leaves the same rows. */
class CrewBoardReplayTest extends ReplayContract {

    static final Instant T0 = Instant.parse("2026-11-02T06:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    EventFeed feed;

    @BeforeEach
    void setUp() {
        database.truncate();
        feed = new EventFeed(new CrewBoardProjection(database.jdbc(), Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC)));
    }

    /** Two crews: shifts today and tomorrow, positions reported out of order, assignments taken and released. */
    @Override
    protected List<Object> history() {
        Duration shift = Duration.ofHours(8);
        Instant tomorrow = T0.plus(Duration.ofDays(1));
        return List.of(
                new CrewRegistered("CREW-1", Set.of(Skill.LIGHTING, Skill.TRAFFIC), "VAN-1", T0.minusSeconds(86_400)),
                new CrewRegistered("CREW-2", Set.of(Skill.ROADWORKS), "TRUCK-2", T0.minusSeconds(86_400)),
                new ShiftPlanned("CREW-1", T0, T0.plus(shift)),
                new ShiftPlanned("CREW-1", tomorrow, tomorrow.plus(shift)),
                new ShiftPlanned("CREW-2", T0.plusSeconds(7200), T0.plusSeconds(7200).plus(shift)),
                new CrewPositionReported("CREW-1", new GeoPosition(47.32, 5.04), T0.plusSeconds(600)),
                new CrewPositionReported("CREW-1", new GeoPosition(47.30, 5.00), T0.plusSeconds(300)),
                new CrewCommitted("CREW-1", "I-1", false, T0.plusSeconds(900)),
                new CrewCommitted("CREW-1", "I-2", true, T0.plusSeconds(950)),
                new CrewReleased("CREW-1", "I-1", T0.plusSeconds(3000)),
                new CrewCommitted("CREW-2", "I-3", false, T0.plusSeconds(7300)),
                new CrewReleased("CREW-2", "I-3", T0.plusSeconds(9000)),
                new CrewPositionReported("CREW-2", new GeoPosition(47.35, 5.06), T0.plusSeconds(9100)));
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
        assertThat(rows.get("rm_crews_board")).hasSize(2);
        assertThat(rows.get("rm_crews_assignment")).hasSize(1);
    }
}
