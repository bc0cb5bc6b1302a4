package io.pilotage.interventions;

import java.time.Instant;

/** Answers of the interventions API's writes. */
final class InterventionResponses {

    private InterventionResponses() {
    }

    record Opened(String interventionId, Instant makeSafeDueAt, Instant repairDueAt) {
    }

    record Assigned(String interventionId, String crewId) {
    }

    record Done(String interventionId, String step) {
    }
}
