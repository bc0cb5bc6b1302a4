package io.pilotage.lighting.consumption;

import io.pilotage.shared.ReadModelGroups;
import io.pilotage.lighting.CabinetEvent.CabinetRegistered;
import io.pilotage.lighting.CabinetEvent.EnergyReadingCorrected;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.shared.Commune;
import io.pilotage.lighting.LightingQueries.CabinetConsumption;
import io.pilotage.lighting.LightingQueries.DailyConsumption;
import io.pilotage.lighting.LightingQueries.FindCabinetConsumption;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Energy each cabinet used per local day. A reading is added to the days only when it is first stored, so an
 * event seen twice counts once; a correction replaces the stored value and adds the difference to the days the
 * reading covers, only when the stored value is still the one it replaces.
 */
@Component
@ProcessingGroup(CabinetConsumptionProjection.PROCESSING_GROUP)
public class CabinetConsumptionProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.LIGHTING;

    private final JdbcTemplate jdbc;

    public CabinetConsumptionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CabinetRegistered event) {
        jdbc.update("INSERT INTO rm_lighting_cabinet (cabinet_id, commune) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.cabinetId().value(), event.commune().name());
    }

    @EventHandler
    void on(EnergyReadingRecorded event) {
        String cabinetId = event.cabinetId().value();
        int stored = jdbc.update("""
                INSERT INTO rm_lighting_cabinet_reading (cabinet_id, interval_start, interval_end, energy_wh)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                cabinetId, Timestamp.from(event.intervalStart()), Timestamp.from(event.intervalEnd()), event.energyWh());
        if (stored == 0) {
            return;
        }
        DailySplit.split(event.intervalStart(), event.intervalEnd(), event.energyWh())
                .forEach((day, wh) -> addToDay(cabinetId, day, wh));
    }

    @EventHandler
    void on(EnergyReadingCorrected event) {
        String cabinetId = event.cabinetId().value();
        int corrected = jdbc.update("""
                UPDATE rm_lighting_cabinet_reading SET energy_wh = ?
                WHERE cabinet_id = ? AND interval_start = ? AND energy_wh = ?""",
                event.energyWh(), cabinetId, Timestamp.from(event.intervalStart()), event.replacedEnergyWh());
        if (corrected == 0) {
            return;
        }
        DailySplit.split(event.intervalStart(), event.intervalEnd(), event.energyWh() - event.replacedEnergyWh())
                .forEach((day, wh) -> addToDay(cabinetId, day, wh));
    }

    private void addToDay(String cabinetId, LocalDate day, double wh) {
        jdbc.update("""
                INSERT INTO rm_lighting_cabinet_day (cabinet_id, day, energy_wh) VALUES (?, ?, ?)
                ON CONFLICT (cabinet_id, day) DO UPDATE SET energy_wh = rm_lighting_cabinet_day.energy_wh + EXCLUDED.energy_wh""",
                cabinetId, Date.valueOf(day), wh);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_lighting_cabinet_day");
        jdbc.update("DELETE FROM rm_lighting_cabinet_reading");
        jdbc.update("DELETE FROM rm_lighting_cabinet");
    }

    /** Answers empty for an unknown cabinet; days without readings are left out. */
    @QueryHandler
    public Optional<CabinetConsumption> handle(FindCabinetConsumption query) {
        List<String> communes = jdbc.queryForList("SELECT commune FROM rm_lighting_cabinet WHERE cabinet_id = ?",
                String.class, query.cabinetId());
        if (communes.isEmpty()) {
            return Optional.empty();
        }
        List<DailyConsumption> days = jdbc.query("""
                SELECT day, energy_wh FROM rm_lighting_cabinet_day
                WHERE cabinet_id = ? AND day BETWEEN ? AND ? ORDER BY day""",
                (rs, row) -> new DailyConsumption(rs.getDate("day").toLocalDate(),
                        Math.round(rs.getDouble("energy_wh")) / 1000.0),
                query.cabinetId(), Date.valueOf(query.from()), Date.valueOf(query.to()));
        return Optional.of(new CabinetConsumption(query.cabinetId(), Commune.valueOf(communes.get(0)), days));
    }

}
