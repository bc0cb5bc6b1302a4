package io.pilotage.traffic.availability;

import io.pilotage.shared.Commune;
import io.pilotage.shared.ReadModelGroups;
import io.pilotage.shared.SqlInstants;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultCleared;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultRaised;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionEvent.IntersectionRegistered;
import io.pilotage.traffic.TrafficQueries.FindSignalAvailability;
import io.pilotage.traffic.TrafficQueries.IntersectionAvailability;
import io.pilotage.traffic.TrafficQueries.SignalAvailability;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signal availability for the contract (domain.md: "not dark, flashing or faulted", target 99.5%): the spans during
 * which each intersection's signals were out, a dark or flashing controller or a fault that takes signals out
 * ({@link io.pilotage.traffic.ControllerFaultKind#takesSignalsOut()}). A month's figure is 1 - the union of those spans
 * (overlaps counted once, PostgreSQL multiranges) over the time observed: from the intersection's registration, to the
 * end of the month or the instant asked. Months are calendar months in UTC, as the other contract KPIs.
 */
@Component
@ProcessingGroup(SignalAvailabilityProjection.PROCESSING_GROUP)
public class SignalAvailabilityProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.TRAFFIC;
    static final String MODE = "mode";

    private final JdbcTemplate jdbc;

    public SignalAvailabilityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(IntersectionRegistered event) {
        jdbc.update("""
                INSERT INTO rm_traffic_availability_intersection (intersection_id, commune, registered_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", event.intersectionId().value(), event.commune().name(), SqlInstants.write(event.registeredAt()));
    }

    /** The aggregate records mode changes in the controller's order of time, so a span opens and closes in order. */
    @EventHandler
    public void on(ControllerModeChanged event) {
        String id = event.intersectionId().value();
        if (event.from().leavesIntersectionUncontrolled() && !event.to().leavesIntersectionUncontrolled()) {
            close(id, MODE, event.at());
        } else if (!event.from().leavesIntersectionUncontrolled() && event.to().leavesIntersectionUncontrolled()) {
            open(id, MODE, event.at());
        }
    }

    @EventHandler
    public void on(ControllerFaultRaised event) {
        if (event.kind().takesSignalsOut()) {
            open(event.intersectionId().value(), "fault:" + event.faultId(), event.at());
        }
    }

    @EventHandler
    public void on(ControllerFaultCleared event) {
        if (event.kind().takesSignalsOut()) {
            close(event.intersectionId().value(), "fault:" + event.faultId(), event.at());
        }
    }

    private void open(String intersectionId, String cause, Instant at) {
        jdbc.update("INSERT INTO rm_traffic_outage (intersection_id, cause, started_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                intersectionId, cause, SqlInstants.write(at));
    }

    /** Closes the cause's open span, if any (seen twice, the second finds none open). */
    private void close(String intersectionId, String cause, Instant at) {
        jdbc.update("""
                UPDATE rm_traffic_outage SET ended_at = GREATEST(started_at, ?)
                WHERE intersection_id = ? AND cause = ? AND ended_at IS NULL""", SqlInstants.write(at), intersectionId, cause);
    }

    @ResetHandler
    public void reset() {
        jdbc.update("DELETE FROM rm_traffic_outage");
        jdbc.update("DELETE FROM rm_traffic_availability_intersection");
    }

    @QueryHandler
    public SignalAvailability handle(FindSignalAvailability query) {
        Instant from = query.month().atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant monthEnd = query.month().plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = query.asOf().isBefore(monthEnd) ? query.asOf() : monthEnd;
        long[] seconds = new long[2];
        List<IntersectionAvailability> rows = to.isAfter(from) ? jdbc.query("""
                WITH observed AS (
                    SELECT intersection_id, commune, tstzrange(GREATEST(registered_at, ?), ?) AS period
                    FROM rm_traffic_availability_intersection WHERE registered_at < ?),
                out AS (
                    SELECT o.intersection_id, range_agg(tstzrange(s.started_at, COALESCE(s.ended_at, 'infinity'))) * tstzmultirange(o.period) AS spans
                    FROM observed o JOIN rm_traffic_outage s ON s.intersection_id = o.intersection_id
                    WHERE s.started_at < upper(o.period) AND (s.ended_at IS NULL OR s.ended_at > lower(o.period))
                    GROUP BY o.intersection_id, o.period)
                SELECT o.intersection_id, o.commune,
                       EXTRACT(EPOCH FROM upper(o.period) - lower(o.period))::bigint AS observed_s,
                       COALESCE((SELECT sum(EXTRACT(EPOCH FROM upper(r) - lower(r)))::bigint FROM unnest(u.spans) AS r), 0) AS out_s
                FROM observed o LEFT JOIN out u ON u.intersection_id = o.intersection_id
                ORDER BY o.intersection_id""", (rs, n) -> {
            long observed = rs.getLong("observed_s");
            long out = rs.getLong("out_s");
            seconds[0] += observed;
            seconds[1] += out;
            return new IntersectionAvailability(rs.getString("intersection_id"), Commune.valueOf(rs.getString("commune")),
                    ratio(observed, out), observed / 60, out / 60);
        }, SqlInstants.write(from), SqlInstants.write(to), SqlInstants.write(to)) : List.of();
        return new SignalAvailability(query.month(), from, to, ratio(seconds[0], seconds[1]), seconds[0] / 60, seconds[1] / 60, rows);
    }

    private static Double ratio(long observed, long out) {
        return observed <= 0 ? null : Math.round(1_000_000.0 * (observed - out) / observed) / 1_000_000.0;
    }
}
