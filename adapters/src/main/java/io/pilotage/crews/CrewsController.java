package io.pilotage.crews;

import io.pilotage.shared.Skill;
import io.pilotage.crews.CrewCommands.PlanShift;
import io.pilotage.crews.CrewCommands.RegisterCrew;
import io.pilotage.crews.CrewCommands.ReportPosition;
import io.pilotage.crews.CrewQueries.CrewBoard;
import io.pilotage.crews.CrewQueries.CrewStatus;
import io.pilotage.crews.CrewQueries.FindCrews;
import io.pilotage.crews.CrewRequests.PositionRequest;
import io.pilotage.crews.CrewRequests.RegisterRequest;
import io.pilotage.crews.CrewRequests.ShiftRequest;
import io.pilotage.crews.CrewResponses.Changed;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Channel;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.Params;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;
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

/** Crews, their shifts and their vehicles' positions, and the crew board. */
@RestController
@RequestMapping(path = "/api/crews", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Crews")
public class CrewsController {

    private final CommandSender commands;
    private final Queries queries;
    private final Clock clock;

    public CrewsController(CommandSender commands, Queries queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "Register a crew with its skills and vehicle (200 unchanged when registered identically, 409 when differently)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.SUPERVISE)
    public ResponseEntity<Changed> register(@RequestBody RegisterRequest request) {
        InvalidValue.require(request.skills() != null, "skills", "is required");
        boolean registered = commands.send(new RegisterCrew(request.crewId(), request.skills().stream()
                .map(skill -> Params.requiredEnum(Skill.class, skill, "skills")).collect(Collectors.toSet()),
                request.vehicleId(), clock.instant()));
        if (!registered) {
            return ResponseEntity.ok(new Changed(request.crewId(), false));
        }
        return ResponseEntity.created(URI.create("/api/crews/" + request.crewId())).body(new Changed(request.crewId(), true));
    }

    @Operation(summary = "Plan a shift (at most 24 h, never overlapping another)")
    @PostMapping(path = "/{id}/shifts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.SUPERVISE)
    public ResponseEntity<Changed> shift(@PathVariable String id, @RequestBody ShiftRequest request) {
        boolean changed = commands.send(new PlanShift(id, request.start(), request.end()));
        return ResponseEntity.status(changed ? HttpStatus.CREATED : HttpStatus.OK).body(new Changed(id, changed));
    }

    @Operation(summary = "Report the vehicle's position (about every 30 s); a late, older report changes nothing")
    @PostMapping(path = "/{id}/positions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ResponseEntity<Changed> position(@PathVariable String id, @RequestBody PositionRequest request) {
        Instant now = clock.instant();
        Instant at = request.at() == null ? now : request.at();
        InvalidValue.require(!at.isAfter(now.plusSeconds(60)), "at", "cannot be in the future");
        boolean changed = commands.send(new ReportPosition(id, new GeoPosition(
                InvalidValue.requireNonNull(request.latitude(), "latitude"),
                InvalidValue.requireNonNull(request.longitude(), "longitude")), at), Actor.current(Channel.TELEMETRY));
        return ResponseEntity.status(changed ? HttpStatus.CREATED : HttpStatus.OK).body(new Changed(id, changed));
    }

    @Operation(summary = "The crew board: status, current assignment and last position")
    @GetMapping
    @Allowed(Permission.READ)
    public CrewBoard board(@RequestParam(required = false) String status, @RequestParam(required = false) String skill,
                           @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return queries.ask(new FindCrews(Params.enumValue(CrewStatus.class, status, "status"),
                Params.enumValue(Skill.class, skill, "skill"), new PageRequest(page, size)), CrewBoard.class);
    }
}
