package io.pilotage.reports.open311;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.pilotage.shared.Text;
import io.swagger.v3.oas.annotations.media.Schema;

/** Bodies of the Open311 keys administration. */
final class Open311KeyRequests {

    static final int NAME_MAX = 100;

    private Open311KeyRequests() {
    }

    record IssueOpen311KeyRequest(
            @Schema(requiredMode = REQUIRED, description = "Who the key is for: the client application, 1 to 100 characters",
                    example = "FixMyStreet Dijon") String name) {

        String validName() {
            return Text.requireLine(name, "name", NAME_MAX).trim();
        }
    }
}
