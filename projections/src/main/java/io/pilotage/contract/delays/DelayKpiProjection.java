package io.pilotage.contract.delays;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
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

    @EventHandler
    void on(InterventionOpened event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        long position = EventPosition.of(token);
        if (current(event.interventionId()) != null) {
            return;
        }
        Facts facts = new Facts();
        facts.interventionId = event.interventionId();
        facts.priority = event.priority();
        facts.category = event.category();
        facts.commune = event.commune();
        facts.termsVersion = event.termsVersion();
        facts.openedAt = event.openedAt();
        facts.makeSafeWithin = event.deadlines().makeSafeWithin();
        facts.repairWithin = event.deadlines().repairWithin();
        facts.evidence.add(position);
        write(facts, null, position, recordedAt);
    }

    @EventHandler
    void on(InterventionQualified event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, facts -> {
            facts.priority = event.priority();
            facts.category = event.category();
            facts.makeSafeWithin = event.deadlines().makeSafeWithin();
            facts.repairWithin = event.deadlines().repairWithin();
        });
    }

    @EventHandler
    void on(InterventionMadeSafe event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, facts -> facts.madeSafeAt = event.at());
    }

    @EventHandler
    void on(InterventionResolved event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, facts -> facts.resolvedAt = event.at());
    }

    /** A reopened intervention was not done after all: its repair counts again from its opening. */
    @EventHandler
    void on(InterventionReopened event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, facts -> facts.resolvedAt = null);
    }

    @EventHandler
    void on(InterventionCancelled event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, facts -> facts.cancelled = true);
    }

    @EventHandler
    void on(ClockPaused event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, facts -> jdbc.update("""
                INSERT INTO rm_contract_delay_pause (intervention_id, started_at) VALUES (?, ?) ON CONFLICT DO NOTHING""",
                event.interventionId(), Timestamp.from(event.at())));
    }

    @EventHandler
    void on(ClockResumed event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, facts -> jdbc.update("""
                UPDATE rm_contract_delay_pause SET ended_at = ? WHERE intervention_id = ? AND ended_at IS NULL""",
                Timestamp.from(event.at()), event.interventionId()));
    }

    @EventHandler
    void on(InterventionTimeCorrected event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, facts -> {
            switch (event.step()) {
                case MADE_SAFE -> facts.madeSafeAt = event.correctedAt();
                case RESOLVED -> facts.resolvedAt = event.correctedAt();
                case CREW_ARRIVED -> {
                    // Arrival is not measured by the KPI; the correction joins the evidence.
                }
            }
        });
    }

    /** The live alarm changes no figure (the KPI computes lateness from the times) but is evidence of it. */
    @EventHandler
    void on(DeadlineMissed event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        change(event.interventionId(), token, recordedAt, facts -> {
        });
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_contract_delay");
        jdbc.update("DELETE FROM rm_contract_delay_pause");
    }

    private void change(String interventionId, TrackingToken token, Instant recordedAt, Consumer<Facts> change) {
        long position = EventPosition.of(token);
        Current current = current(interventionId);
        if (current == null || position <= current.position()) {
            return;
        }
        change.accept(current.facts());
        current.facts().evidence.add(position);
        write(current.facts(), current, position, recordedAt);
    }

    private record Current(Facts facts, long position) {
    }

    private Current current(String interventionId) {
        List<Current> rows = jdbc.query("SELECT * FROM rm_contract_delay WHERE intervention_id = ? AND recorded_to IS NULL",
                (rs, row) -> new Current(facts(rs), rs.getLong("from_position")), interventionId);
        return rows.isEmpty() ? null : rows.get(0);
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


    /** Closes the current version and writes the new one, with every figure computed again from the facts. */
    private void write(Facts facts, Current replaced, long position, Instant recordedAt) {
        List<Pause> pauses = jdbc.query("SELECT started_at, ended_at FROM rm_contract_delay_pause WHERE intervention_id = ? ORDER BY started_at",
                (rs, row) -> new Pause(SqlInstants.read(rs, "started_at"), SqlInstants.read(rs, "ended_at")), facts.interventionId);
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
        if (replaced != null) {
            jdbc.update("UPDATE rm_contract_delay SET recorded_to = ? WHERE intervention_id = ? AND recorded_to IS NULL",
                    Timestamp.from(recordedAt), facts.interventionId);
        }
        jdbc.update("""
                INSERT INTO rm_contract_delay (intervention_id, from_position, recorded_from, month, priority, category, commune,
                    terms_version, cancelled, opened_at, make_safe_within_s, repair_within_s, make_safe_due_at, repair_due_at,
                    made_safe_at, resolved_at, paused_closed_s, paused_since, make_safe_net_s, make_safe_late_s, repair_net_s,
                    repair_late_s, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                facts.interventionId, position, Timestamp.from(recordedAt), ContractMonth.of(repairDue).toString(),
                facts.priority.name(), facts.category.name(), facts.commune.name(), facts.termsVersion, facts.cancelled,
                Timestamp.from(facts.openedAt), facts.makeSafeWithin == null ? null : facts.makeSafeWithin.toSeconds(),
                facts.repairWithin.toSeconds(), timestamp(makeSafeDue), Timestamp.from(repairDue), timestamp(madeSafe),
                timestamp(facts.resolvedAt), InterventionDelay.closedPauses(pauses).toSeconds(), timestamp(pausedSince),
                makeSafeNet, makeSafeLate, repairNet, repairLate, facts.evidence.toArray(Long[]::new));
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
