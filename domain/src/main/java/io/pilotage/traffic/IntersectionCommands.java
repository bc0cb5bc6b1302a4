package io.pilotage.traffic;

import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands addressed to one signalised intersection and its controller. */
public final class IntersectionCommands {

    /** Most reports one command carries: a controller's batch of a few seconds, bounded so a transaction stays short. */
    public static final int MAX_CHANGES_PER_BATCH = 1_000;

    private IntersectionCommands() {
    }

    /**
     * Registers an intersection with what its controller runs: its signal groups, which of them conflict, its timing
     * plans and the plan active now. Registering it again with the same facts changes nothing.
     */
    public record RegisterIntersection(@TargetAggregateIdentifier IntersectionId intersectionId, Commune commune,
                                       GeoPosition position, List<SignalGroup> signalGroups, List<Conflict> conflicts,
                                       List<TimingPlan> timingPlans, String activePlan, Instant registeredAt) {
        public RegisterIntersection {
            InvalidValue.requireNonNull(intersectionId, "intersectionId");
            InvalidValue.requireNonNull(commune, "commune");
            InvalidValue.requireNonNull(position, "position");
            InvalidValue.requireNonNull(signalGroups, "signalGroups");
            InvalidValue.require(!signalGroups.isEmpty() && signalGroups.size() <= 64, "signalGroups", "must hold 1 to 64 signal groups");
            Set<Integer> ids = new HashSet<>();
            for (SignalGroup group : signalGroups) {
                InvalidValue.requireNonNull(group, "signalGroups");
                InvalidValue.require(ids.add(group.id()), "signalGroups", "signal group " + group.id() + " is listed twice");
            }
            conflicts = conflicts == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(conflicts));
            for (Conflict conflict : conflicts) {
                InvalidValue.require(ids.contains(conflict.first()) && ids.contains(conflict.second()), "conflicts",
                        "names a signal group the intersection does not have: " + conflict.first() + "-" + conflict.second());
            }
            InvalidValue.requireNonNull(timingPlans, "timingPlans");
            InvalidValue.require(!timingPlans.isEmpty() && timingPlans.size() <= 32, "timingPlans", "must hold 1 to 32 timing plans");
            Set<String> plans = new HashSet<>();
            for (TimingPlan plan : timingPlans) {
                InvalidValue.requireNonNull(plan, "timingPlans");
                InvalidValue.require(plans.add(plan.id()), "timingPlans", "plan " + plan.id() + " is listed twice");
            }
            Identifiers.require(activePlan, "activePlan");
            InvalidValue.require(plans.contains(activePlan), "timingPlans", "must hold the activePlan " + activePlan);
            InvalidValue.requireNonNull(registeredAt, "registeredAt");
            signalGroups = List.copyOf(signalGroups);
            timingPlans = List.copyOf(timingPlans);
        }
    }

    /**
     * A controller's batch of SPaT reports, received together. Each becomes an event unless it is a duplicate (a
     * sequence number already recorded for its group) or older than the group's last report: those are absorbed and
     * counted in the {@link PhaseChangesRecorded} the command returns.
     */
    public record RecordPhaseChanges(@TargetAggregateIdentifier IntersectionId intersectionId, List<PhaseChange> changes,
                                     Instant receivedAt) {
        public RecordPhaseChanges {
            InvalidValue.requireNonNull(intersectionId, "intersectionId");
            InvalidValue.requireNonNull(changes, "changes");
            InvalidValue.require(!changes.isEmpty() && changes.size() <= MAX_CHANGES_PER_BATCH, "changes",
                    "must hold 1 to " + MAX_CHANGES_PER_BATCH + " reports");
            changes.forEach(change -> InvalidValue.requireNonNull(change, "changes"));
            InvalidValue.requireNonNull(receivedAt, "receivedAt");
            changes = List.copyOf(changes);
        }
    }

    /** What a batch of reports became: events, duplicates and stale reports (older than their group's last one). */
    public record PhaseChangesRecorded(int recorded, int duplicates, int stale) {
    }

    /** The controller reports running in {@code mode} since {@code at} (its clock). */
    public record ChangeControllerMode(@TargetAggregateIdentifier IntersectionId intersectionId, ControllerMode mode, Instant at) {
        public ChangeControllerMode {
            InvalidValue.requireNonNull(intersectionId, "intersectionId");
            InvalidValue.requireNonNull(mode, "mode");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /**
     * The controller reports a fault, under the id it gives it (a later clearance names the same id); a fault of one
     * signal group names it. Raising a fault that is already open changes nothing.
     */
    public record RaiseControllerFault(@TargetAggregateIdentifier IntersectionId intersectionId, String faultId,
                                       ControllerFaultKind kind, Integer signalGroup, String detail, Instant at) {
        public RaiseControllerFault {
            InvalidValue.requireNonNull(intersectionId, "intersectionId");
            Identifiers.require(faultId, "faultId");
            InvalidValue.requireNonNull(kind, "kind");
            InvalidValue.require((kind == ControllerFaultKind.SIGNAL_GROUP) == (signalGroup != null), "signalGroup",
                    "is required for a signal-group fault and only for one");
            if (signalGroup != null) {
                SignalGroup.requireId(signalGroup, "signalGroup");
            }
            detail = detail == null || detail.isBlank() ? "" : Text.requireLine(detail, "detail", 500);
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** The controller reports the fault cleared. Clearing a fault that is not open changes nothing. */
    public record ClearControllerFault(@TargetAggregateIdentifier IntersectionId intersectionId, String faultId, Instant at) {
        public ClearControllerFault {
            InvalidValue.requireNonNull(intersectionId, "intersectionId");
            Identifiers.require(faultId, "faultId");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** The controller switched to another of its timing plans. */
    public record ChangeTimingPlan(@TargetAggregateIdentifier IntersectionId intersectionId, String planId, Instant at) {
        public ChangeTimingPlan {
            InvalidValue.requireNonNull(intersectionId, "intersectionId");
            Identifiers.require(planId, "planId");
            InvalidValue.requireNonNull(at, "at");
        }
    }
}
