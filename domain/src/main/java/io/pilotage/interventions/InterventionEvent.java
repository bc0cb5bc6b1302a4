package io.pilotage.interventions;

import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Everything that can happen to an intervention. */
public sealed interface InterventionEvent {

    String interventionId();

    /**
     * Revision 2 names the contract terms version the intervention opened under: its deadlines and the penalty
     * rates its lateness is priced at. Revision-1 events opened under the signed terms, version 1.
     */
    @Revision("2")
    record InterventionOpened(String interventionId, InterventionSource source, String sourceRef, String assetId,
                              Category category, Commune commune, GeoPosition position, Priority priority,
                              ContractDeadlines deadlines, int termsVersion, Instant openedAt) implements InterventionEvent {
    }

    @Revision("1")
    record InterventionQualified(String interventionId, Priority priority, Category category,
                                 ContractDeadlines deadlines, String reason, Instant at) implements InterventionEvent {
    }

    @Revision("1")
    record CrewAssigned(String interventionId, String crewId, boolean supervisorOverride,
                        Instant at) implements InterventionEvent {
    }

    @Revision("1")
    record CrewDeparted(String interventionId, String crewId, Instant at) implements InterventionEvent {
    }

    @Revision("1")
    record CrewArrived(String interventionId, String crewId, Instant at) implements InterventionEvent {
    }

    @Revision("1")
    record InterventionMadeSafe(String interventionId, Instant at) implements InterventionEvent {
    }

    /**
     * Carries what the intervention was for, so policies can act on the assets without a lookup. Revision 2 adds
     * the faults attached since opening; revision-1 events are upcast with none.
     */
    @Revision("2")
    record InterventionResolved(String interventionId, Resolution resolution, InterventionSource source,
                                String sourceRef, String assetId, String crewId, Instant at,
                                List<AttachedFault> attachedFaults) implements InterventionEvent {
        public InterventionResolved {
            attachedFaults = attachedFaults == null ? List.of() : List.copyOf(attachedFaults);
        }
    }

    /** A fault on an asset that an intervention covers besides the one it was opened for. */
    record AttachedFault(String assetId, String faultRef) {
    }

    @Revision("1")
    record FaultAttached(String interventionId, String assetId, String faultRef, Instant at) implements InterventionEvent {
    }

    @Revision("1")
    record InterventionClosed(String interventionId, Instant at) implements InterventionEvent {
    }

    @Revision("1")
    record InterventionReopened(String interventionId, String reason, Instant at) implements InterventionEvent {
    }

    @Revision("1")
    record InterventionCancelled(String interventionId, String reason, String crewId, Instant at) implements InterventionEvent {
    }

    @Revision("1")
    record ClockPaused(String interventionId, PauseReason reason, Instant at) implements InterventionEvent {
    }

    /** Also applied just before a resolution or cancellation that finds the clock paused: no pause stays open. */
    @Revision("1")
    record ClockResumed(String interventionId, Duration pausedFor, Instant at) implements InterventionEvent {
    }

    /** A step's recorded time replaced by {@code correctedAt}; {@code previousAt} is the time it replaces. */
    @Revision("1")
    record InterventionTimeCorrected(String interventionId, CorrectableStep step, Instant previousAt, Instant correctedAt,
                                     String reason, Instant at) implements InterventionEvent {
    }

    /** A step was not done by its deadline, net of pauses; {@code delay} is how late it was when recorded. */
    @Revision("1")
    record DeadlineMissed(String interventionId, DeadlineKind kind, Instant dueAt, Duration delay,
                          Instant recordedAt) implements InterventionEvent {
    }
}
