package io.pilotage.lighting;

import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Commune;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands addressed to one light point. Time comes in the command, never from a clock in a decision. */
public final class LightPointCommands {

    public static final int MAX_POWER_W = 2_000;

    private LightPointCommands() {
    }

    public record RegisterLightPoint(@TargetAggregateIdentifier LightPointId lightPointId, Commune commune,
                                     GeoPosition position, CabinetId cabinetId, int ratedPowerW, int legacyPowerW,
                                     LampTechnology technology, Instant registeredAt) {
        public RegisterLightPoint {
            InvalidValue.requireNonNull(lightPointId, "lightPointId");
            InvalidValue.requireNonNull(commune, "commune");
            InvalidValue.requireNonNull(position, "position");
            InvalidValue.requireNonNull(cabinetId, "cabinetId");
            InvalidValue.requireNonNull(technology, "technology");
            InvalidValue.requireNonNull(registeredAt, "registeredAt");
            InvalidValue.require(ratedPowerW >= 1 && ratedPowerW <= MAX_POWER_W, "ratedPowerW", "must be between 1 and " + MAX_POWER_W + " W");
            InvalidValue.require(legacyPowerW >= 0 && legacyPowerW <= MAX_POWER_W, "legacyPowerW", "must be between 0 and " + MAX_POWER_W + " W");
        }
    }

    public record ReportLampFailure(@TargetAggregateIdentifier LightPointId lightPointId, String failureId,
                                    FailureKind kind, FailureSource source, Instant observedAt, Instant reportedAt) {
        public ReportLampFailure {
            InvalidValue.requireNonNull(lightPointId, "lightPointId");
            Identifiers.require(failureId, "failureId");
            InvalidValue.requireNonNull(kind, "kind");
            InvalidValue.requireNonNull(source, "source");
            InvalidValue.requireNonNull(observedAt, "observedAt");
            InvalidValue.requireNonNull(reportedAt, "reportedAt");
            InvalidValue.require(!observedAt.isAfter(reportedAt.plusSeconds(300)), "observedAt", "cannot be in the future");
        }
    }

    /** Repairs one open failure, or every open failure of the point when {@code failureId} is null. */
    public record RecordLampRepair(@TargetAggregateIdentifier LightPointId lightPointId, String failureId,
                                   Instant repairedAt) {
        public RecordLampRepair {
            InvalidValue.requireNonNull(lightPointId, "lightPointId");
            if (failureId != null) {
                Identifiers.require(failureId, "failureId");
            }
            InvalidValue.requireNonNull(repairedAt, "repairedAt");
        }
    }

    public record ApplyDimmingProgram(@TargetAggregateIdentifier LightPointId lightPointId, DimmingProgram program,
                                      Instant appliedAt) {
        public ApplyDimmingProgram {
            InvalidValue.requireNonNull(lightPointId, "lightPointId");
            InvalidValue.requireNonNull(program, "program");
            InvalidValue.requireNonNull(appliedAt, "appliedAt");
        }
    }

    public record DecommissionLightPoint(@TargetAggregateIdentifier LightPointId lightPointId, String reason,
                                         Instant decommissionedAt) {
        public DecommissionLightPoint {
            InvalidValue.requireNonNull(lightPointId, "lightPointId");
            Text.requireMultiline(reason, "reason", 200);
            InvalidValue.requireNonNull(decommissionedAt, "decommissionedAt");
        }
    }

    /** Which failure a report ended up in: a new one, or the open failure of the same kind it repeats. */
    public record FailureReportOutcome(String failureId, boolean recorded) {
    }

    /** What a registration did: the import counts these to report registered and unchanged rows. */
    public enum RegistrationOutcome { REGISTERED, UNCHANGED }

    /**
     * Registers many points in one transaction, each as {@link RegisterLightPoint} would: the bulk path of inventory
     * imports. A point whose registration breaks a rule is refused alone; a failure of the transaction itself (an id
     * already naming another kind of resource, a concurrent write) fails the whole batch, and nothing is written.
     */
    public record RegisterLightPoints(List<RegisterLightPoint> points) {
        public RegisterLightPoints {
            InvalidValue.requireNonNull(points, "points");
            points = List.copyOf(points);
        }
    }

    /** One point of a {@link RegisterLightPoints}, in order: its outcome, or the rule it broke (then nothing was written for it). */
    public record PointRegistration(RegistrationOutcome outcome, String refusal) {
    }
}
