package io.pilotage.interventions;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.interventions.InterventionCommands.AttachFault;
import io.pilotage.interventions.InterventionCommands.CheckInterventionActive;
import io.pilotage.interventions.InterventionEvent.AttachedFault;
import io.pilotage.interventions.InterventionEvent.FaultAttached;
import io.pilotage.contract.ContractRules.PauseReasonMustStopTheClock;
import io.pilotage.contract.ContractTermsInForce;
import io.pilotage.contract.TermsVersion;
import io.pilotage.interventions.InterventionCommands.CancelIntervention;
import io.pilotage.interventions.InterventionCommands.CorrectInterventionTime;
import io.pilotage.interventions.InterventionEvent.InterventionTimeCorrected;
import io.pilotage.interventions.InterventionRules.CorrectedTimesKeepTheirOrder;
import io.pilotage.interventions.InterventionRules.StepMustHaveHappened;
import io.pilotage.interventions.InterventionCommands.CloseIntervention;
import io.pilotage.interventions.InterventionCommands.CrewAssignmentPlan;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.PauseClock;
import io.pilotage.interventions.InterventionCommands.PrepareReopening;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * deadline is scheduled in the persistent deadline manager for the time left on the application's clock,
 * which may be offset from the real time the deadline manager fires on: an absolute instant would mix the
 * two clocks and fire early or late by the offset. When it fires and the step is still not done, the miss
 * is recorded with its contractual due time; if it fires before that time, it is scheduled again.
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
    /** The asset, or for work on a place its place key: what the intervention holds while open. */
    private String claimKey;
    private Priority priority;
    private Category category;
    private ContractClock contract;
    private String crewId;
    /** The event that last started the contract clock: what a deadline's miss names as its trigger. */
    private String clockStartedBy;
    private final List<AttachedFault> attachedFaults = new ArrayList<>();
    private int termsVersion;
    /** The recorded (or corrected) time of each step a correction may move. */
    private Instant openedAt;
    private Instant arrivedAt;
    private Instant madeSafeAt;
    private Instant resolvedAt;

    protected Intervention() {
    }

    @CommandHandler
    public Intervention(OpenIntervention command, DeadlineManager deadlineManager, Clock clock) {
        apply(new InterventionOpened(command.interventionId(), command.source(), command.sourceRef(), command.assetId(),
                command.category(), command.commune(), command.position(), command.priority(), command.deadlines(),
                command.termsVersion(), command.openedAt()));
        // Events applied in a constructor reach the fields only after it returns: schedule from the command.
        schedule(deadlineManager, ContractClock.started(command.openedAt(), command.deadlines()), clock);
    }

    @CommandHandler
    public void handle(QualifyIntervention command, DeadlineManager deadlineManager, Clock clock, ContractTermsInForce terms) {
        requireActive();
        ContractDeadlines deadlines = terms.version(termsVersion).terms().deadlinesFor(command.priority());
        if (command.priority() == priority && command.category() == category && deadlines.equals(contract.deadlines())) {
            return;
        }
        apply(new InterventionQualified(interventionId, command.priority(), command.category(), deadlines,
                command.reason(), command.at()));
        cancelDeadlines(deadlineManager);
        if (!contract.paused()) {
            schedule(deadlineManager, contract, clock);
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
        closeOpenPause(command.at());
        apply(new InterventionResolved(interventionId, command.resolution(), source, sourceRef, assetId, crewId,
                command.at(), attachedFaults));
        cancelDeadlines(deadlineManager);
    }

    /** Whether the intervention still holds its asset: asked before another takes the asset over. */
    @CommandHandler
    public boolean handle(CheckInterventionActive command) {
        return status.active();
    }

    /** Another fault this intervention covers; the same fault attached twice changes nothing. */
    @CommandHandler
    public boolean handle(AttachFault command) {
        requireActive();
        boolean known = command.faultRef().equals(sourceRef)
                || attachedFaults.stream().anyMatch(attached -> attached.faultRef().equals(command.faultRef()));
        if (known) {
            return false;
        }
        apply(new FaultAttached(interventionId, command.assetId(), command.faultRef(), command.at()));
        return true;
    }

    @CommandHandler
    public void handle(CloseIntervention command) {
        if (status != InterventionStatus.RESOLVED) {
            throw new RuleViolation(new OnlyResolvedIsClosedOrReopened());
        }
        apply(new InterventionClosed(interventionId, command.at()));
    }

    /** A resolution stored before pauses were closed at resolution may still hold one open: it stays paused. */
    /** The reopening's rules come first: the asset is taken again only for an intervention that may reopen. */
    @CommandHandler
    public String handle(PrepareReopening command) {
        if (status != InterventionStatus.RESOLVED) {
            throw new RuleViolation(new OnlyResolvedIsClosedOrReopened());
        }
        return claimKey;
    }

    @CommandHandler
    public void handle(ReopenIntervention command, DeadlineManager deadlineManager, Clock clock) {
        if (status != InterventionStatus.RESOLVED) {
            throw new RuleViolation(new OnlyResolvedIsClosedOrReopened());
        }
        apply(new InterventionReopened(interventionId, command.reason(), command.at()));
        if (!contract.paused()) {
            schedule(deadlineManager, contract, clock);
        }
    }

    @CommandHandler
    public void handle(CancelIntervention command, DeadlineManager deadlineManager) {
        requireActive();
        closeOpenPause(command.at());
        apply(new InterventionCancelled(interventionId, command.reason(), crewId, command.at()));
        cancelDeadlines(deadlineManager);
    }

    @CommandHandler
    public void handle(PauseClock command, DeadlineManager deadlineManager, ContractTermsInForce terms) {
        requireActive();
        if (contract.paused()) {
            throw new RuleViolation(new PausesNeverOverlap());
        }
        TermsVersion inForce = terms.at(command.at());
        if (!inForce.terms().stopsTheClock(command.reason())) {
            throw new RuleViolation(new PauseReasonMustStopTheClock(inForce.version()));
        }
        apply(new ClockPaused(interventionId, command.reason(), command.at()));
        cancelDeadlines(deadlineManager);
    }

    @CommandHandler
    public void handle(ResumeClock command, DeadlineManager deadlineManager, Clock clock) {
        requireActive();
        if (!contract.paused()) {
            throw new RuleViolation(new ClockMustBePaused());
        }
        closeOpenPause(command.at());
        schedule(deadlineManager, contract, clock);
    }

    /**
     * Corrects a step's recorded time. The live clock is left as it is: its deadlines were cancelled when the step
     * was done, and what was late is computed again from the corrected times by the delay KPI. A correction to
     * the time already recorded changes nothing.
     */
    @CommandHandler
    public boolean handle(CorrectInterventionTime command) {
        Instant previous = switch (command.step()) {
            case CREW_ARRIVED -> arrivedAt;
            case MADE_SAFE -> madeSafeAt;
            case RESOLVED -> resolvedAt;
        };
        if (previous == null) {
            throw new RuleViolation(new StepMustHaveHappened());
        }
        if (previous.equals(command.correctedAt())) {
            return false;
        }
        Instant before = switch (command.step()) {
            case CREW_ARRIVED -> openedAt;
            case MADE_SAFE -> arrivedAt != null ? arrivedAt : openedAt;
            case RESOLVED -> madeSafeAt != null ? madeSafeAt : arrivedAt != null ? arrivedAt : openedAt;
        };
        Instant after = switch (command.step()) {
            case CREW_ARRIVED -> madeSafeAt != null ? madeSafeAt : resolvedAt;
            case MADE_SAFE -> resolvedAt;
            case RESOLVED -> null;
        };
        if (command.correctedAt().isBefore(before) || after != null && command.correctedAt().isAfter(after)) {
            throw new RuleViolation(new CorrectedTimesKeepTheirOrder());
        }
        apply(new InterventionTimeCorrected(interventionId, command.step(), previous, command.correctedAt(),
                command.reason(), command.at()));
        return true;
    }

    /**
     * An intervention that ends while paused ends its pause in the same instant: otherwise the pause stays open
     * for ever, durations net of pauses count nothing after it and the board shows it paused after it ended.
     */
    private void closeOpenPause(Instant at) {
        if (contract.paused()) {
            Instant end = contract.pauseEnd(at);
            apply(new ClockResumed(interventionId, contract.pauseEndingAt(end), end));
        }
    }

    /** The payload names the step; the clock is injected, never read from the system in a decision. */
    @DeadlineHandler(deadlineName = MAKE_SAFE_DEADLINE)
    void makeSafeDeadlinePassed(DeadlineKind kind, DeadlineManager deadlineManager, Clock clock) {
        deadlinePassed(kind, deadlineManager, clock);
    }

    @DeadlineHandler(deadlineName = REPAIR_DEADLINE)
    void repairDeadlinePassed(DeadlineKind kind, DeadlineManager deadlineManager, Clock clock) {
        deadlinePassed(kind, deadlineManager, clock);
    }

    /**
     * A deadline that fires after its step was done, or while the clock is paused, is stale and ignored. One that
     * fires before the step is due on the application's clock (persisted while that clock read later, under
     * another offset or on another node) is scheduled again for what is left: dropping it would lose the miss.
     */
    private void deadlinePassed(DeadlineKind kind, DeadlineManager deadlineManager, Clock clock) {
        if (!status.active() || contract.paused() || !contract.pending(kind)) {
            return;
        }
        Instant now = clock.instant();
        if (!contract.overdue(kind, now)) {
            deadlineManager.schedule(contract.timeLeft(kind, now), deadlineName(kind), kind);
            return;
        }
        apply(new DeadlineMissed(interventionId, kind, contract.dueAt(kind), contract.lateBy(kind, now), now),
                MetaData.with(MetadataKeys.TRIGGERING_EVENT_ID, clockStartedBy));
    }

    /** Schedules the pending steps' deadlines for the time the application's clock says is left. */
    private static void schedule(DeadlineManager deadlineManager, ContractClock contract, Clock clock) {
        Instant now = clock.instant();
        for (DeadlineKind kind : DeadlineKind.values()) {
            if (contract.pending(kind)) {
                deadlineManager.schedule(contract.timeLeft(kind, now), deadlineName(kind), kind);
            }
        }
    }

    private static String deadlineName(DeadlineKind kind) {
        return kind == DeadlineKind.MAKE_SAFE ? MAKE_SAFE_DEADLINE : REPAIR_DEADLINE;
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
        claimKey = event.assetId() != null ? event.assetId() : InterventionCommands.placeKey(event.category(), event.position());
        priority = event.priority();
        category = event.category();
        termsVersion = event.termsVersion();
        openedAt = event.openedAt();
        contract = ContractClock.started(event.openedAt(), event.deadlines());
    }

    @EventSourcingHandler
    void on(InterventionQualified event, @MessageIdentifier String eventId) {
        clockStartedBy = eventId;
        priority = event.priority();
        category = event.category();
        contract = contract.requalified(event.deadlines());
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
        arrivedAt = event.at();
    }

    @EventSourcingHandler
    void on(InterventionMadeSafe event) {
        contract = contract.afterMadeSafe();
        status = InterventionStatus.MADE_SAFE;
        madeSafeAt = event.at();
    }

    @EventSourcingHandler
    void on(InterventionResolved event) {
        status = InterventionStatus.RESOLVED;
        resolvedAt = event.at();
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
        contract = contract.pausedAt(event.at());
    }

    @EventSourcingHandler
    void on(ClockResumed event, @MessageIdentifier String eventId) {
        clockStartedBy = eventId;
        contract = contract.resumedAfter(event.pausedFor());
    }

    @EventSourcingHandler
    void on(FaultAttached event) {
        attachedFaults.add(new AttachedFault(event.assetId(), event.faultRef()));
    }

    @EventSourcingHandler
    void on(InterventionTimeCorrected event) {
        switch (event.step()) {
            case CREW_ARRIVED -> arrivedAt = event.correctedAt();
            case MADE_SAFE -> madeSafeAt = event.correctedAt();
            case RESOLVED -> resolvedAt = event.correctedAt();
        }
    }

    @EventSourcingHandler
    void on(DeadlineMissed event) {
        contract = contract.afterMiss(event.kind());
    }
}
