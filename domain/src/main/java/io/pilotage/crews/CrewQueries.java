package io.pilotage.crews;

import io.pilotage.shared.Skill;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What operators ask of the crew board. */
public final class CrewQueries {

    private CrewQueries() {
    }

    public enum CrewStatus { OFF_SHIFT, AVAILABLE, ON_INTERVENTION }

    public record FindCrews(CrewStatus status, Skill skill, PageRequest page) {
        public FindCrews {
            InvalidValue.requireNonNull(page, "page");
        }
    }

    public record CrewView(String crewId, Set<Skill> skills, String vehicleId, CrewStatus status,
                           List<String> interventionIds, Double latitude, Double longitude, Instant positionAt,
                           Instant shiftEndsAt, Instant nextShiftStartsAt) {
    }

    public record CrewBoard(List<CrewView> items, int page, int size, long totalItems) {
    }
}
