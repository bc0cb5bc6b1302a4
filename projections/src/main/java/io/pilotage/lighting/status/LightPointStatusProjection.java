package io.pilotage.lighting.status;

import io.pilotage.shared.BatchedWrites;
import io.pilotage.shared.ReadModelGroups;
import io.pilotage.shared.Commune;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPointEvent.DimmingProgramApplied;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightingQueries.FindLightPoint;
import io.pilotage.lighting.LightingQueries.FindNearestLightPoint;
import io.pilotage.lighting.LightingQueries.LightPointView;
import io.pilotage.lighting.LightingQueries.OpenFailure;
import io.pilotage.lighting.StreetlightStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each light point's current status in the FIWARE Streetlight vocabulary, with its open failures: what
 * operators look up when a citizen calls about a lamp.
 */
@Component
@ProcessingGroup(LightPointStatusProjection.PROCESSING_GROUP)
public class LightPointStatusProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.LIGHTING;

    private final JdbcTemplate jdbc;
    /**
     * The registrations of this processor batch (an import brings thousands), inserted together before it commits or
     * before any other event of this read model is applied.
     */
    private final BatchedWrites.Rows<LightPointRegistered> registrations =
            new BatchedWrites.Rows<>(PROCESSING_GROUP, "light-point-status-registrations", this::insert);

    public LightPointStatusProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LightPointRegistered event) {
        registrations.add(event);
    }

    private void insert(List<LightPointRegistered> registrations) {
        jdbc.batchUpdate("""
                INSERT INTO rm_lighting_light_point (light_point_id, commune, latitude, longitude, cabinet_id,
                    rated_power_w, legacy_power_w, technology, status, registered_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (light_point_id) DO NOTHING""", registrations, registrations.size(), (insert, event) -> {
            insert.setString(1, event.lightPointId().value());
            insert.setString(2, event.commune().name());
            insert.setDouble(3, event.position().latitude());
            insert.setDouble(4, event.position().longitude());
            insert.setString(5, event.cabinetId().value());
            insert.setInt(6, event.ratedPowerW());
            insert.setInt(7, event.legacyPowerW());
            insert.setString(8, event.technology().name());
            insert.setString(9, StreetlightStatus.OK.name());
            insert.setTimestamp(10, ts(event.registeredAt()));
            insert.setTimestamp(11, ts(event.registeredAt()));
        });
    }

    @EventHandler
    void on(LampFailureReported event) {
        registrations.flush();
        jdbc.update("""
                INSERT INTO rm_lighting_light_point_failure (light_point_id, failure_id, kind, source, observed_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.lightPointId().value(), event.failureId(), event.kind().name(), event.source().name(),
                ts(event.observedAt()));
        refreshStatus(event.lightPointId().value(), event.reportedAt());
    }

    @EventHandler
    void on(LampRepaired event) {
        registrations.flush();
        jdbc.update("DELETE FROM rm_lighting_light_point_failure WHERE light_point_id = ? AND failure_id = ?",
                event.lightPointId().value(), event.failureId());
        refreshStatus(event.lightPointId().value(), event.repairedAt());
    }

    @EventHandler
    void on(DimmingProgramApplied event) {
        registrations.flush();
        jdbc.update("UPDATE rm_lighting_light_point SET dimming_program = ?, updated_at = ? WHERE light_point_id = ?",
                event.program().name(), ts(event.appliedAt()), event.lightPointId().value());
    }

    @EventHandler
    void on(LightPointDecommissioned event) {
        registrations.flush();
        jdbc.update("DELETE FROM rm_lighting_light_point_failure WHERE light_point_id = ?", event.lightPointId().value());
        jdbc.update("UPDATE rm_lighting_light_point SET status = ?, updated_at = ? WHERE light_point_id = ?",
                StreetlightStatus.DECOMMISSIONED.name(), ts(event.decommissionedAt()), event.lightPointId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_lighting_light_point_failure");
        jdbc.update("DELETE FROM rm_lighting_light_point");
    }

    @QueryHandler
    public Optional<LightPointView> handle(FindLightPoint query) {
        List<OpenFailure> failures = openFailures(query.lightPointId());
        return jdbc.query("SELECT * FROM rm_lighting_light_point WHERE light_point_id = ?", (rs, row) ->
                new LightPointView(rs.getString("light_point_id"), Commune.valueOf(rs.getString("commune")),
                        rs.getDouble("latitude"), rs.getDouble("longitude"), rs.getString("cabinet_id"),
                        rs.getInt("rated_power_w"), rs.getInt("legacy_power_w"),
                        LampTechnology.valueOf(rs.getString("technology")),
                        StreetlightStatus.valueOf(rs.getString("status")), failures,
                        rs.getString("dimming_program"), rs.getTimestamp("registered_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()), query.lightPointId()).stream().findFirst();
    }

    /**
     * The nearest point in service within the distance: a box around the position narrows the candidates through the
     * position index, then the equirectangular distance (exact enough at a few hundred metres) orders them.
     */
    @QueryHandler
    public Optional<LightPointView> handle(FindNearestLightPoint query) {
        double latitude = query.position().latitude();
        double longitude = query.position().longitude();
        double metresPerDegree = 111_320;
        double cos = Math.max(Math.cos(Math.toRadians(latitude)), 0.01);
        double dLat = query.withinMetres() / metresPerDegree;
        double dLon = query.withinMetres() / (metresPerDegree * cos);
        return jdbc.queryForList("""
                SELECT light_point_id FROM (
                    SELECT light_point_id, ((latitude - ?) * ?) ^ 2 + ((longitude - ?) * ?) ^ 2 AS squared
                    FROM rm_lighting_light_point
                    WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? AND status <> 'DECOMMISSIONED') near
                WHERE squared <= ? ORDER BY squared, light_point_id LIMIT 1""", String.class,
                latitude, metresPerDegree, longitude, metresPerDegree * cos, latitude - dLat, latitude + dLat,
                longitude - dLon, longitude + dLon, (double) query.withinMetres() * query.withinMetres())
                .stream().findFirst().flatMap(id -> handle(new FindLightPoint(id)));
    }

    private List<OpenFailure> openFailures(String lightPointId) {
        return jdbc.query("""
                SELECT failure_id, kind, source, observed_at FROM rm_lighting_light_point_failure
                WHERE light_point_id = ? ORDER BY observed_at, failure_id""", (rs, row) ->
                new OpenFailure(rs.getString("failure_id"), FailureKind.valueOf(rs.getString("kind")),
                        FailureSource.valueOf(rs.getString("source")), rs.getTimestamp("observed_at").toInstant()),
                lightPointId);
    }

    /** A decommissioned point keeps its status; otherwise the most severe open failure decides it. */
    private void refreshStatus(String lightPointId, Instant at) {
        StreetlightStatus status = openFailures(lightPointId).stream()
                .map(failure -> failure.kind().status())
                .max(Comparator.comparingInt(StreetlightStatus::severity))
                .orElse(StreetlightStatus.OK);
        jdbc.update("""
                UPDATE rm_lighting_light_point SET status = ?, updated_at = ?
                WHERE light_point_id = ? AND status <> 'DECOMMISSIONED'""", status.name(), ts(at), lightPointId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
