package io.pilotage.traffic.status;

import io.pilotage.shared.BatchedWrites;
import io.pilotage.shared.Commune;
import io.pilotage.shared.ReadModelGroups;
import io.pilotage.traffic.ControllerFaultKind;
import io.pilotage.traffic.ControllerMode;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultCleared;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultRaised;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionEvent.IntersectionRegistered;
import io.pilotage.traffic.IntersectionEvent.SignalGroupPhaseChanged;
import io.pilotage.traffic.IntersectionEvent.TimingPlanChanged;
import io.pilotage.traffic.MovementPhaseState;
import io.pilotage.traffic.TrafficQueries.FindIntersectionStatus;
import io.pilotage.traffic.TrafficQueries.FindOpenControllerFaults;
import io.pilotage.traffic.TrafficQueries.OpenFaultAt;
import io.pilotage.traffic.TrafficQueries.OpenFaultsPage;
import io.pilotage.traffic.TrafficQueries.GroupStatus;
import io.pilotage.traffic.TrafficQueries.IntersectionStatus;
import io.pilotage.traffic.TrafficQueries.OpenControllerFault;
import io.pilotage.shared.SqlInstants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each intersection as its controller last reported it: every signal group's state, the controller's mode and timing
 * plan, its open faults. What the control room's traffic board shows. Phase changes (most of the traffic context's
 * events) are gathered per batch and each group's row written once with the batch's last report.
 */
@Component
@ProcessingGroup(IntersectionStatusProjection.PROCESSING_GROUP)
public class IntersectionStatusProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.TRAFFIC;

    private final JdbcTemplate jdbc;
    private final BatchedWrites.Rows<SignalGroupPhaseChanged> changes =
            new BatchedWrites.Rows<>(PROCESSING_GROUP, "intersection-status-phase-changes", this::update);

    public IntersectionStatusProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(IntersectionRegistered event) {
        String id = event.intersectionId().value();
        jdbc.update("""
                INSERT INTO rm_traffic_intersection (intersection_id, commune, latitude, longitude, mode, mode_since,
                    active_plan, registered_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)
                ON CONFLICT (intersection_id) DO NOTHING""", id, event.commune().name(), event.position().latitude(),
                event.position().longitude(), ControllerMode.NORMAL.name(), event.activePlan(), SqlInstants.write(event.registeredAt()),
                SqlInstants.write(event.registeredAt()));
        jdbc.batchUpdate("""
                INSERT INTO rm_traffic_signal_group (intersection_id, signal_group, movement) VALUES (?, ?, ?)
                ON CONFLICT (intersection_id, signal_group) DO NOTHING""", event.signalGroups(), event.signalGroups().size(),
                (insert, group) -> {
                    insert.setString(1, id);
                    insert.setInt(2, group.id());
                    insert.setString(3, group.movement());
                });
    }

    @EventHandler
    public void on(SignalGroupPhaseChanged event) {
        changes.add(event);
    }

    /** Each group's row takes the batch's last report for it, unless the row already holds a later one (a replay). */
    private void update(List<SignalGroupPhaseChanged> batch) {
        Map<String, SignalGroupPhaseChanged> last = new LinkedHashMap<>();
        batch.forEach(change -> last.put(change.intersectionId().value() + "/" + change.signalGroup(), change));
        List<SignalGroupPhaseChanged> rows = new ArrayList<>(last.values());
        jdbc.batchUpdate("""
                UPDATE rm_traffic_signal_group SET state = ?, since = ?, sequence = ?, likely_end = ?
                WHERE intersection_id = ? AND signal_group = ?
                  AND (since IS NULL OR since < ? OR (since = ? AND sequence < ?))""", rows, rows.size(), (update, change) -> {
            update.setString(1, change.state().name());
            update.setTimestamp(2, SqlInstants.write(change.controllerTime()));
            update.setLong(3, change.sequence());
            update.setTimestamp(4, SqlInstants.write(change.likelyEnd()));
            update.setString(5, change.intersectionId().value());
            update.setInt(6, change.signalGroup());
            update.setTimestamp(7, SqlInstants.write(change.controllerTime()));
            update.setTimestamp(8, SqlInstants.write(change.controllerTime()));
            update.setLong(9, change.sequence());
        });
        Map<String, Instant> received = new LinkedHashMap<>();
        batch.forEach(change -> received.merge(change.intersectionId().value(), change.receivedAt(),
                (one, other) -> one.isAfter(other) ? one : other));
        List<Map.Entry<String, Instant>> intersections = new ArrayList<>(received.entrySet());
        jdbc.batchUpdate("UPDATE rm_traffic_intersection SET updated_at = GREATEST(updated_at, ?) WHERE intersection_id = ?",
                intersections, intersections.size(), (update, entry) -> {
                    update.setTimestamp(1, SqlInstants.write(entry.getValue()));
                    update.setString(2, entry.getKey());
                });
    }

    /** {@code updatedAt} is the latest instant anything about the intersection was reported; it never goes back. */
    private void touch(String intersectionId, Instant at) {
        jdbc.update("UPDATE rm_traffic_intersection SET updated_at = GREATEST(updated_at, ?) WHERE intersection_id = ?",
                SqlInstants.write(at), intersectionId);
    }

    @EventHandler
    public void on(ControllerModeChanged event) {
        jdbc.update("""
                UPDATE rm_traffic_intersection SET mode = ?, mode_since = ?, updated_at = GREATEST(updated_at, ?)
                WHERE intersection_id = ? AND (mode_since IS NULL OR mode_since <= ?)""", event.to().name(), SqlInstants.write(event.at()),
                SqlInstants.write(event.at()), event.intersectionId().value(), SqlInstants.write(event.at()));
    }

    @EventHandler
    public void on(TimingPlanChanged event) {
        jdbc.update("UPDATE rm_traffic_intersection SET active_plan = ?, updated_at = GREATEST(updated_at, ?) WHERE intersection_id = ?",
                event.to(), SqlInstants.write(event.at()), event.intersectionId().value());
    }

    @EventHandler
    public void on(ControllerFaultRaised event) {
        jdbc.update("""
                INSERT INTO rm_traffic_fault (intersection_id, fault_id, raised_at, kind, signal_group, detail)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (intersection_id, fault_id, raised_at) DO UPDATE SET cleared_at = NULL""",
                event.intersectionId().value(), event.faultId(), SqlInstants.write(event.at()), event.kind().name(), event.signalGroup(),
                event.detail());
        touch(event.intersectionId().value(), event.at());
    }

    @EventHandler
    public void on(ControllerFaultCleared event) {
        jdbc.update("""
                UPDATE rm_traffic_fault SET cleared_at = ?
                WHERE intersection_id = ? AND fault_id = ? AND cleared_at IS NULL""", SqlInstants.write(event.at()),
                event.intersectionId().value(), event.faultId());
        touch(event.intersectionId().value(), event.at());
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM rm_traffic_fault");
        jdbc.update("DELETE FROM rm_traffic_signal_group");
        jdbc.update("DELETE FROM rm_traffic_intersection");
    }

    @QueryHandler
    public Optional<IntersectionStatus> handle(FindIntersectionStatus query) {
        List<GroupStatus> groups = jdbc.query("""
                SELECT signal_group, movement, state, since, likely_end FROM rm_traffic_signal_group
                WHERE intersection_id = ? ORDER BY signal_group""", (rs, row) -> new GroupStatus(rs.getInt("signal_group"),
                rs.getString("movement"), state(rs.getString("state")), SqlInstants.read(rs, "since"), SqlInstants.read(rs, "likely_end")),
                query.intersectionId());
        List<OpenControllerFault> faults = jdbc.query("""
                SELECT fault_id, kind, signal_group, detail, raised_at FROM rm_traffic_fault
                WHERE intersection_id = ? AND cleared_at IS NULL ORDER BY raised_at, fault_id""", (rs, row) ->
                new OpenControllerFault(rs.getString("fault_id"), ControllerFaultKind.valueOf(rs.getString("kind")),
                        (Integer) rs.getObject("signal_group", Integer.class), rs.getString("detail"), SqlInstants.read(rs, "raised_at")),
                query.intersectionId());
        return jdbc.query("SELECT * FROM rm_traffic_intersection WHERE intersection_id = ?", (rs, row) ->
                new IntersectionStatus(rs.getString("intersection_id"), Commune.valueOf(rs.getString("commune")),
                        rs.getDouble("latitude"), rs.getDouble("longitude"), ControllerMode.valueOf(rs.getString("mode")),
                        SqlInstants.read(rs, "mode_since"), rs.getString("active_plan"), groups, faults, SqlInstants.read(rs, "registered_at"),
                        SqlInstants.read(rs, "updated_at")), query.intersectionId()).stream().findFirst();
    }

    /** Faults open now across the metropole, the oldest first: the traffic board's list of what to send crews to. */
    @QueryHandler
    public OpenFaultsPage handle(FindOpenControllerFaults query) {
        String commune = query.commune() == null ? null : query.commune().name();
        List<OpenFaultAt> items = jdbc.query("""
                SELECT f.intersection_id, i.commune, i.latitude, i.longitude, f.fault_id, f.kind, f.signal_group, f.detail, f.raised_at
                FROM rm_traffic_fault f JOIN rm_traffic_intersection i ON i.intersection_id = f.intersection_id
                WHERE f.cleared_at IS NULL AND (?::text IS NULL OR i.commune = ?)
                ORDER BY f.raised_at, f.intersection_id, f.fault_id LIMIT ? OFFSET ?""", (rs, row) -> new OpenFaultAt(
                rs.getString("intersection_id"), Commune.valueOf(rs.getString("commune")), rs.getDouble("latitude"),
                rs.getDouble("longitude"), rs.getString("fault_id"), ControllerFaultKind.valueOf(rs.getString("kind")),
                (Integer) rs.getObject("signal_group", Integer.class), rs.getString("detail"), SqlInstants.read(rs, "raised_at")),
                commune, commune, query.page().size(), query.page().offset());
        Long total = jdbc.queryForObject("""
                SELECT count(*) FROM rm_traffic_fault f JOIN rm_traffic_intersection i ON i.intersection_id = f.intersection_id
                WHERE f.cleared_at IS NULL AND (?::text IS NULL OR i.commune = ?)""", Long.class, commune, commune);
        return new OpenFaultsPage(items, query.page().page(), query.page().size(), total == null ? 0 : total);
    }

    private static MovementPhaseState state(String name) {
        return name == null ? null : MovementPhaseState.valueOf(name);
    }
}
