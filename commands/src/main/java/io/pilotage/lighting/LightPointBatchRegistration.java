package io.pilotage.lighting;

import io.pilotage.lighting.LightPointCommands.PointRegistration;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoints;
import io.pilotage.lighting.LightPointCommands.RegistrationOutcome;
import io.pilotage.shared.RuleViolation;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * The bulk path of inventory imports: many registrations in one unit of work, so their events are appended in one
 * transaction (one multi-row insert) instead of a transaction per point. Each point decides as it would alone: the
 * light point aggregate handles its own {@link RegisterLightPoint}.
 */
@Component
public class LightPointBatchRegistration {

    private final Repository<LightPoint> lightPoints;

    public LightPointBatchRegistration(Repository<LightPoint> lightPoints) {
        this.lightPoints = lightPoints;
    }

    @CommandHandler
    public List<PointRegistration> handle(RegisterLightPoints command) throws Exception {
        List<PointRegistration> outcomes = new ArrayList<>(command.points().size());
        for (RegisterLightPoint point : command.points()) {
            Aggregate<LightPoint> lightPoint = lightPoints.loadOrCreate(point.lightPointId().value(), LightPoint::new);
            try {
                outcomes.add(new PointRegistration((RegistrationOutcome) lightPoint.handle(GenericCommandMessage.asCommandMessage(point)), null));
            } catch (RuleViolation refused) {
                outcomes.add(new PointRegistration(null, refused.ruleMessage()));
            }
        }
        return outcomes;
    }
}
