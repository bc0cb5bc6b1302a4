package io.pilotage.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.shared.ingest.IngestionOutcome;
import io.pilotage.shared.ingest.TelemetryEndpoint;
import io.pilotage.shared.ingest.TelemetryIngestion;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.ApiExceptionHandler;
import io.pilotage.shared.web.Permission;
import io.pilotage.traffic.TrafficMessages.TrafficMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Traffic controllers that POST their telemetry instead of publishing it on MQTT. */
@RestController
@RequestMapping(path = "/api/traffic", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Traffic signals")
public class TrafficIngestController extends TelemetryEndpoint<TrafficMessage> {

    public TrafficIngestController(TelemetryIngestion ingestion, TrafficTelemetry kind, ObjectMapper mapper, ApiExceptionHandler problems) {
        super(ingestion, kind, mapper, problems);
    }

    @Operation(summary = "Take in a traffic controller's message: SPaT reports, mode changes, faults, plan changes",
            description = "The message MQTT carries on pilotage/traffic/<intersectionId>, recorded exactly once however often it "
                    + "is sent: 200 with what it recorded and absorbed, and the parts refused and parked; a message refused "
                    + "whole is parked and answered 400, 404, 409 or 422.")
    @PostMapping(path = "/ingest", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.INGEST)
    public IngestionOutcome ingest(@RequestBody TrafficMessage message, HttpServletRequest request) {
        return takeIn(message, request);
    }
}
