package io.pilotage.traffic;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.RuleViolation;
import io.pilotage.traffic.IntersectionCommands.ChangeControllerMode;
import io.pilotage.traffic.IntersectionCommands.ChangeTimingPlan;
import io.pilotage.traffic.IntersectionCommands.ClearControllerFault;
import io.pilotage.traffic.IntersectionCommands.PhaseChangesRecorded;
import io.pilotage.traffic.IntersectionCommands.RaiseControllerFault;
import io.pilotage.traffic.IntersectionCommands.RecordPhaseChanges;
import io.pilotage.traffic.IntersectionCommands.RegisterIntersection;
import io.pilotage.traffic.IntersectionEvent.ConflictingGreensDetected;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultCleared;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultRaised;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionEvent.IntersectionRegistered;
import io.pilotage.traffic.IntersectionEvent.SignalGroupPhaseChanged;
import io.pilotage.traffic.IntersectionEvent.TimingPlanChanged;
import io.pilotage.traffic.TrafficRules.IntersectionRegistrationIsFinal;
import io.pilotage.traffic.TrafficRules.SignalGroupMustBeKnown;
import io.pilotage.traffic.TrafficRules.TimingPlanMustBeKnown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A signalised intersection as its controller reports it: what each signal group shows, the controller's mode, its
 * open faults and its timing plan. The city's 113 controllers report some 30 phase changes a second between them,
 * about 2.6 million a day: each stream grows without end, so it is snapshotted and keeps only what its decisions look at (each group's last report
 * and the sequence numbers of its recent ones, the conflicts open now).
 * <p>
 * Reports come at least once and not always in order. A batch is taken in the controller's order (its clock, then its
 * sequence number); a report later than its group's last is recorded; one that is not is absorbed without an event
 * and counted in what the command returns, as a duplicate when its sequence number is among the group's recent ones
 * (a redelivery), as stale otherwise. A controller that restarts its numbering is still heard, its reports being
 * later. Each report is checked against the conflict matrix after it is applied: two conflicting groups both in a
 * movement-allowed state raise {@link ConflictingGreensDetected}, once per onset.
 */
@Aggregate(snapshotTriggerDefinition = "intersectionSnapshotTrigger")
@Revision("1")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Intersection {

    /** How many recent sequence numbers each group remembers to recognise a redelivered report. */
    static final int REMEMBERED_SEQUENCES = 32;
    /** How many cleared faults an intersection remembers, to recognise a raise delivered after its clearance. */
    static final int REMEMBERED_CLEARANCES = 256;

    @AggregateIdentifier
    private String intersectionId;
    private IntersectionRegistered registration;
    private Map<Integer, List<Integer>> conflictingGroups = new HashMap<>();
    private Set<String> timingPlans = new HashSet<>();
    private String activePlan;
    private ControllerMode mode = ControllerMode.NORMAL;
    private Instant modeSince;
    private Map<Integer, GroupState> groups = new TreeMap<>();
    /** Conflicting pairs both in green now, as "low-high": alarmed once, watched again when either leaves green. */
    private Set<String> greenConflicts = new TreeSet<>();
    private Map<String, ControllerFaultRaised> openFaults = new TreeMap<>();
    /** When recent faults were cleared: a raise delivered late, at or before its clearance, must not reopen one. */
    private Map<String, Instant> clearedFaults = new TreeMap<>();

    protected Intersection() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RegisterIntersection command) {
        IntersectionRegistered requested = new IntersectionRegistered(command.intersectionId(), command.commune(),
                command.position(), command.signalGroups(), command.conflicts(), command.timingPlans(), command.activePlan(),
                command.registeredAt());
        if (registration != null) {
            if (sameFacts(registration, requested)) {
                return false;
            }
            throw new RuleViolation(new IntersectionRegistrationIsFinal());
        }
        apply(requested);
        return true;
    }

    @CommandHandler
    public PhaseChangesRecorded handle(RecordPhaseChanges command) {
        for (PhaseChange change : command.changes()) {
            if (!groups.containsKey(change.signalGroup())) {
                throw new RuleViolation(new SignalGroupMustBeKnown(change.signalGroup()));
            }
            if (change.timingPlan() != null && !timingPlans.contains(change.timingPlan())) {
                throw new RuleViolation(new TimingPlanMustBeKnown(change.timingPlan()));
            }
        }
        int recorded = 0;
        int duplicates = 0;
        int stale = 0;
        List<PhaseChange> inOrder = new ArrayList<>(command.changes());
        inOrder.sort(Comparator.comparing(PhaseChange::controllerTime).thenComparingLong(PhaseChange::sequence));
        for (PhaseChange change : inOrder) {
            GroupState group = groups.get(change.signalGroup());
            if (!group.precedes(change)) {
                if (group.remembers(change.sequence())) {
                    duplicates++;
                } else {
                    stale++;
                }
                continue;
            }
            apply(new SignalGroupPhaseChanged(command.intersectionId(), change.signalGroup(), change.state(),
                    change.controllerTime(), change.sequence(), command.receivedAt(), change.minEnd(), change.maxEnd(),
                    change.likelyEnd(), change.cause(), change.timingPlan()));
            recorded++;
            alarmConflictingGreens(change);
        }
        return new PhaseChangesRecorded(recorded, duplicates, stale);
    }

    /**
     * Alarms when a group turns green while a conflicting group's last report, at or before this one, shows green.
     * A conflicting group whose last report is later says nothing about this instant: no alarm is guessed.
     */
    private void alarmConflictingGreens(PhaseChange change) {
        if (!change.state().allowsMovement()) {
            return;
        }
        for (int other : conflictingGroups.getOrDefault(change.signalGroup(), List.of())) {
            GroupState otherState = groups.get(other);
            if (otherState.state != null && otherState.state.allowsMovement()
                    && !otherState.controllerTime.isAfter(change.controllerTime())
                    && !greenConflicts.contains(pair(change.signalGroup(), other))) {
                int first = Math.min(change.signalGroup(), other);
                int second = Math.max(change.signalGroup(), other);
                apply(new ConflictingGreensDetected(registration.intersectionId(), first, second, groups.get(first).state,
                        groups.get(second).state, registration.commune(), registration.position(), change.controllerTime()));
            }
        }
    }

    @CommandHandler
    public boolean handle(ChangeControllerMode command) {
        if (command.mode() == mode || (modeSince != null && command.at().isBefore(modeSince))) {
            return false;
        }
        apply(new ControllerModeChanged(command.intersectionId(), mode, command.mode(), registration.commune(),
                registration.position(), command.at()));
        return true;
    }

    @CommandHandler
    public boolean handle(RaiseControllerFault command) {
        Instant cleared = clearedFaults.get(command.faultId());
        if (openFaults.containsKey(command.faultId()) || (cleared != null && !command.at().isAfter(cleared))) {
            return false;
        }
        if (command.signalGroup() != null && !groups.containsKey(command.signalGroup())) {
            throw new RuleViolation(new SignalGroupMustBeKnown(command.signalGroup()));
        }
        apply(new ControllerFaultRaised(command.intersectionId(), command.faultId(), command.kind(), command.signalGroup(),
                command.detail(), registration.commune(), registration.position(), command.at()));
        return true;
    }

    @CommandHandler
    public boolean handle(ClearControllerFault command) {
        ControllerFaultRaised open = openFaults.get(command.faultId());
        if (open == null) {
            return false;
        }
        apply(new ControllerFaultCleared(command.intersectionId(), command.faultId(), open.kind(), open.signalGroup(), command.at()));
        return true;
    }

    @CommandHandler
    public boolean handle(ChangeTimingPlan command) {
        if (!timingPlans.contains(command.planId())) {
            throw new RuleViolation(new TimingPlanMustBeKnown(command.planId()));
        }
        if (command.planId().equals(activePlan)) {
            return false;
        }
        apply(new TimingPlanChanged(command.intersectionId(), activePlan, command.planId(), command.at()));
        return true;
    }

    @EventSourcingHandler
    void on(IntersectionRegistered event) {
        intersectionId = event.intersectionId().value();
        registration = event;
        event.signalGroups().forEach(group -> groups.put(group.id(), new GroupState()));
        for (Conflict conflict : event.conflicts()) {
            conflictingGroups.computeIfAbsent(conflict.first(), group -> new ArrayList<>()).add(conflict.second());
            conflictingGroups.computeIfAbsent(conflict.second(), group -> new ArrayList<>()).add(conflict.first());
        }
        event.timingPlans().forEach(plan -> timingPlans.add(plan.id()));
        activePlan = event.activePlan();
    }

    @EventSourcingHandler
    void on(SignalGroupPhaseChanged event) {
        groups.get(event.signalGroup()).record(event.state(), event.controllerTime(), event.sequence());
        if (!event.state().allowsMovement()) {
            for (int other : conflictingGroups.getOrDefault(event.signalGroup(), List.of())) {
                greenConflicts.remove(pair(event.signalGroup(), other));
            }
        }
    }

    @EventSourcingHandler
    void on(ConflictingGreensDetected event) {
        greenConflicts.add(pair(event.firstGroup(), event.secondGroup()));
    }

    @EventSourcingHandler
    void on(ControllerModeChanged event) {
        mode = event.to();
        modeSince = event.at();
    }

    @EventSourcingHandler
    void on(ControllerFaultRaised event) {
        openFaults.put(event.faultId(), event);
    }

    @EventSourcingHandler
    void on(ControllerFaultCleared event) {
        openFaults.remove(event.faultId());
        clearedFaults.put(event.faultId(), event.at());
        if (clearedFaults.size() > REMEMBERED_CLEARANCES) {
            clearedFaults.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> clearedFaults.remove(oldest.getKey()));
        }
    }

    @EventSourcingHandler
    void on(TimingPlanChanged event) {
        activePlan = event.to();
    }

    private static String pair(int one, int other) {
        return Math.min(one, other) + "-" + Math.max(one, other);
    }

    private static boolean sameFacts(IntersectionRegistered registered, IntersectionRegistered requested) {
        return registered.commune() == requested.commune() && registered.position().equals(requested.position())
                && new HashSet<>(registered.signalGroups()).equals(new HashSet<>(requested.signalGroups()))
                && new HashSet<>(registered.conflicts()).equals(new HashSet<>(requested.conflicts()))
                && new HashSet<>(registered.timingPlans()).equals(new HashSet<>(requested.timingPlans()));
    }

    /** A signal group's last report and the sequence numbers of its recent ones (a ring), as the snapshot keeps them. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    static final class GroupState {
        private MovementPhaseState state;
        private Instant controllerTime;
        private long sequence = -1;
        private long[] recent = new long[0];
        private int next;

        void record(MovementPhaseState newState, Instant time, long newSequence) {
            state = newState;
            controllerTime = time;
            sequence = newSequence;
            if (recent.length < REMEMBERED_SEQUENCES) {
                recent = java.util.Arrays.copyOf(recent, recent.length + 1);
                recent[recent.length - 1] = newSequence;
            } else {
                recent[next] = newSequence;
                next = (next + 1) % REMEMBERED_SEQUENCES;
            }
        }

        /** Whether {@code change} is later than this group's last report, by the controller's clock, then its sequence. */
        boolean precedes(PhaseChange change) {
            return controllerTime == null || !change.isBefore(controllerTime, sequence)
                    && !(change.controllerTime().equals(controllerTime) && change.sequence() == sequence);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof GroupState that && state == that.state && java.util.Objects.equals(controllerTime, that.controllerTime)
                    && sequence == that.sequence && next == that.next && java.util.Arrays.equals(recent, that.recent);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(state, controllerTime, sequence, next, java.util.Arrays.hashCode(recent));
        }

        boolean remembers(long candidate) {
            for (long seen : recent) {
                if (seen == candidate) {
                    return true;
                }
            }
            return false;
        }
    }
}
