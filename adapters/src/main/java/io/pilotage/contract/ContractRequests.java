package io.pilotage.contract;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Bodies of the contract API. */
final class ContractRequests {

    private ContractRequests() {
    }

    /**
     * An amendment: every part but the effective date and the reason is optional, and what is left out stays as it
     * is. Maps are keyed by priority ({@code P1}, {@code P2}, {@code P3}) and name only the priorities that change.
     */
    record AmendmentRequest(
            @Schema(requiredMode = REQUIRED, description = "ISO-8601 with offset; after the current version's", example = "2026-07-01T00:00:00+02:00")
            String effectiveFrom,
            @Schema(requiredMode = REQUIRED, description = "1 to 500 characters", example = "Amendment 3: P3 repair within 48 h")
            String reason,
            @Schema(description = "Deadlines per priority, ISO-8601 durations; P1 alone has makeSafeWithin")
            Map<String, DeadlinesRequest> deadlines,
            @Schema(description = "Penalty per started hour late and cap per step, in euro cents, per priority")
            Map<String, PenaltyRequest> penalties,
            @Schema(description = "Ratio between 0 and 1", example = "0.65") BigDecimal energySavingTarget,
            @Schema(description = "Ratio between 0 and 1", example = "0.99") BigDecimal lightingAvailabilityTarget,
            @Schema(description = "Ratio between 0 and 1", example = "0.01") BigDecimal failureRateCeiling,
            @Schema(description = "The whole list of pause reasons that stop the clock: access_impossible, third_party_network_outage, awaiting_police_report, weather_alert, snow_plan_active")
            List<String> clockStoppingReasons) {
    }

    record DeadlinesRequest(@Schema(example = "PT2H") String makeSafeWithin,
                            @Schema(requiredMode = REQUIRED, example = "PT24H") String repairWithin) {
    }

    record PenaltyRequest(@Schema(requiredMode = REQUIRED, example = "50000") Long centsPerStartedHour,
                          @Schema(requiredMode = REQUIRED, example = "1000000") Long capCents) {
    }
}
