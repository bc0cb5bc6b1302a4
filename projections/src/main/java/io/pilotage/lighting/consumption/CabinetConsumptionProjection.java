package io.pilotage.lighting.consumption;

import io.pilotage.shared.BatchedWrites;
import io.pilotage.shared.ReadModelGroups;
import io.pilotage.lighting.CabinetEvent.CabinetRegistered;
import io.pilotage.lighting.CabinetEvent.EnergyReadingCorrected;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.shared.Commune;
import io.pilotage.lighting.LightingQueries.CabinetConsumption;
import io.pilotage.lighting.LightingQueries.DailyConsumption;
import io.pilotage.lighting.LightingQueries.FindCabinetConsumption;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Energy each cabinet used per local day. A reading is added to the days only when it is first stored, so an
 * event seen twice counts once; a correction replaces the stored value and adds the difference to the days the
 * reading covers, only when the stored value is still the one it replaces. Readings are nine events in ten: within a
 * processor's batch they are gathered and written in two statements ({@link BatchedWrites}).
 */
@Component
@ProcessingGroup(CabinetConsumptionProjection.PROCESSING_GROUP)
public class CabinetConsumptionProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.LIGHTING;

    private final JdbcTemplate jdbc;
    /** The readings of this processor batch, written together before it commits. */
    private final BatchedWrites.Rows<Reading> readings = new BatchedWrites.Rows<>(PROCESSING_GROUP, "cabinet-readings", this::store);

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
        Reading reading = new Reading(event.cabinetId().value(), event.intervalStart(), event.intervalEnd(),
                event.energyWh());
        readings.add(reading);
    }

    @EventHandler
    void on(EnergyReadingCorrected event) {
        readings.flush();
        String cabinetId = event.cabinetId().value();
        int corrected = jdbc.update("""
                UPDATE rm_lighting_cabinet_reading SET energy_wh = ?
                WHERE cabinet_id = ? AND interval_start = ? AND energy_wh = ?""",
                event.energyWh(), cabinetId, Timestamp.from(event.intervalStart()), event.replacedEnergyWh());
        if (corrected == 0) {
            return;
        }
        Map<DayOfCabinet, Double> days = new TreeMap<>();
        DailySplit.split(event.intervalStart(), event.intervalEnd(), event.energyWh() - event.replacedEnergyWh())
                .forEach((day, wh) -> days.merge(new DayOfCabinet(cabinetId, day), wh, Double::sum));
        addToDays(days);
    }

    /**
     * Stores the readings not stored yet in one statement, then adds those it stored to their days in another: a
     * reading seen twice, in two batches or twice in one, is added once.
     */
    private void store(List<Reading> readings) {
        List<Reading> stored = jdbc.query(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO rm_lighting_cabinet_reading (cabinet_id, interval_start, interval_end, energy_wh)
                    SELECT cabinet_id, interval_start::timestamptz, interval_end::timestamptz, energy_wh
                    FROM unnest(?::varchar[], ?::text[], ?::text[], ?::bigint[]) AS reading(cabinet_id, interval_start, interval_end, energy_wh)
                    ON CONFLICT DO NOTHING
                    RETURNING cabinet_id, interval_start, interval_end, energy_wh""");
            insert.setArray(1, connection.createArrayOf("varchar", readings.stream().map(Reading::cabinetId).toArray()));
            // Instants as ISO text with their Z: a Timestamp in an array is sent in the JVM's zone without an offset,
            // which makes the two 02:xx of an autumn night in Paris one and the same.
            insert.setArray(2, connection.createArrayOf("text", readings.stream().map(r -> r.start().toString()).toArray()));
            insert.setArray(3, connection.createArrayOf("text", readings.stream().map(r -> r.end().toString()).toArray()));
            insert.setArray(4, connection.createArrayOf("bigint", readings.stream().map(Reading::energyWh).toArray()));
            return insert;
        }, (row, number) -> new Reading(row.getString(1), row.getTimestamp(2).toInstant(),
                row.getTimestamp(3).toInstant(), row.getLong(4)));
        Map<DayOfCabinet, Double> days = new TreeMap<>();
        for (Reading reading : stored) {
            DailySplit.split(reading.start(), reading.end(), reading.energyWh())
                    .forEach((day, wh) -> days.merge(new DayOfCabinet(reading.cabinetId(), day), wh, Double::sum));
        }
        addToDays(days);
    }

    /** One statement for all the days, in key order so that concurrent writers lock rows in the same order. */
    private void addToDays(Map<DayOfCabinet, Double> days) {
        if (days.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO rm_lighting_cabinet_day (cabinet_id, day, energy_wh)
                    SELECT * FROM unnest(?::varchar[], ?::date[], ?::float8[])
                    ON CONFLICT (cabinet_id, day)
                    DO UPDATE SET energy_wh = rm_lighting_cabinet_day.energy_wh + EXCLUDED.energy_wh""");
            upsert.setArray(1, connection.createArrayOf("varchar", days.keySet().stream().map(DayOfCabinet::cabinetId).toArray()));
            upsert.setArray(2, connection.createArrayOf("date",
                    days.keySet().stream().map(key -> Date.valueOf(key.day())).toArray()));
            upsert.setArray(3, connection.createArrayOf("float8", days.values().toArray()));
            return upsert;
        });
    }

    private record Reading(String cabinetId, Instant start, Instant end, long energyWh) {
    }

    private record DayOfCabinet(String cabinetId, LocalDate day) implements Comparable<DayOfCabinet> {

        @Override
        public int compareTo(DayOfCabinet other) {
            int byCabinet = cabinetId.compareTo(other.cabinetId);
            return byCabinet != 0 ? byCabinet : day.compareTo(other.day);
        }
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
