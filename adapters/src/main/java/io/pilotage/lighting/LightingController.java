package io.pilotage.lighting;

import io.pilotage.shared.Commune;
import io.pilotage.shared.InvalidValue;
import io.pilotage.lighting.LightPointCommands.RegistrationOutcome;
import io.pilotage.lighting.LightingQueries.CabinetConsumption;
import io.pilotage.lighting.LightingQueries.FailingLightPoints;
import io.pilotage.lighting.LightingQueries.FindCabinetConsumption;
import io.pilotage.lighting.LightingQueries.FindFailingLightPoints;
import io.pilotage.lighting.LightingQueries.FindLightPoint;
import io.pilotage.lighting.LightingQueries.LightPointView;
import io.pilotage.lighting.LightingRequests.DecommissionRequest;
import io.pilotage.lighting.LightingRequests.DimmingProgramRequest;
import io.pilotage.lighting.LightingRequests.EnergyReadingRequest;
import io.pilotage.lighting.LightingRequests.ReadingCorrectionRequest;
import io.pilotage.lighting.LightingRequests.RegisterLightPointRequest;
import io.pilotage.lighting.LightingRequests.RepairRequest;
import io.pilotage.lighting.LightingRequests.ReportFailureRequest;
import io.pilotage.shared.PageRequest;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.IdGenerator;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.pilotage.shared.web.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operators' street-lighting API: light points, their failures and repairs, cabinets' energy. */
@RestController
@RequestMapping(path = "/api/lighting", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Street lighting")
public class LightingController {


    private final CommandSender commands;
    private final Queries queries;
    private final IdGenerator ids;
    private final Clock clock;

    public LightingController(CommandSender commands, Queries queries, IdGenerator ids, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.clock = clock;
    }

    record Registered(String lightPointId, RegistrationOutcome outcome) {
    }

    record FailureReported(String lightPointId, String failureId, boolean recorded) {
    }

    record Repaired(String lightPointId, List<String> repairedFailureIds) {
    }

    record Changed(boolean changed) {
    }

    record ReadingRecorded(String cabinetId, boolean recorded) {
    }

    record ReadingCorrected(String cabinetId, String intervalStart, boolean corrected) {
    }

    @Operation(summary = "Register a light point",
            description = "201 when registered, 200 when the same point is already registered with the same attributes.")
    @PostMapping(path = "/light-points", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ResponseEntity<Registered> register(@RequestBody RegisterLightPointRequest request) {
        var command = request.toCommand(clock.instant());
        RegistrationOutcome outcome = commands.send(command);
        URI location = URI.create("/api/lighting/light-points/" + command.lightPointId().value());
        Registered body = new Registered(command.lightPointId().value(), outcome);
        return outcome == RegistrationOutcome.REGISTERED
                ? ResponseEntity.created(location).body(body)
                : ResponseEntity.ok().location(location).body(body);
    }

    @Operation(summary = "One light point's current status (FIWARE Streetlight vocabulary) and open failures")
    @GetMapping("/light-points/{id}")
    @Allowed(Permission.READ)
    public LightPointView lightPoint(@PathVariable String id) {
        return queries.find(new FindLightPoint(id), LightPointView.class)
                .orElseThrow(() -> new ResourceNotFound("Light point", id));
    }

    @Operation(summary = "Report a failure",
            description = "201 with a new failure id; 200 with the open failure's id when the same kind is already open.")
    @PostMapping(path = "/light-points/{id}/failures", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ResponseEntity<FailureReported> reportFailure(@PathVariable String id, @RequestBody ReportFailureRequest request) {
        LightPointCommands.FailureReportOutcome outcome = commands.send(request.toCommand(new LightPointId(id).value(), ids.next(), clock.instant()));
        FailureReported body = new FailureReported(id, outcome.failureId(), outcome.recorded());
        return ResponseEntity.status(outcome.recorded() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
    }

    @Operation(summary = "Record a repair of one open failure (failureId) or of all of them")
    @PostMapping(path = "/light-points/{id}/repairs", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public Repaired repair(@PathVariable String id, @RequestBody RepairRequest request) {
        List<String> repaired = commands.send(request.toCommand(new LightPointId(id).value(), clock.instant()));
        return new Repaired(id, repaired);
    }

    @Operation(summary = "Apply a TALQ dimming program")
    @PostMapping(path = "/light-points/{id}/dimming-program", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.SUPERVISE)
    public Changed applyDimmingProgram(@PathVariable String id, @RequestBody DimmingProgramRequest request) {
        boolean changed = commands.send(request.toCommand(new LightPointId(id).value(), clock.instant()));
        return new Changed(changed);
    }

    @Operation(summary = "Decommission a light point")
    @PostMapping(path = "/light-points/{id}/decommissioning", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.SUPERVISE)
    public Changed decommission(@PathVariable String id, @RequestBody DecommissionRequest request) {
        boolean changed = commands.send(request.toCommand(new LightPointId(id).value(), clock.instant()));
        return new Changed(changed);
    }

    @Operation(summary = "Failing light points, longest failing first, optionally for one commune")
    @GetMapping("/failures")
    @Allowed(Permission.READ)
    public FailingLightPoints failures(@RequestParam(required = false) String commune,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        Commune filter = commune == null ? null : Commune.parse(commune, "commune");
        return queries.ask(new FindFailingLightPoints(filter, new PageRequest(page, size)), FailingLightPoints.class);
    }

    @Operation(summary = "Record an energy reading of a cabinet's meter",
            description = "201 when recorded, 200 when it repeats the last reading exactly.")
    @PostMapping(path = "/cabinets/{id}/energy-readings", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ResponseEntity<ReadingRecorded> energyReading(@PathVariable String id, @RequestBody EnergyReadingRequest request) {
        boolean recorded = commands.send(request.toCommand(new CabinetId(id).value(), clock.instant()));
        return ResponseEntity.status(recorded ? HttpStatus.CREATED : HttpStatus.OK).body(new ReadingRecorded(id, recorded));
    }

    @Operation(summary = "Correct a recorded energy reading: the reading it replaces (by its start), the right value, why",
            description = "201 when corrected, 200 when the reading already has this value. The recorded reading stays in the history; "
                    + "every read model uses the corrected value. 409 CorrectionNeedsARecordedReading when the cabinet has no reading "
                    + "starting then within its last 400 days.")
    @PostMapping(path = "/cabinets/{id}/energy-readings/corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.SUPERVISE)
    public ResponseEntity<ReadingCorrected> correctEnergyReading(@PathVariable String id, @RequestBody ReadingCorrectionRequest request) {
        var command = request.toCommand(new CabinetId(id).value(), clock.instant());
        boolean corrected = commands.send(command);
        return ResponseEntity.status(corrected ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new ReadingCorrected(id, command.intervalStart().toString(), corrected));
    }

    @Operation(summary = "A cabinet's energy per local day (Europe/Paris)")
    @GetMapping("/cabinets/{id}/consumption")
    @Allowed(Permission.READ)
    public CabinetConsumption consumption(@PathVariable String id,
                                          @Parameter(required = true) @RequestParam(required = false) LocalDate from,
                                          @Parameter(required = true) @RequestParam(required = false) LocalDate to) {
        // Checked here rather than by Spring's binding, so that a caller without the permission gets 403 first.
        InvalidValue.requireNonNull(from, "from");
        InvalidValue.requireNonNull(to, "to");
        return queries.find(new FindCabinetConsumption(id, from, to), CabinetConsumption.class)
                .orElseThrow(() -> new ResourceNotFound("Cabinet", id));
    }
}
