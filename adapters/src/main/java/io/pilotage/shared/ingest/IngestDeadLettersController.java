package io.pilotage.shared.ingest;

import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import io.pilotage.shared.ingest.IngestionDeadLetters.ParkedMessages;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Telemetry the core refused, for the administrator to see which device sends what, and why it was refused. */
@RestController
@RequestMapping(path = "/api/admin/ingest-dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration")
public class IngestDeadLettersController {

    private final IngestionDeadLetters deadLetters;
    private final List<String> kinds;

    public IngestDeadLettersController(IngestionDeadLetters deadLetters, List<TelemetryKind<?>> kinds) {
        this.deadLetters = deadLetters;
        this.kinds = kinds.stream().map(TelemetryKind::name).sorted().toList();
    }

    @Operation(summary = "Telemetry messages, or parts of them, refused and parked with their reason, the latest first")
    @GetMapping
    @Allowed(Permission.ADMINISTER)
    public ParkedMessages parked(@Parameter(description = "traffic or lighting; every kind when absent", example = "traffic")
                                 @RequestParam(required = false) String kind,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "50") int size) {
        InvalidValue.require(kind == null || kinds.contains(kind), "kind", "must be one of " + kinds);
        return deadLetters.list(kind, new PageRequest(page, size));
    }
}
