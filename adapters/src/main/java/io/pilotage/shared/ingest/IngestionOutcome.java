package io.pilotage.shared.ingest;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What one telemetry message became: the commands it stood for, the events they recorded, the reports they absorbed
 * as already known (duplicates) or older than what is known (stale), and the parts parked with their reason.
 */
@Schema(example = """
        {"messageId":"TL-DIJ-042-000123","device":"CTRL-TL-DIJ-042","commands":2,"events":7,"duplicates":1,"stale":0,"parked":[]}""")
public record IngestionOutcome(
        @Schema(example = "TL-DIJ-042-000123") String messageId,
        @Schema(example = "CTRL-TL-DIJ-042") String device,
        @Schema(description = "Commands the message stood for", example = "2") int commands,
        @Schema(description = "Events recorded", example = "7") int events,
        @Schema(description = "Reports already recorded, absorbed", example = "1") int duplicates,
        @Schema(description = "Reports older than their signal group's last, absorbed", example = "0") int stale,
        @Schema(description = "Parts of the message refused and parked with their reason; the rest was recorded")
        List<ParkedPart> parked) {

    public IngestionOutcome {
        parked = List.copyOf(parked);
    }

    /** For metrics: what happened to the message as a whole. */
    String result() {
        if (!parked.isEmpty()) {
            return parked.size() == commands || commands == 0 ? "parked" : "partly-parked";
        }
        return events == 0 ? "duplicate" : "recorded";
    }

    /** A part of a message that was refused: which command (from 0; -1 for the whole message), why, and which field. */
    @Schema(example = """
            {"part":1,"reason":"rule/SignalGroupMustBeKnown","field":null,"detail":"The report names a signal group the intersection was not registered with."}""")
    public record ParkedPart(
            @Schema(description = "The command's place in the message, from 0; -1 for the whole message", example = "1") int part,
            @Schema(example = "rule/SignalGroupMustBeKnown") String reason,
            @Schema(description = "The field at fault, when one is", example = "changes.state", nullable = true) String field,
            @Schema(example = "The report names a signal group the intersection was not registered with.") String detail) {
    }
}
