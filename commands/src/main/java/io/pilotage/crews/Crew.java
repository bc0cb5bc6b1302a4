package io.pilotage.crews;

import io.pilotage.shared.Skill;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.crews.CrewCommands.CommitCrew;
import io.pilotage.crews.CrewCommands.PlanShift;
import io.pilotage.crews.CrewCommands.RegisterCrew;
import io.pilotage.crews.CrewCommands.ReleaseCrew;
import io.pilotage.crews.CrewCommands.ReportPosition;
import io.pilotage.crews.CrewEvent.CrewCommitted;
import io.pilotage.crews.CrewEvent.CrewPositionReported;
import io.pilotage.crews.CrewEvent.CrewRegistered;
import io.pilotage.crews.CrewEvent.CrewReleased;
import io.pilotage.crews.CrewEvent.ShiftPlanned;
import io.pilotage.crews.CrewRules.CrewIsRegisteredDifferently;
import io.pilotage.crews.CrewRules.CrewMustBeFree;
import io.pilotage.crews.CrewRules.CrewMustBeOnShift;
import io.pilotage.crews.CrewRules.CrewMustHaveTheSkill;
import io.pilotage.crews.CrewRules.ShiftsNeverOverlap;
import io.pilotage.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An intervention crew and its vehicle: skills, shifts, last position and the interventions it is
 * committed to. Vehicles report every 30 seconds, so crews are snapshotted; the revision names the snapshot's
 * shape (2: with the vehicle and how far the history reached), and a snapshot of another revision is ignored.
 */
@Aggregate(snapshotTriggerDefinition = "crewSnapshotTrigger")
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Crew {

    /**
     * Shifts that ended this long before the latest moment the crew's history has reached no longer matter to
     * any decision. The moment is taken from events that happened (registration, positions, commitments), never
     * from a planned shift's start: planning next week must not forget today.
     */
    static final Duration SHIFT_MEMORY = Duration.ofDays(2);

    @AggregateIdentifier
    private String crewId;
    private Set<Skill> skills;
    private String vehicleId;
    private final List<Shift> shifts = new ArrayList<>();
    private Instant historyReached;
    private Instant lastPositionAt;
    private final Set<String> activeInterventions = new LinkedHashSet<>();

    record Shift(Instant start, Instant end) {
        boolean covers(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }

        boolean overlaps(Instant otherStart, Instant otherEnd) {
            return otherStart.isBefore(end) && start.isBefore(otherEnd);
        }
    }

    protected Crew() {
    }

    /**
     * Registration is idempotent: the same crew registered again changes nothing (false); the same id with other
     * skills or another vehicle is a conflict.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RegisterCrew command) {
        if (crewId != null) {
            if (skills.equals(command.skills()) && Objects.equals(vehicleId, command.vehicleId())) {
                return false;
            }
            throw new RuleViolation(new CrewIsRegisteredDifferently());
        }
        apply(new CrewRegistered(command.crewId(), command.skills(), command.vehicleId(), command.at()));
        return true;
    }

    @CommandHandler
    public boolean handle(PlanShift command) {
        for (Shift shift : shifts) {
            if (shift.start().equals(command.start()) && shift.end().equals(command.end())) {
                return false;
            }
            if (shift.overlaps(command.start(), command.end())) {
                throw new RuleViolation(new ShiftsNeverOverlap());
            }
        }
        apply(new ShiftPlanned(crewId, command.start(), command.end()));
        return true;
    }

    /** A position older than the last one arrived late over the radio; it changes nothing. */
    @CommandHandler
    public boolean handle(ReportPosition command) {
        if (lastPositionAt != null && !command.at().isAfter(lastPositionAt)) {
            return false;
        }
        apply(new CrewPositionReported(crewId, command.position(), command.at()));
        return true;
    }

    /**
     * The crew's half of an assignment. Whoever sends two commitments for one free crew at once, they reach this
     * one stream in order: the first commits, the second finds the crew busy. That holds on one PostgreSQL and on
     * Axon Server alike, since it needs nothing but this aggregate's own sequence.
     */
    @CommandHandler
    public boolean handle(CommitCrew command) {
        if (shifts.stream().noneMatch(shift -> shift.covers(command.at()))) {
            throw new RuleViolation(new CrewMustBeOnShift());
        }
        if (!skills.contains(command.requiredSkill())) {
            throw new RuleViolation(new CrewMustHaveTheSkill());
        }
        if (activeInterventions.contains(command.interventionId())) {
            return false;
        }
        if (!activeInterventions.isEmpty() && !command.supervisorOverride()) {
            throw new RuleViolation(new CrewMustBeFree());
        }
        apply(new CrewCommitted(crewId, command.interventionId(), command.supervisorOverride(), command.at()));
        return true;
    }

    @CommandHandler
    public boolean handle(ReleaseCrew command) {
        if (!activeInterventions.contains(command.interventionId())) {
            return false;
        }
        apply(new CrewReleased(crewId, command.interventionId(), command.at()));
        return true;
    }

    @EventSourcingHandler
    void on(CrewRegistered event) {
        crewId = event.crewId();
        skills = Set.copyOf(event.skills());
        vehicleId = event.vehicleId();
        reached(event.at());
    }

    @EventSourcingHandler
    void on(ShiftPlanned event) {
        shifts.add(new Shift(event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(CrewPositionReported event) {
        lastPositionAt = event.at();
        reached(event.at());
    }

    @EventSourcingHandler
    void on(CrewCommitted event) {
        activeInterventions.add(event.interventionId());
        reached(event.at());
    }

    @EventSourcingHandler
    void on(CrewReleased event) {
        activeInterventions.remove(event.interventionId());
        reached(event.at());
    }

    /** Forgets the shifts that ended long before the crew's history reached {@code at}. */
    private void reached(Instant at) {
        if (historyReached == null || at.isAfter(historyReached)) {
            historyReached = at;
            Instant horizon = at.minus(SHIFT_MEMORY);
            shifts.removeIf(shift -> shift.end().isBefore(horizon));
        }
    }
}
