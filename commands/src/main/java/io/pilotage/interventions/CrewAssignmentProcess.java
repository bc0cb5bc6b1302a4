package io.pilotage.interventions;

import io.pilotage.crews.CrewCommands.CommitCrew;
import io.pilotage.crews.CrewCommands.ReleaseCrew;
import io.pilotage.interventions.InterventionCommands.AssignCrew;
import io.pilotage.interventions.InterventionCommands.CrewAssignmentPlan;
import io.pilotage.interventions.InterventionCommands.PrepareCrewAssignment;
import io.pilotage.interventions.InterventionCommands.RecordCrewAssignment;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Assigning a crew touches two aggregates, and each decides on its own stream: no rule needs both states at
 * once. In order:
 * <ol>
 *   <li>the intervention accepts the assignment (active, at a step that takes a crew) and names the skill it
 *       needs: its rules are checked before the crew's, and a refusal writes nothing;</li>
 *   <li>the crew commits (on shift, skilled, free unless a supervisor overrides): this is where two simultaneous
 *       assignments of one crew meet, on the crew's stream, and exactly one wins;</li>
 *   <li>the intervention records the crew; should it refuse now (it moved on in between), the crew is released
 *       again, which is the compensation;</li>
 *   <li>the crew it replaces, if any, is released.</li>
 * </ol>
 * On one PostgreSQL the steps run as nested units of work in the request's transaction, so a failure leaves
 * nothing; with Axon Server, where two aggregates share no transaction, the same order and the compensation keep
 * the rule: a crew is committed to an intervention only while that intervention names it.
 */
@Component
public class CrewAssignmentProcess {

    @CommandHandler
    public String handle(AssignCrew command, CommandGateway commands) {
        CrewAssignmentPlan plan = commands.sendAndWait(
                new PrepareCrewAssignment(command.interventionId()));
        if (plan.alreadyAssignedTo(command.crewId())) {
            return command.crewId();
        }
        commands.sendAndWait(new CommitCrew(command.crewId(), command.interventionId(), plan.requiredSkill(),
                command.supervisorOverride(), command.at()));
        String replaced;
        try {
            replaced = commands.sendAndWait(new RecordCrewAssignment(command.interventionId(), command.crewId(),
                    command.supervisorOverride(), command.at()));
        } catch (RuntimeException refused) {
            commands.sendAndWait(new ReleaseCrew(command.crewId(), command.interventionId(), command.at()));
            throw refused;
        }
        if (replaced != null) {
            commands.sendAndWait(new ReleaseCrew(replaced, command.interventionId(), command.at()));
        }
        return command.crewId();
    }
}
