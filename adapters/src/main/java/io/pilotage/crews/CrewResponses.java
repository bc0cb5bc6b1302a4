package io.pilotage.crews;

import io.swagger.v3.oas.annotations.media.Schema;

/** Answers of the crews API's writes. */
final class CrewResponses {

    private CrewResponses() {
    }

    /** Named apart from the lighting API's {@code Changed}, which has no crew id, so that both keep their schema. */
    @Schema(name = "CrewChanged")
    record Changed(String crewId, boolean changed) {
    }
}
