package io.pilotage.interventions;

import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Everything that can happen to an intervention. */
public sealed interface InterventionEvent {

    String interventionId();

    @Revision("1")
    record InterventionOpened(String interventionId, InterventionSource source, String sourceRef, String assetId,
                              Category category, Commune commune, GeoPosition position, Priority priority,
                              ContractDeadlines deadlines, Instant openedAt) implements InterventionEvent {
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

    /** Carries what the intervention was for, so policies can act on the asset without a lookup. */
    @Revision("1")
    record InterventionResolved(String interventionId, Resolution resolution, InterventionSource source,
                                String sourceRef, String assetId, String crewId, Instant at) implements InterventionEvent {
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

    /** A step was not done by its deadline, net of pauses; {@code delay} is how late it was when recorded. */
    @Revision("1")
    record DeadlineMissed(String interventionId, DeadlineKind kind, Instant dueAt, Duration delay,
                          Instant recordedAt) implements InterventionEvent {
    }
}
