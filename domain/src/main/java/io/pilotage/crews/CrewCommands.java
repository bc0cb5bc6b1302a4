package io.pilotage.crews;

import io.pilotage.shared.Skill;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands addressed to one crew. A crew is a team and its vehicle; no person is named. */
public final class CrewCommands {

    private CrewCommands() {
    }

    public record RegisterCrew(@TargetAggregateIdentifier String crewId, Set<Skill> skills, String vehicleId, Instant at) {
        public RegisterCrew {
            Identifiers.require(crewId, "crewId");
            InvalidValue.require(skills != null && !skills.isEmpty(), "skills", "must name at least one skill");
            skills = Set.copyOf(skills);
            Identifiers.require(vehicleId, "vehicleId");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    public record PlanShift(@TargetAggregateIdentifier String crewId, Instant start, Instant end) {
        public PlanShift {
            InvalidValue.requireNonNull(start, "start");
            InvalidValue.requireNonNull(end, "end");
            InvalidValue.require(end.isAfter(start), "end", "must be after start");
            InvalidValue.require(Duration.between(start, end).compareTo(Duration.ofHours(24)) <= 0, "end",
                    "a shift lasts at most 24 hours");
        }
    }

    public record ReportPosition(@TargetAggregateIdentifier String crewId, GeoPosition position, Instant at) {
        public ReportPosition {
            InvalidValue.requireNonNull(position, "position");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /**
     * Commits the crew to an intervention: the crew's half of an assignment, decided on the crew's own stream.
     * {@code requiredSkill} comes from the intervention, which has already accepted the assignment's other rules.
     */
    public record CommitCrew(@TargetAggregateIdentifier String crewId, String interventionId, Skill requiredSkill,
                             boolean supervisorOverride, Instant at) {
        public CommitCrew {
            Identifiers.require(crewId, "crewId");
            Identifiers.require(interventionId, "interventionId");
            InvalidValue.requireNonNull(requiredSkill, "requiredSkill");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** Sent when an intervention no longer needs its crew, or to compensate an assignment that failed half-way. */
    public record ReleaseCrew(@TargetAggregateIdentifier String crewId, String interventionId, Instant at) {
    }
}
