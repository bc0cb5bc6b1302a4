package io.pilotage.interventions;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.interventions.InterventionCommands.CancelIntervention;
import io.pilotage.interventions.InterventionCommands.CloseIntervention;
import io.pilotage.interventions.InterventionCommands.CrewAssignmentPlan;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.PauseClock;
import io.pilotage.interventions.InterventionCommands.PrepareCrewAssignment;
import io.pilotage.interventions.InterventionCommands.QualifyIntervention;
import io.pilotage.interventions.InterventionCommands.RecordArrival;
import io.pilotage.interventions.InterventionCommands.RecordCrewAssignment;
import io.pilotage.interventions.InterventionCommands.RecordDeparture;
import io.pilotage.interventions.InterventionCommands.RecordMadeSafe;
import io.pilotage.interventions.InterventionCommands.ReopenIntervention;
import io.pilotage.interventions.InterventionCommands.ResolveIntervention;
import io.pilotage.interventions.InterventionCommands.ResumeClock;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
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
import io.pilotage.interventions.InterventionRules.ClockMustBePaused;
import io.pilotage.interventions.InterventionRules.CrewMustBeAssigned;
import io.pilotage.interventions.InterventionRules.InterventionMustBeActive;
import io.pilotage.interventions.InterventionRules.OnlyP1IsMadeSafe;
import io.pilotage.interventions.InterventionRules.OnlyResolvedIsClosedOrReopened;
import io.pilotage.interventions.InterventionRules.PausesNeverOverlap;
import io.pilotage.interventions.InterventionRules.StepsFollowTheLifecycle;
import io.pilotage.shared.MetadataKeys;
import io.pilotage.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One intervention on public space, from opening to verified closure, with its contractual clock. Each
 * deadline is scheduled in the persistent deadline manager at the moment it falls due net of pauses;
 * when it fires and the step is still not done, the miss is recorded with its delay.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Intervention {

    static final String MAKE_SAFE_DEADLINE = "make-safe";
    static final String REPAIR_DEADLINE = "repair";

    @AggregateIdentifier
    private String interventionId;
    private InterventionStatus status;
    private InterventionSource source;
    private String sourceRef;
    private String assetId;
    private Priority priority;
    private Category category;
    private ContractDeadlines deadlines;
    private Instant openedAt;
    private String crewId;
    private boolean madeSafe;
    private Instant pausedAt;
    private Duration pausedTotal = Duration.ZERO;
    private final Set<DeadlineKind> missed = EnumSet.noneOf(DeadlineKind.class);
    /** The event that last started the contract clock: what a deadline's miss names as its trigger. */
    private String clockStartedBy;

    protected Intervention() {
    }

    @CommandHandler
    public Intervention(OpenIntervention command, DeadlineManager deadlines) {
        apply(new InterventionOpened(command.interventionId(), command.source(), command.sourceRef(), command.assetId(),
                command.category(), command.commune(), command.position(), command.priority(), command.deadlines(),
                command.openedAt()));
        // Events applied in a constructor reach the fields only after it returns: schedule from the command.
        schedule(deadlines, command.openedAt(), command.deadlines(), true, true);
    }

    @CommandHandler
    public void handle(QualifyIntervention command, DeadlineManager deadlineManager) {
        requireActive();
        if (command.priority() == priority && command.category() == category && command.deadlines().equals(deadlines)) {
            return;
        }
        apply(new InterventionQualified(interventionId, command.priority(), command.category(), command.deadlines(),
                command.reason(), command.at()));
        cancelDeadlines(deadlineManager);
        if (pausedAt == null) {
            scheduleDeadlines(deadlineManager);
        }
    }

    /** The intervention's rules come first in an assignment: the crew is asked only if these hold. */
    @CommandHandler
    public CrewAssignmentPlan handle(PrepareCrewAssignment command) {
        requireAssignable();
        return new CrewAssignmentPlan(category.requiredSkill(), crewId);
    }

    /**
     * The crew has committed. The rules are checked again, since the intervention may have moved on between
     * the two steps; if they fail now, the process releases the crew it had committed.
     */
    @CommandHandler
    public String handle(RecordCrewAssignment command) {
        requireAssignable();
        String previous = crewId;
        if (command.crewId().equals(previous)) {
            return null;
        }
        apply(new CrewAssigned(interventionId, command.crewId(), command.supervisorOverride(), command.at()));
        return previous;
    }

    private void requireAssignable() {
        requireActive();
        if (status == InterventionStatus.MADE_SAFE || status == InterventionStatus.ON_SITE) {
            throw new RuleViolation(new StepsFollowTheLifecycle());
        }
    }

    @CommandHandler
    public void handle(RecordDeparture command) {
        requireCrewIn(InterventionStatus.ASSIGNED);
        apply(new CrewDeparted(interventionId, crewId, command.at()));
    }

    @CommandHandler
    public void handle(RecordArrival command) {
        requireCrewIn(InterventionStatus.ASSIGNED, InterventionStatus.EN_ROUTE);
        apply(new CrewArrived(interventionId, crewId, command.at()));
    }

    @CommandHandler
    public void handle(RecordMadeSafe command, DeadlineManager deadlineManager) {
        if (priority != Priority.P1) {
            throw new RuleViolation(new OnlyP1IsMadeSafe());
        }
        requireCrewIn(InterventionStatus.ON_SITE);
        apply(new InterventionMadeSafe(interventionId, command.at()));
        deadlineManager.cancelAllWithinScope(MAKE_SAFE_DEADLINE);
    }

    @CommandHandler
    public void handle(ResolveIntervention command, DeadlineManager deadlineManager) {
        requireCrewIn(InterventionStatus.ON_SITE, InterventionStatus.MADE_SAFE);
        apply(new InterventionResolved(interventionId, command.resolution(), source, sourceRef, assetId, crewId,
                command.at()));
        cancelDeadlines(deadlineManager);
    }

    @CommandHandler
    public void handle(CloseIntervention command) {
        if (status != InterventionStatus.RESOLVED) {
            throw new RuleViolation(new OnlyResolvedIsClosedOrReopened());
        }
        apply(new InterventionClosed(interventionId, command.at()));
    }

    @CommandHandler
    public void handle(ReopenIntervention command, DeadlineManager deadlineManager) {
        if (status != InterventionStatus.RESOLVED) {
            throw new RuleViolation(new OnlyResolvedIsClosedOrReopened());
        }
        apply(new InterventionReopened(interventionId, command.reason(), command.at()));
        if (pausedAt == null) {
            scheduleDeadlines(deadlineManager);
        }
    }

    @CommandHandler
    public void handle(CancelIntervention command, DeadlineManager deadlineManager) {
        requireActive();
        apply(new InterventionCancelled(interventionId, command.reason(), crewId, command.at()));
        cancelDeadlines(deadlineManager);
    }

    @CommandHandler
    public void handle(PauseClock command, DeadlineManager deadlineManager) {
        requireActive();
        if (pausedAt != null) {
            throw new RuleViolation(new PausesNeverOverlap());
        }
        apply(new ClockPaused(interventionId, command.reason(), command.at()));
        cancelDeadlines(deadlineManager);
    }

    @CommandHandler
    public void handle(ResumeClock command, DeadlineManager deadlineManager) {
        requireActive();
        if (pausedAt == null) {
            throw new RuleViolation(new ClockMustBePaused());
        }
        Instant at = command.at().isBefore(pausedAt) ? pausedAt : command.at();
        apply(new ClockResumed(interventionId, Duration.between(pausedAt, at), at));
        scheduleDeadlines(deadlineManager);
    }

    /** The payload names the step; the clock is injected, never read from the system in a decision. */
    @DeadlineHandler(deadlineName = MAKE_SAFE_DEADLINE)
    void makeSafeDeadlinePassed(DeadlineKind kind, Clock clock) {
        recordMiss(kind, clock);
    }

    @DeadlineHandler(deadlineName = REPAIR_DEADLINE)
    void repairDeadlinePassed(DeadlineKind kind, Clock clock) {
        recordMiss(kind, clock);
    }

    /** A deadline that fires after its step was done, or while the clock is paused, is stale and ignored. */
    private void recordMiss(DeadlineKind kind, Clock clock) {
        if (!status.active() || pausedAt != null || missed.contains(kind) || kind == DeadlineKind.MAKE_SAFE && madeSafe) {
            return;
        }
        Instant due = dueAt(kind);
        Instant now = clock.instant();
        if (now.isBefore(due)) {
            return;
        }
        apply(new DeadlineMissed(interventionId, kind, due, Duration.between(due, now), now),
                MetaData.with(MetadataKeys.TRIGGERING_EVENT_ID, clockStartedBy));
    }

    /** When a step falls due: opening plus the time the contract allows, plus every pause so far. */
    Instant dueAt(DeadlineKind kind) {
        return dueAt(openedAt.plus(pausedTotal), deadlines, kind);
    }

    private static Instant dueAt(Instant clockStart, ContractDeadlines terms, DeadlineKind kind) {
        Duration within = terms.within(kind);
        return within == null ? null : clockStart.plus(within);
    }

    private void scheduleDeadlines(DeadlineManager deadlineManager) {
        schedule(deadlineManager, openedAt.plus(pausedTotal), deadlines,
                !madeSafe && !missed.contains(DeadlineKind.MAKE_SAFE), !missed.contains(DeadlineKind.REPAIR));
    }

    /** Schedules the pending steps' deadlines, counting from when the clock started net of pauses. */
    private static void schedule(DeadlineManager deadlineManager, Instant clockStart, ContractDeadlines terms,
                                 boolean makeSafePending, boolean repairPending) {
        if (makeSafePending && terms.makeSafeWithin() != null) {
            deadlineManager.schedule(dueAt(clockStart, terms, DeadlineKind.MAKE_SAFE), MAKE_SAFE_DEADLINE,
                    DeadlineKind.MAKE_SAFE);
        }
        if (repairPending) {
            deadlineManager.schedule(dueAt(clockStart, terms, DeadlineKind.REPAIR), REPAIR_DEADLINE, DeadlineKind.REPAIR);
        }
    }

    private static void cancelDeadlines(DeadlineManager deadlineManager) {
        deadlineManager.cancelAllWithinScope(MAKE_SAFE_DEADLINE);
        deadlineManager.cancelAllWithinScope(REPAIR_DEADLINE);
    }

    private void requireActive() {
        if (!status.active()) {
            throw new RuleViolation(new InterventionMustBeActive());
        }
    }

    private void requireCrewIn(InterventionStatus... allowed) {
        requireActive();
        if (crewId == null) {
            throw new RuleViolation(new CrewMustBeAssigned());
        }
        if (!List.of(allowed).contains(status)) {
            throw new RuleViolation(new StepsFollowTheLifecycle());
        }
    }

    @EventSourcingHandler
    void on(InterventionOpened event, @MessageIdentifier String eventId) {
        clockStartedBy = eventId;
        interventionId = event.interventionId();
        status = InterventionStatus.OPEN;
        source = event.source();
        sourceRef = event.sourceRef();
        assetId = event.assetId();
        priority = event.priority();
        category = event.category();
        deadlines = event.deadlines();
        openedAt = event.openedAt();
    }

    @EventSourcingHandler
    void on(InterventionQualified event, @MessageIdentifier String eventId) {
        clockStartedBy = eventId;
        priority = event.priority();
        category = event.category();
        deadlines = event.deadlines();
    }

    @EventSourcingHandler
    void on(CrewAssigned event) {
        crewId = event.crewId();
        status = InterventionStatus.ASSIGNED;
    }

    @EventSourcingHandler
    void on(CrewDeparted event) {
        status = InterventionStatus.EN_ROUTE;
    }

    @EventSourcingHandler
    void on(CrewArrived event) {
        status = InterventionStatus.ON_SITE;
    }

    @EventSourcingHandler
    void on(InterventionMadeSafe event) {
        madeSafe = true;
        status = InterventionStatus.MADE_SAFE;
    }

    @EventSourcingHandler
    void on(InterventionResolved event) {
        status = InterventionStatus.RESOLVED;
        crewId = null;
    }

    @EventSourcingHandler
    void on(InterventionClosed event) {
        status = InterventionStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(InterventionReopened event, @MessageIdentifier String eventId) {
        clockStartedBy = eventId;
        status = InterventionStatus.OPEN;
    }

    @EventSourcingHandler
    void on(InterventionCancelled event) {
        status = InterventionStatus.CANCELLED;
        crewId = null;
    }

    @EventSourcingHandler
    void on(ClockPaused event) {
        pausedAt = event.at();
    }

    @EventSourcingHandler
    void on(ClockResumed event, @MessageIdentifier String eventId) {
        clockStartedBy = eventId;
        pausedAt = null;
        pausedTotal = pausedTotal.plus(event.pausedFor());
    }

    @EventSourcingHandler
    void on(DeadlineMissed event) {
        missed.add(event.kind());
    }
}
