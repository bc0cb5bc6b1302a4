package io.pilotage.crews;

import io.pilotage.shared.Skill;
import io.pilotage.shared.GeoPosition;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** Everything that can happen to a crew. */
public sealed interface CrewEvent {

    String crewId();

    @Revision("1")
    record CrewRegistered(String crewId, Set<Skill> skills, String vehicleId, Instant at) implements CrewEvent {
    }

    @Revision("1")
    record ShiftPlanned(String crewId, Instant start, Instant end) implements CrewEvent {
    }

    @Revision("1")
    record CrewPositionReported(String crewId, GeoPosition position, Instant at) implements CrewEvent {
    }

    @Revision("1")
    record CrewCommitted(String crewId, String interventionId, boolean supervisorOverride, Instant at) implements CrewEvent {
    }

    @Revision("1")
    record CrewReleased(String crewId, String interventionId, Instant at) implements CrewEvent {
    }
}
