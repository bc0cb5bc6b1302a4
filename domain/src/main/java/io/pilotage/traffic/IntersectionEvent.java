package io.pilotage.traffic;

import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Everything that can happen to a signalised intersection and its controller. */
public sealed interface IntersectionEvent {

    IntersectionId intersectionId();

    @Revision("1")
    record IntersectionRegistered(IntersectionId intersectionId, Commune commune, GeoPosition position,
                                  List<SignalGroup> signalGroups, List<Conflict> conflicts, List<TimingPlan> timingPlans,
                                  String activePlan, Instant registeredAt) implements IntersectionEvent {
    }

    /**
     * A signal group's new state (SAE J2735 SPaT): {@code controllerTime} and {@code sequence} as the controller sent
     * them, {@code receivedAt} when the core received the report; the timing window, the termination cause and the
     * timing plan when the controller gave them.
     */
    @Revision("1")
    record SignalGroupPhaseChanged(IntersectionId intersectionId, int signalGroup, MovementPhaseState state,
                                   Instant controllerTime, long sequence, Instant receivedAt, Instant minEnd, Instant maxEnd,
                                   Instant likelyEnd, TerminationCause cause, String timingPlan) implements IntersectionEvent {
    }

    /**
     * Safety alarm: two signal groups that conflict both showed a movement-allowed state, from {@code at} (the later
     * of the two reports). Raised once per onset; the pair is watched again once either group leaves green.
     */
    @Revision("1")
    record ConflictingGreensDetected(IntersectionId intersectionId, int firstGroup, int secondGroup,
                                     MovementPhaseState firstState, MovementPhaseState secondState, Commune commune,
                                     GeoPosition position, Instant at) implements IntersectionEvent {
    }

    @Revision("1")
    record ControllerModeChanged(IntersectionId intersectionId, ControllerMode from, ControllerMode to, Commune commune,
                                 GeoPosition position, Instant at) implements IntersectionEvent {
    }

    @Revision("1")
    record ControllerFaultRaised(IntersectionId intersectionId, String faultId, ControllerFaultKind kind, Integer signalGroup,
                                 String detail, Commune commune, GeoPosition position, Instant at) implements IntersectionEvent {
    }

    @Revision("1")
    record ControllerFaultCleared(IntersectionId intersectionId, String faultId, ControllerFaultKind kind,
                                  Integer signalGroup, Instant at) implements IntersectionEvent {
    }

    @Revision("1")
    record TimingPlanChanged(IntersectionId intersectionId, String from, String to, Instant at) implements IntersectionEvent {
    }
}
