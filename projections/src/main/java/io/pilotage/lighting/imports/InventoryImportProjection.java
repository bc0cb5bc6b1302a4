package io.pilotage.lighting.imports;

import io.pilotage.shared.ReadModelGroups;
import io.pilotage.lighting.ImportFormat;
import io.pilotage.lighting.ImportRowError;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportAbandoned;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportCompleted;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportProgressed;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportStarted;
import io.pilotage.lighting.LightingQueries.FindInventoryImport;
import io.pilotage.lighting.LightingQueries.FindRunningInventoryImports;
import io.pilotage.lighting.LightingQueries.InventoryImportView;
import io.pilotage.lighting.LightingQueries.RunningInventoryImports;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Progress and row errors of inventory imports, for the person who uploaded the file to follow. */
@Component
@ProcessingGroup(InventoryImportProjection.PROCESSING_GROUP)
public class InventoryImportProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.IMPORTS;

    private final JdbcTemplate jdbc;

    public InventoryImportProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InventoryImportStarted event) {
        jdbc.update("""
                INSERT INTO rm_lighting_import (import_id, status, format, file_name, content_sha256, total_rows,
                    processed_rows, registered_rows, unchanged_rows, rejected_rows, started_at)
                VALUES (?, 'RUNNING', ?, ?, ?, ?, 0, 0, 0, 0, ?) ON CONFLICT DO NOTHING""",
                event.importId(), event.format().name(), event.fileName(), event.contentSha256(), event.totalRows(),
                Timestamp.from(event.startedAt()));
    }

    @EventHandler
    void on(InventoryImportProgressed event) {
        jdbc.update("""
                UPDATE rm_lighting_import SET processed_rows = ?, registered_rows = ?, unchanged_rows = ?, rejected_rows = ?
                WHERE import_id = ? AND processed_rows <= ?""",
                event.processedRows(), event.registeredRows(), event.unchangedRows(), event.rejectedRows(),
                event.importId(), event.processedRows());
        jdbc.batchUpdate("""
                INSERT INTO rm_lighting_import_error (import_id, row_number, light_point_id, field, message)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", event.newErrors(), 500, (ps, error) -> {
            ps.setString(1, event.importId());
            ps.setInt(2, error.row());
            ps.setString(3, error.lightPointId());
            ps.setString(4, error.field());
            ps.setString(5, error.message().length() > 500 ? error.message().substring(0, 500) : error.message());
        });
    }

    @EventHandler
    void on(InventoryImportCompleted event) {
        jdbc.update("""
                UPDATE rm_lighting_import SET status = 'COMPLETED', finished_at = ?, processed_rows = ?,
                    registered_rows = ?, unchanged_rows = ?, rejected_rows = ? WHERE import_id = ?""",
                Timestamp.from(event.completedAt()), event.processedRows(), event.registeredRows(),
                event.unchangedRows(), event.rejectedRows(), event.importId());
    }

    @EventHandler
    void on(InventoryImportAbandoned event) {
        jdbc.update("UPDATE rm_lighting_import SET status = 'ABANDONED', finished_at = ?, abandon_reason = ? WHERE import_id = ?",
                Timestamp.from(event.abandonedAt()), event.reason(), event.importId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_lighting_import_error");
        jdbc.update("DELETE FROM rm_lighting_import");
    }

    @QueryHandler
    public RunningInventoryImports handle(FindRunningInventoryImports query) {
        return new RunningInventoryImports(jdbc.queryForList(
                "SELECT import_id FROM rm_lighting_import WHERE status = 'RUNNING' ORDER BY started_at LIMIT ?",
                String.class, query.limit()));
    }

    @QueryHandler
    public Optional<InventoryImportView> handle(FindInventoryImport query) {
        List<ImportRowError> errors = jdbc.query("""
                SELECT row_number, light_point_id, field, message FROM rm_lighting_import_error
                WHERE import_id = ? ORDER BY row_number LIMIT ? OFFSET ?""",
                (rs, row) -> new ImportRowError(rs.getInt("row_number"), rs.getString("light_point_id"),
                        rs.getString("field"), rs.getString("message")),
                query.importId(), query.errors().size(), query.errors().offset());
        return jdbc.query("SELECT * FROM rm_lighting_import WHERE import_id = ?", (rs, row) -> {
            Timestamp finished = rs.getTimestamp("finished_at");
            return new InventoryImportView(rs.getString("import_id"), rs.getString("status"),
                    ImportFormat.valueOf(rs.getString("format")), rs.getString("file_name"), rs.getInt("total_rows"),
                    rs.getInt("processed_rows"), rs.getInt("registered_rows"), rs.getInt("unchanged_rows"),
                    rs.getInt("rejected_rows"), rs.getTimestamp("started_at").toInstant(),
                    finished == null ? null : finished.toInstant(), rs.getString("abandon_reason"), errors,
                    query.errors().page(), query.errors().size());
        }, query.importId()).stream().findFirst();
    }
}
