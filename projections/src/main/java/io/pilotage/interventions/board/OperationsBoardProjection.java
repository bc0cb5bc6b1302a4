package io.pilotage.interventions.board;

import io.pilotage.shared.ReadModelGroups;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.ContractClock;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.DeadlineKind;
import io.pilotage.interventions.InterventionEvent.AttachedFault;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.InterventionEvent.FaultAttached;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.CrewArrived;
import io.pilotage.interventions.InterventionEvent.CrewAssigned;
import io.pilotage.interventions.InterventionEvent.CrewDeparted;
import io.pilotage.interventions.InterventionEvent.DeadlineMissed;
import io.pilotage.interventions.InterventionEvent.InterventionCancelled;
import io.pilotage.interventions.InterventionEvent.InterventionClosed;
import io.pilotage.interventions.InterventionEvent.InterventionMadeSafe;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionQualified;
import io.pilotage.interventions.InterventionEvent.InterventionReopened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionQueries.FindIntervention;
import io.pilotage.interventions.InterventionQueries.FindOperationsBoard;
import io.pilotage.interventions.InterventionQueries.InterventionView;
import io.pilotage.interventions.InterventionQueries.OperationsBoard;
import io.pilotage.interventions.InterventionQueries.Pause;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.interventions.InterventionStatus;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import io.pilotage.shared.Commune;
import io.pilotage.shared.MetadataKeys;
import io.pilotage.shared.SqlInstants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The operators' operations board: interventions with their crew and the time left before the next
 * contractual deadline, most urgent first. Every change is also pushed to subscribed boards. Time left is
 * computed when asked, from the stored deadlines and pauses, so the board never goes stale. Due times and
 * time left come from {@link ContractClock}, the arithmetic the aggregate decides with; the row keeps the
 * clock's state and, for ordering in SQL, the next due time that clock computed. Lifecycle states reach the
 * SQL as parameters from {@link InterventionStatus}, so renaming a state cannot leave a stale literal here.
 */
@Component
@ProcessingGroup(OperationsBoardProjection.PROCESSING_GROUP)
public class OperationsBoardProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.OPERATIONS;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final QueryUpdateEmitter updates;

    public OperationsBoardProjection(JdbcTemplate jdbc, Clock clock, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.updates = updates;
    }

    @EventHandler
    void on(InterventionOpened event) {
        ContractClock contract = ContractClock.started(event.openedAt(), event.deadlines());
        jdbc.update("""
                INSERT INTO rm_interventions_board (intervention_id, status, priority, category, source, source_ref,
                    asset_id, commune, latitude, longitude, opened_at, make_safe_within_s, repair_within_s, next_due_at,
                    updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.interventionId(), InterventionStatus.OPEN.name(), event.priority().name(), event.category().name(),
                event.source().name(), event.sourceRef(), event.assetId(), event.commune().name(),
                event.position().latitude(), event.position().longitude(), ts(event.openedAt()),
                seconds(event.deadlines().makeSafeWithin()), seconds(event.deadlines().repairWithin()),
                ts(contract.nextDueAt()), ts(event.openedAt()));
        publish(event.interventionId());
    }

    @EventHandler
    void on(InterventionQualified event) {
        jdbc.update("UPDATE rm_interventions_board SET priority = ?, category = ?, make_safe_within_s = ?, "
                        + "repair_within_s = ? WHERE intervention_id = ?", event.priority().name(), event.category().name(),
                seconds(event.deadlines().makeSafeWithin()), seconds(event.deadlines().repairWithin()),
                event.interventionId());
        clockChanged(event.interventionId(), event.at());
    }

    @EventHandler
    void on(CrewAssigned event) {
        change(event.interventionId(), event.at(), "status = ?, crew_id = ?", InterventionStatus.ASSIGNED.name(),
                event.crewId());
    }

    @EventHandler
    void on(CrewDeparted event) {
        change(event.interventionId(), event.at(), "status = ?", InterventionStatus.EN_ROUTE.name());
    }

    @EventHandler
    void on(CrewArrived event) {
        change(event.interventionId(), event.at(), "status = ?", InterventionStatus.ON_SITE.name());
    }

    @EventHandler
    void on(InterventionMadeSafe event) {
        jdbc.update("UPDATE rm_interventions_board SET status = ?, made_safe_at = ? WHERE intervention_id = ?",
                InterventionStatus.MADE_SAFE.name(), ts(event.at()), event.interventionId());
        clockChanged(event.interventionId(), event.at());
    }

    @EventHandler
    void on(InterventionResolved event) {
        change(event.interventionId(), event.at(), "status = ?, resolved_at = ?, crew_id = NULL",
                InterventionStatus.RESOLVED.name(), ts(event.at()));
    }

    @EventHandler
    void on(InterventionClosed event) {
        change(event.interventionId(), event.at(), "status = ?", InterventionStatus.CLOSED.name());
    }

    @EventHandler
    void on(InterventionReopened event) {
        change(event.interventionId(), event.at(), "status = ?, resolved_at = NULL", InterventionStatus.OPEN.name());
    }

    @EventHandler
    void on(InterventionCancelled event) {
        change(event.interventionId(), event.at(), "status = ?, crew_id = NULL", InterventionStatus.CANCELLED.name());
    }

    /**
     * The pause row is the stored position: a pause seen again after its resume (a replay without reset)
     * finds its row closed and leaves the board unpaused.
     */
    @EventHandler
    void on(ClockPaused event, @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId) {
        jdbc.update("""
                INSERT INTO rm_interventions_pause (intervention_id, paused_at, reason, actor_id) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", event.interventionId(), ts(event.at()), event.reason().name(), actorId);
        jdbc.update("""
                UPDATE rm_interventions_board SET paused_at = ?, updated_at = ?
                WHERE intervention_id = ? AND EXISTS (SELECT 1 FROM rm_interventions_pause
                    WHERE intervention_id = ? AND paused_at = ? AND resumed_at IS NULL)""",
                ts(event.at()), ts(event.at()), event.interventionId(), event.interventionId(), ts(event.at()));
        publish(event.interventionId());
    }

    /**
     * Adds the pause to the total only when this event closes it, so a resume seen twice adds nothing. Only a
     * pause begun by then is closed: a replayed resume must not close a later pause that is still open.
     */
    @EventHandler
    void on(ClockResumed event) {
        int closed = jdbc.update("""
                UPDATE rm_interventions_pause SET resumed_at = ?
                WHERE intervention_id = ? AND resumed_at IS NULL AND paused_at <= ?""",
                ts(event.at()), event.interventionId(), ts(event.at()));
        Optional<ContractClock> paused = closed == 0 ? Optional.empty()
                : contractClock(event.interventionId()).filter(ContractClock::paused);
        if (paused.isPresent()) {
            jdbc.update("UPDATE rm_interventions_board SET paused_at = NULL, paused_total_s = ? WHERE intervention_id = ?",
                    paused.get().resumedAfter(event.pausedFor()).pausedTotal().toSeconds(), event.interventionId());
            clockChanged(event.interventionId(), event.at());
        } else {
            jdbc.update("UPDATE rm_interventions_board SET updated_at = ? WHERE intervention_id = ?",
                    ts(event.at()), event.interventionId());
            publish(event.interventionId());
        }
    }

    @EventHandler
    void on(DeadlineMissed event) {
        String column = event.kind() == DeadlineKind.MAKE_SAFE ? "missed_make_safe" : "missed_repair";
        change(event.interventionId(), event.recordedAt(), column + " = TRUE");
    }

    @EventHandler
    void on(FaultAttached event) {
        jdbc.update("""
                INSERT INTO rm_interventions_fault (intervention_id, asset_id, fault_ref, attached_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", event.interventionId(), event.assetId(), event.faultRef(), ts(event.at()));
        touch(event.interventionId(), event.at());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_interventions_fault");
        jdbc.update("DELETE FROM rm_interventions_pause");
        jdbc.update("DELETE FROM rm_interventions_board");
    }

    @QueryHandler
    public Optional<InterventionView> handle(FindIntervention query) {
        return view(query.interventionId());
    }

    @QueryHandler
    public OperationsBoard handle(FindOperationsBoard query) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (query.activeOnly()) {
            List<String> active = Arrays.stream(InterventionStatus.values()).filter(InterventionStatus::active)
                    .map(Enum::name).toList();
            conditions.add("status IN (" + String.join(", ", active.stream().map(name -> "?").toList()) + ")");
            args.addAll(active);
        }
        filter(conditions, args, "status", query.status());
        filter(conditions, args, "priority", query.priority());
        filter(conditions, args, "commune", query.commune());
        filter(conditions, args, "category", query.category());
        if (query.crewId() != null) {
            conditions.add("crew_id = ?");
            args.add(query.crewId());
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        Long total = jdbc.queryForObject("SELECT count(*) FROM rm_interventions_board " + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(query.page().size());
        pageArgs.add(query.page().offset());
        List<InterventionView> items = jdbc.query("""
                SELECT * FROM rm_interventions_board %s
                ORDER BY next_due_at, intervention_id
                LIMIT ? OFFSET ?""".formatted(where), (rs, row) -> toView(rs, List.of(), List.of()), pageArgs.toArray());
        return new OperationsBoard(items, query.page().page(), query.page().size(), total == null ? 0 : total);
    }

    /** Whether a pushed change belongs on a subscriber's board, by the same filters as the query. */
    static boolean shows(FindOperationsBoard query, InterventionView view) {
        return (!query.activeOnly() || view.status().active())
                && (query.status() == null || query.status() == view.status())
                && (query.priority() == null || query.priority() == view.priority())
                && (query.commune() == null || query.commune() == view.commune())
                && (query.category() == null || query.category() == view.category())
                && (query.crewId() == null || Objects.equals(query.crewId(), view.crewId()));
    }

    /**
     * Stores the next due time the contract clock computes from the row just changed, so that the board's
     * order in SQL follows the same arithmetic as everything else; replaying the event gives the same value.
     */
    private void clockChanged(String interventionId, Instant at) {
        contractClock(interventionId).ifPresent(contract ->
                change(interventionId, at, "next_due_at = ?", ts(contract.nextDueAt())));
    }

    private Optional<ContractClock> contractClock(String interventionId) {
        return jdbc.query("SELECT * FROM rm_interventions_board WHERE intervention_id = ?", (rs, row) -> contractClock(rs),
                interventionId).stream().findFirst();
    }

    /** The intervention changed in a table of its own (its faults): only the row's update time and the push. */
    private void touch(String interventionId, Instant at) {
        jdbc.update("UPDATE rm_interventions_board SET updated_at = ? WHERE intervention_id = ?", ts(at), interventionId);
        publish(interventionId);
    }

    private void change(String interventionId, Instant at, String assignments, Object... values) {
        Object[] args = new Object[values.length + 2];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = ts(at);
        args[values.length + 1] = interventionId;
        jdbc.update("UPDATE rm_interventions_board SET " + assignments + ", updated_at = ? WHERE intervention_id = ?", args);
        publish(interventionId);
    }

    /**
     * Reads the changed intervention back only when a board is followed on this node: without the check,
     * every event, replays included, paid two more queries for an update nobody receives.
     */
    private void publish(String interventionId) {
        boolean followed = updates.activeSubscriptions().stream()
                .anyMatch(subscription -> subscription.getPayload() instanceof FindOperationsBoard);
        if (followed) {
            view(interventionId).ifPresent(view ->
                    updates.emit(FindOperationsBoard.class, query -> shows(query, view), view));
        }
    }

    /**
     * Reads the row first and its pauses and faults after: a batch writes them together, and a read of the pauses
     * before the row could miss a pause the row already shows.
     */
    private Optional<InterventionView> view(String interventionId) {
        return jdbc.query("SELECT * FROM rm_interventions_board WHERE intervention_id = ?",
                (rs, row) -> toView(rs, pauses(interventionId), faults(interventionId)), interventionId).stream().findFirst();
    }

    private List<Pause> pauses(String interventionId) {
        return jdbc.query("""
                SELECT reason, actor_id, paused_at, resumed_at FROM rm_interventions_pause
                WHERE intervention_id = ? ORDER BY paused_at""", (rs, row) -> new Pause(
                PauseReason.valueOf(rs.getString("reason")), rs.getString("actor_id"), SqlInstants.read(rs, "paused_at"),
                SqlInstants.read(rs, "resumed_at")), interventionId);
    }

    private List<AttachedFault> faults(String interventionId) {
        return jdbc.query("""
                SELECT asset_id, fault_ref FROM rm_interventions_fault WHERE intervention_id = ? ORDER BY attached_at, fault_ref""",
                (rs, row) -> new AttachedFault(rs.getString("asset_id"), rs.getString("fault_ref")), interventionId);
    }

    private InterventionView toView(ResultSet rs, List<Pause> pauses, List<AttachedFault> faults) throws SQLException {
        InterventionStatus status = InterventionStatus.valueOf(rs.getString("status"));
        ContractClock contract = contractClock(rs);
        Long secondsLeft = null;
        boolean overdue = false;
        if (status.active()) {
            Instant now = clock.instant();
            secondsLeft = contract.timeLeft(now).toSeconds();
            overdue = contract.overdue(now);
        }
        return new InterventionView(rs.getString("intervention_id"), status, Priority.valueOf(rs.getString("priority")),
                Category.valueOf(rs.getString("category")), InterventionSource.valueOf(rs.getString("source")),
                rs.getString("source_ref"), rs.getString("asset_id"), Commune.valueOf(rs.getString("commune")),
                rs.getDouble("latitude"), rs.getDouble("longitude"), rs.getString("crew_id"), contract.openedAt(),
                contract.dueAt(DeadlineKind.MAKE_SAFE), contract.dueAt(DeadlineKind.REPAIR), secondsLeft, overdue,
                contract.paused(), pauses, contract.missed().stream().sorted().toList(),
                SqlInstants.read(rs, "made_safe_at"), SqlInstants.read(rs, "resolved_at"), SqlInstants.read(rs, "updated_at"), faults);
    }

    /** The contract clock as the row keeps it: terms, closed pauses, the open one, the steps done or missed. */
    private static ContractClock contractClock(ResultSet rs) throws SQLException {
        long makeSafeWithin = rs.getLong("make_safe_within_s");
        Duration makeSafe = rs.wasNull() ? null : Duration.ofSeconds(makeSafeWithin);
        ContractDeadlines deadlines = new ContractDeadlines(makeSafe, Duration.ofSeconds(rs.getLong("repair_within_s")));
        EnumSet<DeadlineKind> missed = EnumSet.noneOf(DeadlineKind.class);
        if (rs.getBoolean("missed_make_safe")) {
            missed.add(DeadlineKind.MAKE_SAFE);
        }
        if (rs.getBoolean("missed_repair")) {
            missed.add(DeadlineKind.REPAIR);
        }
        return new ContractClock(SqlInstants.read(rs, "opened_at"), deadlines, Duration.ofSeconds(rs.getLong("paused_total_s")),
                SqlInstants.read(rs, "paused_at"), SqlInstants.read(rs, "made_safe_at") != null, missed);
    }

    private static void filter(List<String> conditions, List<Object> args, String column, Enum<?> value) {
        if (value != null) {
            conditions.add(column + " = ?");
            args.add(value.name());
        }
    }


    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
