package io.pilotage.lighting;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.lighting.LightingMessages.LightingMessage;
import io.pilotage.shared.ingest.IngestionOutcome;
import io.pilotage.shared.ingest.TelemetryEndpoint;
import io.pilotage.shared.ingest.TelemetryIngestion;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.ApiExceptionHandler;
import io.pilotage.shared.web.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lamp controllers and cabinet meters that POST their telemetry instead of publishing it on MQTT. */
@RestController
@RequestMapping(path = "/api/lighting", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Street lighting")
public class LightingIngestController extends TelemetryEndpoint<LightingMessage> {

    public LightingIngestController(TelemetryIngestion ingestion, LightingTelemetry kind, ObjectMapper mapper, ApiExceptionHandler problems) {
        super(ingestion, kind, mapper, problems);
    }

    @Operation(summary = "Take in a lighting device's message: lamp failures and cabinet energy readings",
            description = "The message MQTT carries on pilotage/lighting/<device>, recorded exactly once however often it is "
                    + "sent: 200 with what it recorded and absorbed, and the parts refused and parked; a message refused whole "
                    + "is parked and answered 400, 404, 409 or 422.")
    @PostMapping(path = "/ingest", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.INGEST)
    public IngestionOutcome ingest(@RequestBody LightingMessage message, HttpServletRequest request) {
        return takeIn(message, request);
    }
}
