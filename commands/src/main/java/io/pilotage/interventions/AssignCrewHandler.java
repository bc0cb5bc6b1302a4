package io.pilotage.interventions;

import io.pilotage.crews.Crew;
import io.pilotage.interventions.InterventionCommands.AssignCrew;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Assigning a crew changes two aggregates: the crew commits to the intervention, the intervention records
 * its crew, and the crew it had before is released. All of it happens in one unit of work, so one
 * transaction: when two operators assign the same free crew at once, both append to the crew's stream at
 * the same sequence number, the database lets one commit, and the other rolls back whole.
 */
@Component
public class AssignCrewHandler {

    private final Repository<Intervention> interventions;
    private final Repository<Crew> crews;

    public AssignCrewHandler(@Qualifier("interventionRepository") Repository<Intervention> interventions,
                             @Qualifier("crewRepository") Repository<Crew> crews) {
        this.interventions = interventions;
        this.crews = crews;
    }

    @CommandHandler
    public String handle(AssignCrew command) {
        Aggregate<Intervention> intervention = interventions.load(command.interventionId());
        String previous = intervention.invoke(Intervention::assignedCrew);
        if (command.crewId().equals(previous)) {
            return previous;
        }
        crews.load(command.crewId()).execute(crew -> crew.commitTo(command.interventionId(),
                intervention.invoke(Intervention::requiredSkill), command.supervisorOverride(), command.at()));
        intervention.execute(it -> it.assign(command.crewId(), command.supervisorOverride(), command.at()));
        if (previous != null) {
            crews.load(previous).execute(crew -> crew.release(command.interventionId(), command.at()));
        }
        return command.crewId();
    }
}
