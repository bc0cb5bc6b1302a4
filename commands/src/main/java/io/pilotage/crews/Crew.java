package io.pilotage.crews;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.crews.CrewCommands.PlanShift;
import io.pilotage.crews.CrewCommands.RegisterCrew;
import io.pilotage.crews.CrewCommands.ReleaseCrew;
import io.pilotage.crews.CrewCommands.ReportPosition;
import io.pilotage.crews.CrewEvent.CrewCommitted;
import io.pilotage.crews.CrewEvent.CrewPositionReported;
import io.pilotage.crews.CrewEvent.CrewRegistered;
import io.pilotage.crews.CrewEvent.CrewReleased;
import io.pilotage.crews.CrewEvent.ShiftPlanned;
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
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An intervention crew and its vehicle: skills, shifts, last position and the interventions it is
 * committed to. Vehicles report every 30 seconds, so crews are snapshotted.
 */
@Aggregate(snapshotTriggerDefinition = "crewSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Crew {

    /** Shifts that ended this long before the newest one no longer matter to any decision. */
    static final Duration SHIFT_MEMORY = Duration.ofDays(2);

    @AggregateIdentifier
    private String crewId;
    private Set<Skill> skills;
    private final List<Shift> shifts = new ArrayList<>();
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

    @CommandHandler
    public Crew(RegisterCrew command) {
        apply(new CrewRegistered(command.crewId(), command.skills(), command.vehicleId(), command.at()));
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

    @CommandHandler
    public boolean handle(ReleaseCrew command) {
        return release(command.interventionId(), command.at());
    }

    /**
     * Commits the crew to an intervention. Called by the assignment handler in the same unit of work as
     * the intervention's side, so a conflict on either rolls back both.
     */
    public void commitTo(String interventionId, Skill requiredSkill, boolean supervisorOverride, Instant at) {
        if (shifts.stream().noneMatch(shift -> shift.covers(at))) {
            throw new RuleViolation(new CrewMustBeOnShift());
        }
        if (!skills.contains(requiredSkill)) {
            throw new RuleViolation(new CrewMustHaveTheSkill());
        }
        if (activeInterventions.contains(interventionId)) {
            return;
        }
        if (!activeInterventions.isEmpty() && !supervisorOverride) {
            throw new RuleViolation(new CrewMustBeFree());
        }
        apply(new CrewCommitted(crewId, interventionId, supervisorOverride, at));
    }

    public boolean release(String interventionId, Instant at) {
        if (!activeInterventions.contains(interventionId)) {
            return false;
        }
        apply(new CrewReleased(crewId, interventionId, at));
        return true;
    }

    @EventSourcingHandler
    void on(CrewRegistered event) {
        crewId = event.crewId();
        skills = Set.copyOf(event.skills());
    }

    @EventSourcingHandler
    void on(ShiftPlanned event) {
        shifts.removeIf(shift -> shift.end().isBefore(event.start().minus(SHIFT_MEMORY)));
        shifts.add(new Shift(event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(CrewPositionReported event) {
        lastPositionAt = event.at();
    }

    @EventSourcingHandler
    void on(CrewCommitted event) {
        activeInterventions.add(event.interventionId());
    }

    @EventSourcingHandler
    void on(CrewReleased event) {
        activeInterventions.remove(event.interventionId());
    }
}
