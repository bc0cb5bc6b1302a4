package io.pilotage.lighting;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pilotage.lighting.LightPointCommands.ApplyDimmingProgram;
import io.pilotage.lighting.LightPointCommands.DecommissionLightPoint;
import io.pilotage.lighting.LightPointCommands.FailureReportOutcome;
import io.pilotage.lighting.LightPointCommands.RecordLampRepair;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.lighting.LightPointCommands.RegistrationOutcome;
import io.pilotage.lighting.LightPointCommands.ReportLampFailure;
import io.pilotage.lighting.LightPointEvent.DimmingProgramApplied;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightingRules.LightPointMustBeInService;
import io.pilotage.lighting.LightingRules.LightPointRegistrationIsFinal;
import io.pilotage.lighting.LightingRules.RepairCannotPrecedeFailure;
import io.pilotage.lighting.LightingRules.RepairNeedsAnOpenFailure;
import io.pilotage.shared.RuleViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One light point of the street-lighting inventory: its registration, its open failures, its dimming
 * program and its end. Keeps only what its decisions need.
 */
@Aggregate(repository = "lightPointRepository")
public class LightPoint {

    @AggregateIdentifier
    private String lightPointId;
    private LightPointRegistered registration;
    private boolean decommissioned;
    private final Map<String, Failure> openFailures = new LinkedHashMap<>();
    /**
     * Ids of the failures repaired last, so that a controller's report redelivered after the repair (telemetry is
     * delivered at least once) is recognised instead of reopening the failure. Bounded: a point fails a few times a year.
     */
    private final Set<String> repairedFailures = new LinkedHashSet<>();
    private DimmingProgram dimmingProgram;

    private static final int REPAIRED_FAILURES_REMEMBERED = 64;

    private record Failure(FailureKind kind, Instant observedAt) {
    }

    protected LightPoint() {
    }

    /**
     * Registration is idempotent so that importing the same inventory twice changes nothing; the same id
     * with other attributes is a conflict, not an update.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RegistrationOutcome handle(RegisterLightPoint command) {
        LightPointRegistered requested = new LightPointRegistered(command.lightPointId(), command.commune(),
                command.position(), command.cabinetId(), command.ratedPowerW(), command.legacyPowerW(),
                command.technology(), command.registeredAt());
        if (registration != null) {
            if (sameAttributes(registration, requested)) {
                return RegistrationOutcome.UNCHANGED;
            }
            throw new RuleViolation(new LightPointRegistrationIsFinal());
        }
        apply(requested);
        return RegistrationOutcome.REGISTERED;
    }

    @CommandHandler
    public FailureReportOutcome handle(ReportLampFailure command) {
        requireInService();
        if (openFailures.containsKey(command.failureId()) || repairedFailures.contains(command.failureId())) {
            return new FailureReportOutcome(command.failureId(), false);
        }
        for (Map.Entry<String, Failure> open : openFailures.entrySet()) {
            if (open.getValue().kind() == command.kind()) {
                return new FailureReportOutcome(open.getKey(), false);
            }
        }
        apply(new LampFailureReported(command.lightPointId(), command.failureId(), command.kind(), command.source(),
                command.observedAt(), command.reportedAt(), registration.cabinetId(), registration.commune(),
                registration.position()));
        return new FailureReportOutcome(command.failureId(), true);
    }

    /** Answers the ids of the failures the repair closed. */
    @CommandHandler
    public List<String> handle(RecordLampRepair command) {
        requireInService();
        List<String> repaired = command.failureId() == null
                ? List.copyOf(openFailures.keySet())
                : openFailures.containsKey(command.failureId()) ? List.of(command.failureId()) : List.of();
        if (repaired.isEmpty()) {
            throw new RuleViolation(new RepairNeedsAnOpenFailure());
        }
        for (String failureId : repaired) {
            if (command.repairedAt().isBefore(openFailures.get(failureId).observedAt())) {
                throw new RuleViolation(new RepairCannotPrecedeFailure());
            }
        }
        List<LampRepaired> events = new ArrayList<>();
        for (String failureId : repaired) {
            events.add(new LampRepaired(command.lightPointId(), failureId, openFailures.get(failureId).kind(),
                    command.repairedAt()));
        }
        events.forEach(event -> apply(event));
        return repaired;
    }

    @CommandHandler
    public boolean handle(ApplyDimmingProgram command) {
        requireInService();
        if (command.program().equals(dimmingProgram)) {
            return false;
        }
        apply(new DimmingProgramApplied(command.lightPointId(), command.program(), command.appliedAt()));
        return true;
    }

    @CommandHandler
    public boolean handle(DecommissionLightPoint command) {
        if (decommissioned) {
            return false;
        }
        apply(new LightPointDecommissioned(command.lightPointId(), command.reason(),
                List.copyOf(openFailures.keySet()), command.decommissionedAt()));
        return true;
    }

    private void requireInService() {
        if (decommissioned) {
            throw new RuleViolation(new LightPointMustBeInService());
        }
    }

    private static boolean sameAttributes(LightPointRegistered a, LightPointRegistered b) {
        return a.commune() == b.commune() && Objects.equals(a.position(), b.position())
                && Objects.equals(a.cabinetId(), b.cabinetId()) && a.ratedPowerW() == b.ratedPowerW()
                && a.legacyPowerW() == b.legacyPowerW() && a.technology() == b.technology();
    }

    @EventSourcingHandler
    void on(LightPointRegistered event) {
        lightPointId = event.lightPointId().value();
        registration = event;
    }

    @EventSourcingHandler
    void on(LampFailureReported event) {
        openFailures.put(event.failureId(), new Failure(event.kind(), event.observedAt()));
    }

    @EventSourcingHandler
    void on(LampRepaired event) {
        openFailures.remove(event.failureId());
        repairedFailures.add(event.failureId());
        if (repairedFailures.size() > REPAIRED_FAILURES_REMEMBERED) {
            repairedFailures.remove(repairedFailures.iterator().next());
        }
    }

    @EventSourcingHandler
    void on(DimmingProgramApplied event) {
        dimmingProgram = event.program();
    }

    @EventSourcingHandler
    void on(LightPointDecommissioned event) {
        decommissioned = true;
        openFailures.clear();
    }
}
