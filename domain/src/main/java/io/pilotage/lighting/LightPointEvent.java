package io.pilotage.lighting;

import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Commune;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Everything that can happen to a light point. */
public sealed interface LightPointEvent {

    LightPointId lightPointId();

    @Revision("1")
    record LightPointRegistered(LightPointId lightPointId, Commune commune, GeoPosition position, CabinetId cabinetId,
                                int ratedPowerW, int legacyPowerW, LampTechnology technology,
                                Instant registeredAt) implements LightPointEvent {
    }

    /**
     * Revision 2 carries where the point stands and its cabinet, so that policies reacting to a failure need no
     * read model. Revision-1 events are upcast with these three null: the point's location was not recorded then.
     */
    @Revision("2")
    record LampFailureReported(LightPointId lightPointId, String failureId, FailureKind kind, FailureSource source,
                               Instant observedAt, Instant reportedAt, CabinetId cabinetId, Commune commune,
                               GeoPosition position) implements LightPointEvent {

        /** A failure as revision 1 recorded it, without the point's location. */
        public LampFailureReported(LightPointId lightPointId, String failureId, FailureKind kind, FailureSource source,
                                   Instant observedAt, Instant reportedAt) {
            this(lightPointId, failureId, kind, source, observedAt, reportedAt, null, null, null);
        }

        public boolean locationKnown() {
            return cabinetId != null && commune != null && position != null;
        }
    }

    @Revision("1")
    record LampRepaired(LightPointId lightPointId, String failureId, FailureKind kind,
                        Instant repairedAt) implements LightPointEvent {
    }

    @Revision("1")
    record DimmingProgramApplied(LightPointId lightPointId, DimmingProgram program,
                                 Instant appliedAt) implements LightPointEvent {
    }

    /** Open failures end with the point: {@code closedFailureIds} lists them so no read model keeps them open. */
    @Revision("1")
    record LightPointDecommissioned(LightPointId lightPointId, String reason, List<String> closedFailureIds,
                                    Instant decommissionedAt) implements LightPointEvent {
    }
}
