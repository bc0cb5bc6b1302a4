package io.pilotage.traffic.history;

import io.pilotage.shared.BatchedWrites;
import io.pilotage.shared.ReadModelGroups;
import io.pilotage.traffic.ControllerMode;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionEvent.IntersectionRegistered;
import io.pilotage.traffic.IntersectionEvent.SignalGroupPhaseChanged;
import io.pilotage.traffic.MovementPhaseState;
import io.pilotage.traffic.SignalGroup;
import io.pilotage.traffic.TerminationCause;
import io.pilotage.traffic.TrafficQueries.FindSignalStateAt;
import io.pilotage.traffic.TrafficQueries.GroupStateAt;
import io.pilotage.traffic.TrafficQueries.SignalStateAt;
import io.pilotage.shared.SqlInstants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every phase change an intersection's controller reported, kept, so that "what did the signals show at 17:42:05" is
 * answered from the record: per signal group, the last report at or before that instant by the controller's clock
 * (one backward step of the primary key's index per group, whatever the history's length). Phase changes are
 * inserted per batch; a replayed one inserts nothing.
 */
@Component
@ProcessingGroup(SignalHistoryProjection.PROCESSING_GROUP)
public class SignalHistoryProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.TRAFFIC;

    private final JdbcTemplate jdbc;
    private final BatchedWrites.Rows<SignalGroupPhaseChanged> changes =
            new BatchedWrites.Rows<>(PROCESSING_GROUP, "signal-history-phase-changes", this::insert);

    public SignalHistoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(IntersectionRegistered event) {
        String groups = event.signalGroups().stream().map(SignalGroup::id).map(String::valueOf)
                .collect(Collectors.joining(",", "{", "}"));
        jdbc.update("""
                INSERT INTO rm_traffic_history_intersection (intersection_id, signal_groups, registered_at)
                VALUES (?, CAST(? AS INTEGER[]), ?) ON CONFLICT (intersection_id) DO NOTHING""",
                event.intersectionId().value(), groups, Timestamp.from(event.registeredAt()));
    }

    @EventHandler
    public void on(SignalGroupPhaseChanged event) {
        changes.add(event);
    }

    private void insert(List<SignalGroupPhaseChanged> batch) {
        jdbc.batchUpdate("""
                INSERT INTO rm_traffic_phase (intersection_id, signal_group, controller_time, sequence, state, received_at,
                    min_end, max_end, likely_end, cause, timing_plan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", batch, batch.size(), (insert, change) -> {
            insert.setString(1, change.intersectionId().value());
            insert.setInt(2, change.signalGroup());
            insert.setTimestamp(3, SqlInstants.write(change.controllerTime()));
            insert.setLong(4, change.sequence());
            insert.setString(5, change.state().name());
            insert.setTimestamp(6, SqlInstants.write(change.receivedAt()));
            insert.setTimestamp(7, SqlInstants.write(change.minEnd()));
            insert.setTimestamp(8, SqlInstants.write(change.maxEnd()));
            insert.setTimestamp(9, SqlInstants.write(change.likelyEnd()));
            insert.setString(10, change.cause() == null ? null : change.cause().name());
            insert.setString(11, change.timingPlan());
        });
    }

    @EventHandler
    public void on(ControllerModeChanged event, @SequenceNumber long streamSequence) {
        jdbc.update("""
                INSERT INTO rm_traffic_mode (intersection_id, stream_sequence, since, mode) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", event.intersectionId().value(), streamSequence, Timestamp.from(event.at()),
                event.to().name());
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM rm_traffic_phase");
        jdbc.update("DELETE FROM rm_traffic_mode");
        jdbc.update("DELETE FROM rm_traffic_history_intersection");
    }

    /** Empty for an intersection never registered; each registered group, unknown (all null) before its first report. */
    @QueryHandler
    public Optional<SignalStateAt> handle(FindSignalStateAt query) {
        Timestamp at = Timestamp.from(query.at());
        Optional<ModeAt> modeAt = jdbc.query("""
                SELECT i.registered_at, m.mode, m.since FROM rm_traffic_history_intersection i
                LEFT JOIN LATERAL (
                    SELECT mode, since FROM rm_traffic_mode
                    WHERE intersection_id = i.intersection_id AND since <= ?
                    ORDER BY since DESC, stream_sequence DESC LIMIT 1) m ON true
                WHERE i.intersection_id = ?""", (rs, row) -> ModeAt.of(query.at(), SqlInstants.read(rs, "registered_at"),
                rs.getString("mode"), SqlInstants.read(rs, "since")), at, query.intersectionId()).stream().findFirst();
        if (modeAt.isEmpty()) {
            return Optional.empty();
        }
        List<GroupStateAt> groups = jdbc.query("""
                SELECT g.signal_group, p.state, p.controller_time, p.sequence, p.min_end, p.max_end, p.likely_end, p.cause,
                       p.timing_plan
                FROM rm_traffic_history_intersection i
                CROSS JOIN LATERAL unnest(i.signal_groups) AS g(signal_group)
                LEFT JOIN LATERAL (
                    SELECT * FROM rm_traffic_phase p
                    WHERE p.intersection_id = i.intersection_id AND p.signal_group = g.signal_group AND p.controller_time <= ?
                    ORDER BY p.controller_time DESC, p.sequence DESC LIMIT 1) p ON true
                WHERE i.intersection_id = ?
                ORDER BY g.signal_group""", (rs, row) -> new GroupStateAt(rs.getInt("signal_group"),
                rs.getString("state") == null ? null : MovementPhaseState.valueOf(rs.getString("state")),
                SqlInstants.read(rs, "controller_time"), rs.getObject("sequence", Long.class), SqlInstants.read(rs, "min_end"),
                SqlInstants.read(rs, "max_end"), SqlInstants.read(rs, "likely_end"),
                rs.getString("cause") == null ? null : TerminationCause.valueOf(rs.getString("cause")),
                rs.getString("timing_plan")), at, query.intersectionId());
        return Optional.of(new SignalStateAt(query.intersectionId(), query.at(), modeAt.get().mode(), modeAt.get().since(), groups));
    }

    /** The mode at an instant: the last change at or before it, else normal from the registration, else none yet. */
    private record ModeAt(ControllerMode mode, Instant since) {

        static ModeAt of(Instant at, Instant registeredAt, String changedTo, Instant changedAt) {
            if (changedTo != null) {
                return new ModeAt(ControllerMode.valueOf(changedTo), changedAt);
            }
            return at.isBefore(registeredAt) ? new ModeAt(null, null) : new ModeAt(ControllerMode.NORMAL, registeredAt);
        }
    }
}
