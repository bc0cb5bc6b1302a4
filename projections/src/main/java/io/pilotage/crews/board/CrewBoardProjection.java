package io.pilotage.crews.board;

import io.pilotage.shared.ReadModelGroups;
import io.pilotage.crews.CrewEvent.CrewCommitted;
import io.pilotage.crews.CrewEvent.CrewPositionReported;
import io.pilotage.crews.CrewEvent.CrewRegistered;
import io.pilotage.crews.CrewEvent.CrewReleased;
import io.pilotage.crews.CrewEvent.ShiftPlanned;
import io.pilotage.crews.CrewQueries.CrewBoard;
import io.pilotage.crews.CrewQueries.CrewStatus;
import io.pilotage.crews.CrewQueries.CrewView;
import io.pilotage.crews.CrewQueries.FindCrews;
import io.pilotage.shared.Skill;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The crew board: each crew's status (off shift, available, on an intervention), its current assignments
 * and last position. Status depends on the time of asking, so it is computed then from the stored shifts.
 */
@Component
@ProcessingGroup(CrewBoardProjection.PROCESSING_GROUP)
public class CrewBoardProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.OPERATIONS;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CrewBoardProjection(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventHandler
    void on(CrewRegistered event) {
        jdbc.update("INSERT INTO rm_crews_board (crew_id, skills, vehicle_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event.crewId(), event.skills().stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                event.vehicleId());
    }

    @EventHandler
    void on(ShiftPlanned event) {
        jdbc.update("INSERT INTO rm_crews_shift (crew_id, starts_at, ends_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                event.crewId(), Timestamp.from(event.start()), Timestamp.from(event.end()));
    }

    @EventHandler
    void on(CrewPositionReported event) {
        jdbc.update("""
                UPDATE rm_crews_board SET latitude = ?, longitude = ?, position_at = ?
                WHERE crew_id = ? AND (position_at IS NULL OR position_at < ?)""",
                event.position().latitude(), event.position().longitude(), Timestamp.from(event.at()), event.crewId(),
                Timestamp.from(event.at()));
    }

    @EventHandler
    void on(CrewCommitted event) {
        jdbc.update("INSERT INTO rm_crews_assignment (crew_id, intervention_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.crewId(), event.interventionId());
    }

    @EventHandler
    void on(CrewReleased event) {
        jdbc.update("DELETE FROM rm_crews_assignment WHERE crew_id = ? AND intervention_id = ?",
                event.crewId(), event.interventionId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_crews_assignment");
        jdbc.update("DELETE FROM rm_crews_shift");
        jdbc.update("DELETE FROM rm_crews_board");
    }

    /** 205 crews in Dijon: the whole board is read and filtered in memory. */
    @QueryHandler
    public CrewBoard handle(FindCrews query) {
        Instant now = clock.instant();
        Map<String, List<String>> assignments = new HashMap<>();
        jdbc.query("SELECT crew_id, intervention_id FROM rm_crews_assignment ORDER BY intervention_id", rs -> {
            assignments.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
        });
        Map<String, Instant> shiftEnds = new HashMap<>();
        Map<String, Instant> nextStarts = new HashMap<>();
        jdbc.query("SELECT crew_id, starts_at, ends_at FROM rm_crews_shift WHERE ends_at > ? ORDER BY starts_at",
                rs -> {
                    Instant start = rs.getTimestamp(2).toInstant();
                    Instant end = rs.getTimestamp(3).toInstant();
                    if (!start.isAfter(now)) {
                        shiftEnds.put(rs.getString(1), end);
                    } else {
                        nextStarts.putIfAbsent(rs.getString(1), start);
                    }
                }, Timestamp.from(now));
        List<CrewView> all = jdbc.query("SELECT * FROM rm_crews_board ORDER BY crew_id", (rs, row) -> {
            String crewId = rs.getString("crew_id");
            List<String> interventions = assignments.getOrDefault(crewId, List.of());
            CrewStatus status = !interventions.isEmpty() ? CrewStatus.ON_INTERVENTION
                    : shiftEnds.containsKey(crewId) ? CrewStatus.AVAILABLE : CrewStatus.OFF_SHIFT;
            Timestamp positionAt = rs.getTimestamp("position_at");
            return new CrewView(crewId, skills(rs.getString("skills")), rs.getString("vehicle_id"), status, interventions,
                    positionAt == null ? null : rs.getDouble("latitude"), positionAt == null ? null : rs.getDouble("longitude"),
                    positionAt == null ? null : positionAt.toInstant(), shiftEnds.get(crewId), nextStarts.get(crewId));
        });
        List<CrewView> matching = all.stream()
                .filter(crew -> query.status() == null || crew.status() == query.status())
                .filter(crew -> query.skill() == null || crew.skills().contains(query.skill()))
                .sorted(Comparator.comparing(CrewView::crewId))
                .toList();
        int from = (int) Math.min(matching.size(), query.page().offset());
        int to = Math.min(matching.size(), from + query.page().size());
        return new CrewBoard(matching.subList(from, to), query.page().page(), query.page().size(), matching.size());
    }

    private static Set<Skill> skills(String csv) {
        return Arrays.stream(csv.split(",")).map(Skill::valueOf).collect(Collectors.toSet());
    }
}
