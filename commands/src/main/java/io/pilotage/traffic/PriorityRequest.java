package io.pilotage.traffic;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pilotage.shared.MetadataKeys;
import io.pilotage.shared.RuleViolation;
import io.pilotage.traffic.PriorityCommands.CheckOutPriority;
import io.pilotage.traffic.PriorityCommands.GrantPriority;
import io.pilotage.traffic.PriorityCommands.RejectPriority;
import io.pilotage.traffic.PriorityCommands.RequestPriority;
import io.pilotage.traffic.PriorityRequestEvent.PriorityCheckedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityGranted;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRejected;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequestTimedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequested;
import io.pilotage.traffic.TrafficRules.PriorityRequestIsFinal;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One bus's request for priority at one intersection, from check-in to check-out, under the bus's number for it. The
 * controller answers once; an answer that comes after another, or after the request timed out, changes nothing (the
 * first answer is what the bus got). Buses' numbers wrap, so once a request is over its number may name a later one:
 * the stream then holds one request after the other, and answers go to the latest. The time-out is a persistent deadline at the request's {@code answerBy}, so it fires after a restart too; the
 * answer cancels it.
 */
@Aggregate
public class PriorityRequest {

    static final String ANSWER_DEADLINE = "priority-answer";

    @AggregateIdentifier
    private String requestId;
    private PriorityRequested request;
    /** The event the time-out answers to: an auditor follows a time-out back to the request it ended. */
    private String requestedBy;
    private PriorityOutcome outcome;
    private boolean checkedOut;

    protected PriorityRequest() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RequestPriority command, DeadlineManager deadlineManager) {
        PriorityRequested requested = new PriorityRequested(command.requestId(), command.intersectionId(), command.vehicleId(),
                command.line(), command.signalGroup(), command.latenessSeconds(), command.requestedAt(), command.answerBy());
        if (request != null) {
            if (sameRequest(request, requested)) {
                return false;
            }
            // A bus's numbers wrap: the same number later, once the request it named is over, is a new request.
            boolean numberReused = outcome != PriorityOutcome.PENDING && command.requestedAt().isAfter(request.requestedAt());
            if (!numberReused) {
                throw new RuleViolation(new PriorityRequestIsFinal());
            }
        }
        apply(requested);
        deadlineManager.schedule(command.answerBy(), ANSWER_DEADLINE, command.requestedAt());
        return true;
    }

    /**
     * What the bus asked is the request; its {@code answerBy} follows from when it arrived, so a redelivery that arrives
     * later is still the same request.
     */
    private static boolean sameRequest(PriorityRequested recorded, PriorityRequested asked) {
        return recorded.intersectionId().equals(asked.intersectionId()) && recorded.vehicleId().equals(asked.vehicleId())
                && recorded.line().equals(asked.line()) && recorded.signalGroup() == asked.signalGroup()
                && recorded.latenessSeconds() == asked.latenessSeconds() && recorded.requestedAt().equals(asked.requestedAt());
    }

    @CommandHandler
    public boolean handle(GrantPriority command, DeadlineManager deadlineManager) {
        if (outcome != PriorityOutcome.PENDING) {
            return false;
        }
        apply(new PriorityGranted(request.requestId(), request.intersectionId(), request.line(), command.at()));
        deadlineManager.cancelAllWithinScope(ANSWER_DEADLINE);
        return true;
    }

    @CommandHandler
    public boolean handle(RejectPriority command, DeadlineManager deadlineManager) {
        if (outcome != PriorityOutcome.PENDING) {
            return false;
        }
        apply(new PriorityRejected(request.requestId(), request.intersectionId(), request.line(), command.reason(), command.at()));
        deadlineManager.cancelAllWithinScope(ANSWER_DEADLINE);
        return true;
    }

    @CommandHandler
    public boolean handle(CheckOutPriority command) {
        if (checkedOut) {
            return false;
        }
        apply(new PriorityCheckedOut(request.requestId(), request.intersectionId(), request.line(),
                outcome != PriorityOutcome.PENDING, command.at()));
        return true;
    }

    /**
     * A bus that went through unanswered still times out: the statistics count it as not answered. Stale when the answer
     * came first (a cancellation can race the firing): then it changes nothing.
     */
    @DeadlineHandler(deadlineName = ANSWER_DEADLINE)
    void answerDeadlinePassed(Instant requestedAt) {
        if (outcome == PriorityOutcome.PENDING && request.requestedAt().equals(requestedAt)) {
            apply(new PriorityRequestTimedOut(request.requestId(), request.intersectionId(), request.line(), request.answerBy()),
                    MetaData.with(MetadataKeys.TRIGGERING_EVENT_ID, requestedBy));
        }
    }

    @EventSourcingHandler
    void on(PriorityRequested event, @MessageIdentifier String eventId) {
        requestId = event.requestId().value();
        requestedBy = eventId;
        request = event;
        outcome = PriorityOutcome.PENDING;
        checkedOut = false;
    }

    @EventSourcingHandler
    void on(PriorityGranted event) {
        outcome = PriorityOutcome.GRANTED;
    }

    @EventSourcingHandler
    void on(PriorityRejected event) {
        outcome = PriorityOutcome.REJECTED;
    }

    @EventSourcingHandler
    void on(PriorityRequestTimedOut event) {
        outcome = PriorityOutcome.TIMED_OUT;
    }

    @EventSourcingHandler
    void on(PriorityCheckedOut event) {
        checkedOut = true;
    }
}
