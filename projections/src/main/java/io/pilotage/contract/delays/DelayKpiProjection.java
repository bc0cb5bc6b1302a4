package io.pilotage.contract.delays;

import io.pilotage.shared.BatchedWrites;
import io.pilotage.shared.ReadModelGroups;
import io.pilotage.contract.ContractMonth;
import io.pilotage.contract.DelayQueries.DelayKpi;
import io.pilotage.contract.DelayQueries.FindDelayKpi;
import io.pilotage.contract.InterventionDelay;
import io.pilotage.contract.InterventionDelay.Pause;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.DeadlineMissed;
import io.pilotage.interventions.InterventionEvent.InterventionCancelled;
import io.pilotage.interventions.InterventionEvent.InterventionMadeSafe;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionQualified;
import io.pilotage.interventions.InterventionEvent.InterventionReopened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionEvent.InterventionTimeCorrected;
import io.pilotage.interventions.Priority;
import io.pilotage.shared.Commune;
import io.pilotage.shared.EventPosition;
import io.pilotage.shared.SqlInstants;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The delay KPI per month. Each event about an intervention writes a new version of its row, with the figures
 * computed again from its facts as they stand (corrections included) by {@link InterventionDelay}; the version it
 * replaces keeps what was known before. A month is then an index query, current or as of any instant, and a
 * penalty is priced in the query by joining the terms version the intervention opened under. An event at or
 * below the position the row already holds was seen before and changes nothing.
 */
@Component
@ProcessingGroup(DelayKpiProjection.PROCESSING_GROUP)
public class DelayKpiProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.CONTRACT;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DelayKpiProjection(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The facts of one intervention's current version, as the handlers change them. */
    private static final class Facts {
        String interventionId;
        Priority priority;
        Category category;
        Commune commune;
        int termsVersion;
        boolean cancelled;
        Instant openedAt;
        Duration makeSafeWithin;
        Duration repairWithin;
        Instant madeSafeAt;
        Instant resolvedAt;
        List<Long> evidence = new ArrayList<>();
    }

    /** One of an intervention's pauses; {@code stored} when its row was there before the batch. */
    private static final class PauseRow {
        final Instant startedAt;
        Instant endedAt;
        final boolean stored;
        boolean ended;

        PauseRow(Instant startedAt, Instant endedAt, boolean stored) {
            this.startedAt = startedAt;
            this.endedAt = endedAt;
            this.stored = stored;
        }
    }

    /** What an event does to an intervention's facts and pauses, once it is known to be new. */
    private interface Change {
        void apply(Facts facts, List<PauseRow> pauses);
    }

    /** One event about an intervention: an opening, or a change to an intervention already open. */
    private record Event(String interventionId, long position, Instant recordedAt, InterventionOpened opened, Change change) {
    }

    /**
     * Within a processor's batch the events are gathered and applied when it commits, in a few statements for the
     * whole batch ({@link BatchedWrites}); outside one, or while the group is careful, each is applied at once.
     */
    private final BatchedWrites.Rows<Event> events = new BatchedWrites.Rows<>(PROCESSING_GROUP, "contract-delay", this::store);

    @EventHandler
    void on(InterventionOpened event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        events.add(new Event(event.interventionId(), EventPosition.of(token), recordedAt, event, null));
    }

    @EventHandler
    void on(InterventionQualified event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, (facts, pauses) -> {
            facts.priority = event.priority();
            facts.category = event.category();
            facts.makeSafeWithin = wholeSeconds(event.deadlines().makeSafeWithin());
            facts.repairWithin = wholeSeconds(event.deadlines().repairWithin());
        });
    }

    @EventHandler
    void on(InterventionMadeSafe event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, (facts, pauses) -> facts.madeSafeAt = SqlInstants.asStored(event.at()));
    }

    @EventHandler
    void on(InterventionResolved event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, (facts, pauses) -> facts.resolvedAt = SqlInstants.asStored(event.at()));
    }

    /** A reopened intervention was not done after all: its repair counts again from its opening. */
    @EventHandler
    void on(InterventionReopened event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, (facts, pauses) -> facts.resolvedAt = null);
    }

    @EventHandler
    void on(InterventionCancelled event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, (facts, pauses) -> facts.cancelled = true);
    }

    /** A pause that starts when one already started is the same pause. */
    @EventHandler
    void on(ClockPaused event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, (facts, pauses) -> {
            Instant start = SqlInstants.asStored(event.at());
            if (pauses.stream().noneMatch(pause -> pause.startedAt.equals(start))) {
                pauses.add(new PauseRow(start, null, false));
                pauses.sort(Comparator.comparing(pause -> pause.startedAt));
            }
        });
    }

    @EventHandler
    void on(ClockResumed event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, (facts, pauses) -> pauses.stream().filter(pause -> pause.endedAt == null)
                .forEach(pause -> {
                    pause.endedAt = SqlInstants.asStored(event.at());
                    pause.ended = true;
                }));
    }

    @EventHandler
    void on(InterventionTimeCorrected event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, (facts, pauses) -> {
            switch (event.step()) {
                case MADE_SAFE -> facts.madeSafeAt = SqlInstants.asStored(event.correctedAt());
                case RESOLVED -> facts.resolvedAt = SqlInstants.asStored(event.correctedAt());
                case CREW_ARRIVED -> {
                    // Arrival is not measured by the KPI; the correction joins the evidence.
                }
            }
        });
    }

    /** The live alarm changes no figure (the KPI computes lateness from the times) but is evidence of it. */
    @EventHandler
    void on(DeadlineMissed event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, (facts, pauses) -> {
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_contract_delay");
        jdbc.update("DELETE FROM rm_contract_delay_pause");
    }

    private void change(String interventionId, TrackingToken token, Instant recordedAt, Change change) {
        events.add(new Event(interventionId, EventPosition.of(token), recordedAt, null, change));
    }

    /** An intervention as the batch goes: its facts, its pauses and the version it has reached. */
    private static final class Intervention {
        Facts facts;
        long position;
        final List<PauseRow> pauses = new ArrayList<>();
        /** Whether a version current before the batch is to be closed. */
        boolean storedVersion;
        /** The latest version this batch made, closed again when a later event of the batch follows it. */
        Object[] latestNew;
    }

    /** Index of {@code recorded_to} in an insert's arguments. */
    private static final int RECORDED_TO = 3;
    /** The SQL types of an insert's arguments; the evidence array is left to the driver. */
    private static final int[] VERSION_TYPES = {Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP, Types.TIMESTAMP, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.BOOLEAN, Types.TIMESTAMP, Types.BIGINT, Types.BIGINT,
            Types.TIMESTAMP, Types.TIMESTAMP, Types.TIMESTAMP, Types.TIMESTAMP, Types.BIGINT, Types.TIMESTAMP, Types.BIGINT,
            Types.BIGINT, Types.BIGINT, Types.BIGINT, SqlTypeValue.TYPE_UNKNOWN};

    /**
     * Applies the events in order, as one by one: an opening makes an intervention's first version (a second opening
     * changes nothing); any other event closes its intervention's current version and makes a new one with every
     * figure computed again, unless it is at or below the position that version holds or the intervention is not
     * known. The current versions and the pauses of the batch's interventions are read in two statements; the
     * versions current before the batch are closed in one batch of updates, the new versions (closed already when a
     * later event of the batch follows them) inserted in one batch, and the pauses written in one or two batches.
     */
    private void store(List<Event> batch) {
        Map<String, Intervention> interventions = load(batch.stream().map(Event::interventionId).distinct().toList());
        List<Object[]> closes = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Event event : batch) {
            Intervention intervention = interventions.get(event.interventionId());
            if (event.opened() != null) {
                if (intervention.facts != null) {
                    continue;
                }
                intervention.facts = opened(event.opened());
            } else {
                if (intervention.facts == null || event.position() <= intervention.position) {
                    continue;
                }
                event.change().apply(intervention.facts, intervention.pauses);
            }
            intervention.facts.evidence.add(event.position());
            intervention.position = event.position();
            Timestamp recordedAt = Timestamp.from(event.recordedAt());
            if (intervention.latestNew != null) {
                intervention.latestNew[RECORDED_TO] = recordedAt;
            } else if (intervention.storedVersion) {
                closes.add(new Object[] {recordedAt, event.interventionId()});
            }
            intervention.latestNew = version(intervention.facts, intervention.pauses, event.position(), recordedAt);
            inserts.add(intervention.latestNew);
        }
        if (!closes.isEmpty()) {
            jdbc.batchUpdate("UPDATE rm_contract_delay SET recorded_to = ? WHERE intervention_id = ? AND recorded_to IS NULL", closes,
                    new int[] {Types.TIMESTAMP, Types.VARCHAR});
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO rm_contract_delay (intervention_id, from_position, recorded_from, recorded_to, month, priority,
                        category, commune, terms_version, cancelled, opened_at, make_safe_within_s, repair_within_s,
                        make_safe_due_at, repair_due_at, made_safe_at, resolved_at, paused_closed_s, paused_since, make_safe_net_s,
                        make_safe_late_s, repair_net_s, repair_late_s, evidence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts, VERSION_TYPES);
        }
        writePauses(interventions);
    }

    /** A deadline as its column keeps it, in whole seconds. */
    private static Duration wholeSeconds(Duration duration) {
        return duration == null ? null : Duration.ofSeconds(duration.toSeconds());
    }

    /**
     * The facts of an opening. Instants and durations are kept as their columns keep them (microseconds, whole
     * seconds), so that a version computed within a batch is the one computed from the row read back.
     */
    private static Facts opened(InterventionOpened event) {
        Facts facts = new Facts();
        facts.interventionId = event.interventionId();
        facts.priority = event.priority();
        facts.category = event.category();
        facts.commune = event.commune();
        facts.termsVersion = event.termsVersion();
        facts.openedAt = SqlInstants.asStored(event.openedAt());
        facts.makeSafeWithin = wholeSeconds(event.deadlines().makeSafeWithin());
        facts.repairWithin = wholeSeconds(event.deadlines().repairWithin());
        return facts;
    }

    /**
     * The current version and the pauses of each intervention, in one statement each, each an index probe per
     * intervention: the LIMIT and the OFFSET keep the subqueries from being pulled up into a plain join, which
     * PostgreSQL may plan once as a scan of the whole table while it is small and keep that cached plan as it grows
     * (see the energy KPI; {@code = ANY (?)} with the ordering did the same on the pauses' primary key).
     */
    private Map<String, Intervention> load(List<String> ids) {
        Map<String, Intervention> interventions = new HashMap<>();
        ids.forEach(id -> interventions.put(id, new Intervention()));
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("""
                    SELECT d.* FROM unnest(?::varchar[]) AS k(intervention_id)
                    CROSS JOIN LATERAL (SELECT * FROM rm_contract_delay c
                        WHERE c.intervention_id = k.intervention_id AND c.recorded_to IS NULL LIMIT 1) d""");
            select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            return select;
        }, (RowCallbackHandler) rs -> {
            Intervention intervention = interventions.get(rs.getString("intervention_id"));
            intervention.facts = facts(rs);
            intervention.position = rs.getLong("from_position");
            intervention.storedVersion = true;
        });
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("""
                    SELECT k.intervention_id, p.started_at, p.ended_at FROM unnest(?::varchar[]) AS k(intervention_id)
                    CROSS JOIN LATERAL (SELECT started_at, ended_at FROM rm_contract_delay_pause c
                        WHERE c.intervention_id = k.intervention_id OFFSET 0) p
                    ORDER BY k.intervention_id, p.started_at""");
            select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            return select;
        }, (RowCallbackHandler) rs -> interventions.get(rs.getString("intervention_id")).pauses.add(
                new PauseRow(SqlInstants.read(rs, "started_at"), SqlInstants.read(rs, "ended_at"), true)));
        return interventions;
    }

    /** The pauses the batch opened are inserted (ended already, when it also resumed them); stored ones it ended, updated. */
    private void writePauses(Map<String, Intervention> interventions) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> ends = new ArrayList<>();
        for (Map.Entry<String, Intervention> intervention : interventions.entrySet()) {
            String id = intervention.getKey();
            for (PauseRow pause : intervention.getValue().pauses) {
                if (!pause.stored) {
                    inserts.add(new Object[] {id, Timestamp.from(pause.startedAt), timestamp(pause.endedAt)});
                } else if (pause.ended) {
                    ends.add(new Object[] {Timestamp.from(pause.endedAt), id, Timestamp.from(pause.startedAt)});
                }
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO rm_contract_delay_pause (intervention_id, started_at, ended_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", inserts,
                    new int[] {Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP});
        }
        if (!ends.isEmpty()) {
            jdbc.batchUpdate("UPDATE rm_contract_delay_pause SET ended_at = ? WHERE intervention_id = ? AND started_at = ?", ends,
                    new int[] {Types.TIMESTAMP, Types.VARCHAR, Types.TIMESTAMP});
        }
    }

    private static Facts facts(ResultSet rs) throws SQLException {
        Facts facts = new Facts();
        facts.interventionId = rs.getString("intervention_id");
        facts.priority = Priority.valueOf(rs.getString("priority"));
        facts.category = Category.valueOf(rs.getString("category"));
        facts.commune = Commune.valueOf(rs.getString("commune"));
        facts.termsVersion = rs.getInt("terms_version");
        facts.cancelled = rs.getBoolean("cancelled");
        facts.openedAt = SqlInstants.read(rs, "opened_at");
        long makeSafe = rs.getLong("make_safe_within_s");
        facts.makeSafeWithin = rs.wasNull() ? null : Duration.ofSeconds(makeSafe);
        facts.repairWithin = Duration.ofSeconds(rs.getLong("repair_within_s"));
        facts.madeSafeAt = SqlInstants.read(rs, "made_safe_at");
        facts.resolvedAt = SqlInstants.read(rs, "resolved_at");
        facts.evidence = new ArrayList<>(Arrays.asList((Long[]) rs.getArray("evidence").getArray()));
        return facts;
    }

    /** A new version's insert arguments, with every figure computed again from the facts and the pauses. */
    private static Object[] version(Facts facts, List<PauseRow> pauseRows, long position, Timestamp recordedAt) {
        List<Pause> pauses = pauseRows.stream().map(pause -> new Pause(pause.startedAt, pause.endedAt)).toList();
        Instant pausedSince = pauses.stream().filter(p -> p.end() == null).map(Pause::start).findFirst().orElse(null);
        Instant repairDue = InterventionDelay.dueAt(facts.openedAt, facts.repairWithin, pauses);
        Instant makeSafeDue = facts.makeSafeWithin == null ? null : InterventionDelay.dueAt(facts.openedAt, facts.makeSafeWithin, pauses);
        // Resolving without a separate make-safe step makes the place safe too.
        Instant madeSafe = facts.makeSafeWithin == null ? null : facts.madeSafeAt != null ? facts.madeSafeAt : facts.resolvedAt;
        Long makeSafeNet = madeSafe == null ? null : InterventionDelay.netElapsed(facts.openedAt, pauses, madeSafe).toSeconds();
        Long makeSafeLate = madeSafe == null ? null
                : InterventionDelay.lateBy(facts.openedAt, facts.makeSafeWithin, pauses, madeSafe).toSeconds();
        Long repairNet = facts.resolvedAt == null ? null : InterventionDelay.netElapsed(facts.openedAt, pauses, facts.resolvedAt).toSeconds();
        Long repairLate = facts.resolvedAt == null ? null
                : InterventionDelay.lateBy(facts.openedAt, facts.repairWithin, pauses, facts.resolvedAt).toSeconds();
        return new Object[] {facts.interventionId, position, recordedAt, null, ContractMonth.of(repairDue).toString(),
                facts.priority.name(), facts.category.name(), facts.commune.name(), facts.termsVersion, facts.cancelled,
                Timestamp.from(facts.openedAt), facts.makeSafeWithin == null ? null : facts.makeSafeWithin.toSeconds(),
                facts.repairWithin.toSeconds(), timestamp(makeSafeDue), Timestamp.from(repairDue), timestamp(madeSafe),
                timestamp(facts.resolvedAt), InterventionDelay.closedPauses(pauses).toSeconds(), timestamp(pausedSince),
                makeSafeNet, makeSafeLate, repairNet, repairLate, facts.evidence.toArray(Long[]::new)};
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * The rows of the month as known at the report, with each step's lateness: fixed once done, counted up to the
     * report instant (or the start of an open pause) while not.
     */
    private static final String MONTH_ROWS = """
            WITH known AS (
                SELECT d.*, greatest(0, extract(epoch FROM (least(CAST(:countedTo AS timestamptz), coalesce(d.paused_since, CAST(:countedTo AS timestamptz))) - d.opened_at))
                                        - d.paused_closed_s)::bigint AS net_now
                FROM rm_contract_delay d
                WHERE d.month = :month AND NOT d.cancelled %s %s
            )
            SELECT k.*,
                   CASE WHEN k.make_safe_within_s IS NULL THEN NULL
                        WHEN k.made_safe_at IS NOT NULL THEN k.make_safe_late_s
                        ELSE greatest(0, k.net_now - k.make_safe_within_s) END AS safe_late,
                   CASE WHEN k.resolved_at IS NOT NULL THEN k.repair_late_s
                        ELSE greatest(0, k.net_now - k.repair_within_s) END AS repair_late,
                   t.penalty_cents_per_hour, t.penalty_cap_cents
            FROM known k LEFT JOIN rm_contract_terms_priority t ON t.version = k.terms_version AND t.priority = k.priority
            """;

    @QueryHandler
    public DelayKpi handle(FindDelayKpi query) {
        Instant countedTo = query.asOf() != null ? query.asOf() : clock.instant();
        String sql = MONTH_ROWS.formatted(
                query.asOf() == null ? "AND d.recorded_to IS NULL" : "AND d.recorded_from < CAST(:asOf AS timestamptz) AND (d.recorded_to IS NULL OR d.recorded_to >= CAST(:asOf AS timestamptz))",
                query.commune() == null ? "" : "AND d.commune = :commune");
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("countedTo", Timestamp.from(countedTo))
                .addValue("month", query.month().toString())
                .addValue("asOf", query.asOf() == null ? null : Timestamp.from(query.asOf()))
                .addValue("commune", query.commune() == null ? null : query.commune().name());
        List<Row> rows = new NamedParameterJdbcTemplate(jdbc).query(sql, parameters, (rs, n) -> row(rs));
        return DelayKpis.report(query, countedTo, rows);
    }

    /** One intervention of the month as the report sees it. */
    record Row(String interventionId, Priority priority, Category category, Commune commune, int termsVersion,
               Instant makeSafeDueAt, Instant repairDueAt, Instant madeSafeAt, Instant resolvedAt, Long makeSafeNetSeconds,
               Long repairNetSeconds, Long makeSafeLateSeconds, long repairLateSeconds, boolean termsKnown,
               long centsPerStartedHour, long capCents, List<Long> evidence) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        long safeLate = rs.getLong("safe_late");
        Long makeSafeLate = rs.wasNull() ? null : safeLate;
        long safeNet = rs.getLong("make_safe_net_s");
        Long makeSafeNet = rs.wasNull() ? null : safeNet;
        long repairNet = rs.getLong("repair_net_s");
        Long repairNetSeconds = rs.wasNull() ? null : repairNet;
        Array evidence = rs.getArray("evidence");
        long rate = rs.getLong("penalty_cents_per_hour");
        boolean termsKnown = !rs.wasNull();
        return new Row(rs.getString("intervention_id"), Priority.valueOf(rs.getString("priority")),
                Category.valueOf(rs.getString("category")), Commune.valueOf(rs.getString("commune")), rs.getInt("terms_version"),
                SqlInstants.read(rs, "make_safe_due_at"), SqlInstants.read(rs, "repair_due_at"), SqlInstants.read(rs, "made_safe_at"),
                SqlInstants.read(rs, "resolved_at"), makeSafeNet, repairNetSeconds, makeSafeLate, rs.getLong("repair_late"),
                termsKnown, rate, rs.getLong("penalty_cap_cents"),
                List.of((Long[]) evidence.getArray()));
    }
}
