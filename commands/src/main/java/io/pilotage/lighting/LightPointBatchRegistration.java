package io.pilotage.lighting;

import io.pilotage.lighting.LightPointCommands.PointRegistration;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoints;
import io.pilotage.lighting.LightPointCommands.RegistrationOutcome;
import io.pilotage.shared.RuleViolation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import io.pilotage.shared.EventStreams;
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
    private final EventStreams streams;

    public LightPointBatchRegistration(Repository<LightPoint> lightPoints, EventStreams streams) {
        this.lightPoints = lightPoints;
        this.streams = streams;
    }

    /**
     * Asks once which points exist, instead of reading each point's (mostly empty) stream: a new point is created
     * without a read. Should one be created meanwhile by another request, its first event clashes on append and the
     * whole batch fails, as a concurrent write would.
     */
    @CommandHandler
    public List<PointRegistration> handle(RegisterLightPoints command) throws Exception {
        List<PointRegistration> outcomes = new ArrayList<>(command.points().size());
        Set<String> existing = new HashSet<>(streams.existing(command.points().stream().map(point -> point.lightPointId().value()).toList()));
        for (RegisterLightPoint point : command.points()) {
            String id = point.lightPointId().value();
            try {
                outcomes.add(new PointRegistration(existing.contains(id) ? register(lightPoints.load(id), point) : registerNew(point), null));
            } catch (RuleViolation refused) {
                outcomes.add(new PointRegistration(null, refused.ruleMessage()));
            }
            existing.add(id);
        }
        return outcomes;
    }

    /** The new point handles its registration while it is created, so that the unit of work files it under its id. */
    private RegistrationOutcome registerNew(RegisterLightPoint point) throws Exception {
        AtomicReference<RegistrationOutcome> outcome = new AtomicReference<>();
        lightPoints.newInstance(LightPoint::new, created -> outcome.set(register(created, point)));
        return outcome.get();
    }

    private static RegistrationOutcome register(Aggregate<LightPoint> lightPoint, RegisterLightPoint point) {
        try {
            return (RegistrationOutcome) lightPoint.handle(GenericCommandMessage.asCommandMessage(point));
        } catch (RuntimeException refusedOrFailed) {
            throw refusedOrFailed;
        } catch (Exception failed) {
            throw new IllegalStateException("Registering light point " + point.lightPointId().value() + " failed", failed);
        }
    }
}
