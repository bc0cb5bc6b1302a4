package io.pilotage.traffic;

import io.pilotage.shared.Commune;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.Params;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.pilotage.shared.web.ResourceNotFound;
import io.pilotage.traffic.TrafficQueries.FindIntersectionStatus;
import io.pilotage.traffic.TrafficQueries.FindOpenControllerFaults;
import io.pilotage.traffic.TrafficQueries.FindPriorityRequest;
import io.pilotage.traffic.TrafficQueries.FindPriorityStatistics;
import io.pilotage.traffic.TrafficQueries.FindSignalAvailability;
import io.pilotage.traffic.TrafficQueries.OpenFaultsPage;
import io.pilotage.traffic.TrafficQueries.PriorityRequestView;
import io.pilotage.traffic.TrafficQueries.PriorityStatistics;
import io.pilotage.traffic.TrafficQueries.SignalAvailability;
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

/**
 * The traffic signals API: intersections, their live status, what their signals showed at any instant, open faults,
 * bus priority and signal availability.
 */
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
        within(instant, "at", Duration.ofDays(1), "tomorrow");
        return queries.find(new FindSignalStateAt(id, instant), SignalStateAt.class)
                .orElseThrow(() -> new ResourceNotFound("Intersection", id));
    }

    @Operation(summary = "Controller faults open now across the metropole, the oldest first")
    @GetMapping("/faults")
    @Allowed(Permission.READ)
    public OpenFaultsPage openFaults(@Parameter(description = "One commune; every commune when absent", example = "Dijon")
                                     @RequestParam(required = false) String commune,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "50") int size) {
        Commune only = Params.optional(commune) == null ? null : Commune.parse(commune, "commune");
        return queries.ask(new FindOpenControllerFaults(only, new PageRequest(page, size)), OpenFaultsPage.class);
    }

    @Operation(summary = "A bus's priority request: what it asked, how and when it was answered, when the bus went through")
    @GetMapping("/priority/requests/{id}")
    @Allowed(Permission.READ)
    public PriorityRequestView priorityRequest(@PathVariable String id) {
        return queries.find(new FindPriorityRequest(id), PriorityRequestView.class)
                .orElseThrow(() -> new ResourceNotFound("Priority request", id));
    }

    @Operation(summary = "Bus priority per intersection and line: requests made in [from, to), grant rate, rejections by reason",
            description = "The grant rate is granted over answered or timed out; pending requests are counted apart.")
    @GetMapping("/priority/statistics")
    @Allowed(Permission.READ)
    public PriorityStatistics priorityStatistics(
            @Parameter(required = true, example = "2026-11-01T00:00:00Z") @RequestParam(required = false) String from,
            @Parameter(required = true, example = "2026-12-01T00:00:00Z") @RequestParam(required = false) String to,
            @Parameter(description = "One intersection", example = "TL-DIJ-042") @RequestParam(required = false) String intersectionId,
            @Parameter(description = "One bus line", example = "L5") @RequestParam(required = false) String line) {
        Instant start = within(Params.requiredInstant(from, "from"), "from", Duration.ofDays(366), "a year from now");
        Instant end = within(Params.requiredInstant(to, "to"), "to", Duration.ofDays(366), "a year from now");
        InvalidValue.require(end.isAfter(start), "to", "must be after from");
        InvalidValue.require(!end.isAfter(start.plus(Duration.ofDays(366))), "to", "must be at most 366 days after from");
        return queries.ask(new FindPriorityStatistics(start, end, Params.optional(intersectionId), Params.optional(line)),
                PriorityStatistics.class);
    }

    @Operation(summary = "Signal availability for the contract over a month: not dark, flashing or faulted",
            description = "Per intersection from its registration and over all of them, up to now when the month is not over. "
                    + "Unavailable: the controller dark or flashing, or a fault of a signal group, the conflict monitor or the power open.")
    @GetMapping("/availability")
    @Allowed(Permission.CONTRACT)
    public SignalAvailability availability(@Parameter(required = true, example = "2026-11") @RequestParam(required = false) String month) {
        return queries.ask(new FindSignalAvailability(Params.requiredMonth(month, "month"), clock.instant()), SignalAvailability.class);
    }

    /** No controller of the metropole reported before 2000, nor reports from further ahead than {@code ahead}. */
    private Instant within(Instant instant, String field, Duration ahead, String latest) {
        InvalidValue.require(!instant.isBefore(EARLIEST) && !instant.isAfter(clock.instant().plus(ahead)), field,
                "must be an instant from 2000 to " + latest);
        return instant;
    }
}
