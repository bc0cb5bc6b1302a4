package io.pilotage.traffic.priority;

import io.pilotage.shared.ReadModelGroups;
import io.pilotage.shared.SqlInstants;
import io.pilotage.traffic.PriorityOutcome;
import io.pilotage.traffic.PriorityRejection;
import io.pilotage.traffic.PriorityRequestEvent.PriorityCheckedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityGranted;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRejected;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequestTimedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequested;
import io.pilotage.traffic.TrafficQueries.FindPriorityRequest;
import io.pilotage.traffic.TrafficQueries.FindPriorityStatistics;
import io.pilotage.traffic.TrafficQueries.PriorityRequestView;
import io.pilotage.traffic.TrafficQueries.PriorityStatistics;
import io.pilotage.traffic.TrafficQueries.PriorityStatisticsRow;
import io.pilotage.traffic.TrafficQueries.RejectionCount;
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
 * Every bus priority request and how it ended, to answer why a bus did not get its green and to count, per intersection
 * and line, the requests, the grant rate and the rejections by reason. An answer is written only over a pending
 * request (an id has at most one: its latest), so the first answer stands, as in the aggregate, and seeing an event
 * twice changes nothing. A reused number's requests are rows of their own.
 */
@Component
@ProcessingGroup(PriorityProjection.PROCESSING_GROUP)
public class PriorityProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.TRAFFIC;

    private final JdbcTemplate jdbc;

    public PriorityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(PriorityRequested event) {
        jdbc.update("""
                INSERT INTO rm_traffic_priority_request (request_id, intersection_id, vehicle_id, line, signal_group, lateness_s,
                    requested_at, answer_by, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", event.requestId().value(), event.intersectionId().value(),
                event.vehicleId(), event.line(), event.signalGroup(), event.latenessSeconds(), SqlInstants.write(event.requestedAt()),
                SqlInstants.write(event.answerBy()), PriorityOutcome.PENDING.name());
    }

    @EventHandler
    public void on(PriorityGranted event) {
        answer(event.requestId().value(), PriorityOutcome.GRANTED, null, event.at());
    }

    @EventHandler
    public void on(PriorityRejected event) {
        answer(event.requestId().value(), PriorityOutcome.REJECTED, event.reason(), event.at());
    }

    @EventHandler
    public void on(PriorityRequestTimedOut event) {
        answer(event.requestId().value(), PriorityOutcome.TIMED_OUT, null, event.at());
    }

    private void answer(String requestId, PriorityOutcome outcome, PriorityRejection reason, java.time.Instant at) {
        jdbc.update("UPDATE rm_traffic_priority_request SET outcome = ?, reason = ?, answered_at = ? WHERE request_id = ? AND outcome = ?",
                outcome.name(), reason == null ? null : reason.name(), SqlInstants.write(at), requestId, PriorityOutcome.PENDING.name());
    }

    @EventHandler
    public void on(PriorityCheckedOut event) {
        jdbc.update("""
                UPDATE rm_traffic_priority_request SET checked_out_at = ?
                WHERE request_id = ? AND checked_out_at IS NULL
                  AND requested_at = (SELECT max(requested_at) FROM rm_traffic_priority_request WHERE request_id = ?)""",
                SqlInstants.write(event.at()), event.requestId().value(), event.requestId().value());
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM rm_traffic_priority_request");
    }

    /** The latest request under the id. */
    @QueryHandler
    public Optional<PriorityRequestView> handle(FindPriorityRequest query) {
        return jdbc.query("SELECT * FROM rm_traffic_priority_request WHERE request_id = ? ORDER BY requested_at DESC LIMIT 1",
                (rs, row) -> new PriorityRequestView(
                        rs.getString("request_id"), rs.getString("intersection_id"), rs.getString("vehicle_id"), rs.getString("line"),
                        rs.getInt("signal_group"), rs.getInt("lateness_s"), SqlInstants.read(rs, "requested_at"),
                        SqlInstants.read(rs, "answer_by"), PriorityOutcome.valueOf(rs.getString("outcome")),
                        rs.getString("reason") == null ? null : PriorityRejection.valueOf(rs.getString("reason")),
                        SqlInstants.read(rs, "answered_at"), SqlInstants.read(rs, "checked_out_at")), query.requestId()).stream().findFirst();
    }

    @QueryHandler
    public PriorityStatistics handle(FindPriorityStatistics query) {
        Object[] range = {SqlInstants.write(query.from()), SqlInstants.write(query.to()), query.intersectionId(), query.intersectionId(),
                query.line(), query.line()};
        String where = """
                WHERE requested_at >= ? AND requested_at < ? AND (?::text IS NULL OR intersection_id = ?)
                  AND (?::text IS NULL OR line = ?)""";
        Map<String, List<RejectionCount>> rejections = new LinkedHashMap<>();
        jdbc.query("SELECT intersection_id, line, reason, count(*) AS n FROM rm_traffic_priority_request " + where
                        + " AND outcome = 'REJECTED' GROUP BY intersection_id, line, reason ORDER BY intersection_id, line, n DESC, reason",
                rs -> {
                    rejections.computeIfAbsent(rs.getString("intersection_id") + "\u0000" + rs.getString("line"), key -> new ArrayList<>())
                            .add(new RejectionCount(PriorityRejection.valueOf(rs.getString("reason")), rs.getLong("n")));
                }, range);
        List<PriorityStatisticsRow> rows = jdbc.query("""
                SELECT intersection_id, line, count(*) AS requests,
                       count(*) FILTER (WHERE outcome = 'GRANTED') AS granted,
                       count(*) FILTER (WHERE outcome = 'REJECTED') AS rejected,
                       count(*) FILTER (WHERE outcome = 'TIMED_OUT') AS timed_out,
                       count(*) FILTER (WHERE outcome = 'PENDING') AS pending
                FROM rm_traffic_priority_request
                """ + where + " GROUP BY intersection_id, line ORDER BY intersection_id, line", (rs, n) -> {
            long granted = rs.getLong("granted");
            long decided = granted + rs.getLong("rejected") + rs.getLong("timed_out");
            return new PriorityStatisticsRow(rs.getString("intersection_id"), rs.getString("line"), rs.getLong("requests"), granted,
                    rs.getLong("rejected"), rs.getLong("timed_out"), rs.getLong("pending"),
                    decided == 0 ? null : Math.round(10_000.0 * granted / decided) / 10_000.0,
                    rejections.getOrDefault(rs.getString("intersection_id") + "\u0000" + rs.getString("line"), List.of()));
        }, range);
        return new PriorityStatistics(query.from(), query.to(), rows);
    }
}
