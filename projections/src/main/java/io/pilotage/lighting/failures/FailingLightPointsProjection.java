package io.pilotage.lighting.failures;

import io.pilotage.shared.BatchedWrites;
import io.pilotage.shared.ReadModelGroups;
import io.pilotage.shared.Commune;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightingQueries.FailingLightPoint;
import io.pilotage.lighting.LightingQueries.FailingLightPoints;
import io.pilotage.lighting.LightingQueries.FindFailingLightPoints;
import io.pilotage.lighting.StreetlightStatus;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The light points failing now, per commune, with since when: the operators' list of what to send crews
 * to, longest failing first.
 */
@Component
@ProcessingGroup(FailingLightPointsProjection.PROCESSING_GROUP)
public class FailingLightPointsProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.LIGHTING;

    private final JdbcTemplate jdbc;
    /**
     * The registrations of this processor batch (an import brings thousands), inserted together before it commits or
     * before any other event of this read model is applied.
     */
    private final BatchedWrites.Rows<LightPointRegistered> registrations =
            new BatchedWrites.Rows<>(PROCESSING_GROUP, "failing-point-registrations", this::insert);

    public FailingLightPointsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LightPointRegistered event) {
        registrations.add(event);
    }

    private void insert(List<LightPointRegistered> registrations) {
        jdbc.batchUpdate("INSERT INTO rm_lighting_failing_point (light_point_id, commune) VALUES (?, ?) ON CONFLICT DO NOTHING",
                registrations, registrations.size(), (insert, event) -> {
                    insert.setString(1, event.lightPointId().value());
                    insert.setString(2, event.commune().name());
                });
    }

    @EventHandler
    void on(LampFailureReported event) {
        registrations.flush();
        jdbc.update("""
                INSERT INTO rm_lighting_failing_failure (light_point_id, failure_id, commune, kind, observed_at, reported_at)
                SELECT p.light_point_id, ?, p.commune, ?, ?, ? FROM rm_lighting_failing_point p WHERE p.light_point_id = ?
                ON CONFLICT DO NOTHING""",
                event.failureId(), event.kind().name(), Timestamp.from(event.observedAt()),
                Timestamp.from(event.reportedAt()), event.lightPointId().value());
    }

    @EventHandler
    void on(LampRepaired event) {
        registrations.flush();
        jdbc.update("DELETE FROM rm_lighting_failing_failure WHERE light_point_id = ? AND failure_id = ?",
                event.lightPointId().value(), event.failureId());
    }

    @EventHandler
    void on(LightPointDecommissioned event) {
        registrations.flush();
        jdbc.update("DELETE FROM rm_lighting_failing_failure WHERE light_point_id = ?", event.lightPointId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_lighting_failing_failure");
        jdbc.update("DELETE FROM rm_lighting_failing_point");
    }

    @QueryHandler
    public FailingLightPoints handle(FindFailingLightPoints query) {
        String filter = query.commune() == null ? "" : "WHERE commune = ?";
        Object[] filterArgs = query.commune() == null ? new Object[0] : new Object[] {query.commune().name()};
        Long total = jdbc.queryForObject(
                "SELECT count(DISTINCT light_point_id) FROM rm_lighting_failing_failure " + filter, Long.class, filterArgs);
        Object[] pageArgs = Arrays.copyOf(filterArgs, filterArgs.length + 2);
        pageArgs[filterArgs.length] = query.page().size();
        pageArgs[filterArgs.length + 1] = query.page().offset();
        List<FailingLightPoint> items = jdbc.query("""
                SELECT light_point_id, commune, array_agg(kind ORDER BY kind) AS kinds,
                       min(observed_at) AS failing_since, max(reported_at) AS last_reported_at
                FROM rm_lighting_failing_failure %s
                GROUP BY light_point_id, commune
                ORDER BY failing_since, light_point_id
                LIMIT ? OFFSET ?""".formatted(filter), (rs, row) -> {
            List<FailureKind> kinds = kinds(rs.getArray("kinds"));
            StreetlightStatus status = kinds.stream().map(FailureKind::status)
                    .max(Comparator.comparingInt(StreetlightStatus::severity)).orElse(StreetlightStatus.OK);
            return new FailingLightPoint(rs.getString("light_point_id"), Commune.valueOf(rs.getString("commune")),
                    status, kinds, rs.getTimestamp("failing_since").toInstant(),
                    rs.getTimestamp("last_reported_at").toInstant());
        }, pageArgs);
        return new FailingLightPoints(items, query.page().page(), query.page().size(), total == null ? 0 : total);
    }

    private static List<FailureKind> kinds(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(kind -> FailureKind.valueOf((String) kind)).toList();
    }
}
