package io.pilotage.traffic;

import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.Params;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.pilotage.shared.web.ResourceNotFound;
import io.pilotage.traffic.TrafficQueries.FindIntersectionStatus;
import io.pilotage.traffic.TrafficQueries.FindSignalStateAt;
import io.pilotage.traffic.TrafficQueries.IntersectionStatus;
import io.pilotage.traffic.TrafficQueries.SignalStateAt;
import io.pilotage.traffic.TrafficRequests.RegisterIntersectionRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The traffic signals API: intersections, their live status, and what their signals showed at any instant. */
@RestController
@RequestMapping(path = "/api/traffic", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Traffic signals")
public class TrafficController {

    /** No controller of the metropole reported before this; earlier instants are typing errors. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final CommandSender commands;
    private final Queries queries;
    private final Clock clock;

    public TrafficController(CommandSender commands, Queries queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    record IntersectionRegistration(String intersectionId, boolean registered) {
    }

    @Operation(summary = "Register an intersection: its signal groups, which of them conflict, its timing plans",
            description = "201 when registered, 200 when it is already registered with the same facts; "
                    + "409 IntersectionRegistrationIsFinal when it is registered with others.")
    @PostMapping(path = "/intersections", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.SUPERVISE)
    public ResponseEntity<IntersectionRegistration> register(@RequestBody RegisterIntersectionRequest request) {
        var command = request.toCommand(clock.instant());
        boolean registered = commands.send(command);
        URI location = URI.create("/api/traffic/intersections/" + command.intersectionId().value());
        IntersectionRegistration body = new IntersectionRegistration(command.intersectionId().value(), registered);
        return registered ? ResponseEntity.created(location).body(body) : ResponseEntity.ok().location(location).body(body);
    }

    @Operation(summary = "An intersection as its controller last reported it: each signal group's state, mode, plan, open faults")
    @GetMapping("/intersections/{id}")
    @Allowed(Permission.READ)
    public IntersectionStatus intersection(@PathVariable String id) {
        return queries.find(new FindIntersectionStatus(id), IntersectionStatus.class)
                .orElseThrow(() -> new ResourceNotFound("Intersection", id));
    }

    @Operation(summary = "What each signal group of an intersection showed at an instant, from the recorded reports",
            description = "Per signal group, the report in force at `at` by the controller's clock; a group with no report "
                    + "before it is unknown (null state). The controller's mode then, null before the registration.")
    @GetMapping("/intersections/{id}/state")
    @Allowed(Permission.READ)
    public SignalStateAt state(@PathVariable String id,
                               @Parameter(required = true, example = "2026-11-30T16:42:05Z") @RequestParam(required = false) String at) {
        // Read here rather than by Spring's binding, so that a caller without the permission gets 403 first.
        Instant instant = Params.requiredInstant(at, "at");
        InvalidValue.require(!instant.isBefore(EARLIEST) && !instant.isAfter(clock.instant().plus(Duration.ofDays(1))), "at",
                "must be an instant from 2000 to tomorrow");
        return queries.find(new FindSignalStateAt(id, instant), SignalStateAt.class)
                .orElseThrow(() -> new ResourceNotFound("Intersection", id));
    }
}
