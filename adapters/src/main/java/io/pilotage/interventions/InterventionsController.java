package io.pilotage.interventions;

import io.pilotage.contract.ContractTermsInForce;
import io.pilotage.contract.TermsVersion;
import io.pilotage.interventions.InterventionCommands.AssignCrew;
import io.pilotage.interventions.InterventionCommands.CancelIntervention;
import io.pilotage.interventions.InterventionCommands.CloseIntervention;
import io.pilotage.interventions.InterventionCommands.CorrectInterventionTime;
import io.pilotage.interventions.InterventionCommands.OpenIntervention;
import io.pilotage.interventions.InterventionCommands.PauseClock;
import io.pilotage.interventions.InterventionCommands.QualifyIntervention;
import io.pilotage.interventions.InterventionCommands.RecordArrival;
import io.pilotage.interventions.InterventionCommands.RecordDeparture;
import io.pilotage.interventions.InterventionCommands.RecordMadeSafe;
import io.pilotage.interventions.InterventionCommands.RequestIntervention;
import io.pilotage.interventions.InterventionCommands.RequestReopening;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionCommands.ResolveIntervention;
import io.pilotage.interventions.InterventionCommands.ResumeClock;
import io.pilotage.interventions.InterventionQueries.FindIntervention;
import io.pilotage.interventions.InterventionQueries.FindOperationsBoard;
import io.pilotage.interventions.InterventionQueries.InterventionView;
import io.pilotage.interventions.InterventionQueries.OperationsBoard;
import io.pilotage.interventions.InterventionRequests.AssignRequest;
import io.pilotage.interventions.InterventionRequests.CorrectionRequest;
import io.pilotage.interventions.InterventionRequests.OpenRequest;
import io.pilotage.interventions.InterventionRequests.PauseRequest;
import io.pilotage.interventions.InterventionRequests.QualifyRequest;
import io.pilotage.interventions.InterventionRequests.ReasonRequest;
import io.pilotage.interventions.InterventionRequests.ResolutionRequest;
import io.pilotage.interventions.InterventionResponses.Assigned;
import io.pilotage.interventions.InterventionResponses.Done;
import io.pilotage.interventions.InterventionResponses.Opened;
import io.pilotage.shared.Channel;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.IdGenerator;
import io.pilotage.shared.web.Params;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.pilotage.shared.web.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators open and dispatch interventions; supervisors override assignments and pause clocks. */
@RestController
@RequestMapping(path = "/api/interventions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Interventions")
public class InterventionsController {


    private final CommandSender commands;
    private final Queries queries;
    private final IdGenerator ids;
    private final Clock clock;
    private final ContractTermsInForce terms;

    public InterventionsController(CommandSender commands, Queries queries, IdGenerator ids, Clock clock,
                                   ContractTermsInForce terms) {
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.clock = clock;
        this.terms = terms;
    }

    @Operation(summary = "Open an intervention; its deadlines come from the contract terms in force. 409 (OneOpenInterventionPerAsset, with openInterventionId) when the asset already has an open one")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ResponseEntity<Opened> open(@RequestBody OpenRequest request) {
        Priority priority = Params.requiredEnum(Priority.class, request.priority(), "priority");
        Instant now = clock.instant();
        TermsVersion inForce = terms.at(now);
        ContractDeadlines deadlines = inForce.terms().deadlinesFor(priority);
        String id = "INT-" + ids.next();
        commands.send(new RequestIntervention(new OpenIntervention(id,
                Params.requiredEnum(InterventionSource.class, request.source(), "source"),
                request.sourceRef(), request.assetId(), Params.requiredEnum(Category.class, request.category(), "category"),
                Commune.parse(request.commune(), "commune"),
                new GeoPosition(InvalidValue.requireNonNull(request.latitude(), "latitude"),
                        InvalidValue.requireNonNull(request.longitude(), "longitude")),
                priority, deadlines, inForce.version(), now)));
        ContractClock contract = ContractClock.started(now, deadlines);
        return ResponseEntity.created(URI.create("/api/interventions/" + id))
                .body(new Opened(id, contract.dueAt(DeadlineKind.MAKE_SAFE), contract.dueAt(DeadlineKind.REPAIR)));
    }

    @Operation(summary = "The operations board: interventions, most urgent first, with time left or overdue")
    @GetMapping
    @Allowed(Permission.READ)
    public OperationsBoard board(@RequestParam(required = false) String status,
                                 @RequestParam(required = false) String priority,
                                 @RequestParam(required = false) String commune,
                                 @RequestParam(required = false) String category,
                                 @RequestParam(required = false) String crew,
                                 @RequestParam(defaultValue = "true") boolean activeOnly,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "50") int size) {
        return queries.ask(boardQuery(status, priority, commune, category, crew, activeOnly, new PageRequest(page, size)),
                OperationsBoard.class);
    }

    static FindOperationsBoard boardQuery(String status, String priority, String commune, String category, String crew,
                                          boolean activeOnly, PageRequest page) {
        InterventionStatus wanted = Params.enumValue(InterventionStatus.class, status, "status");
        return new FindOperationsBoard(wanted, Params.enumValue(Priority.class, priority, "priority"),
                commune == null ? null : Commune.parse(commune, "commune"),
                Params.enumValue(Category.class, category, "category"), crew == null ? null : Identifiers.require(crew, "crew"),
                activeOnly && wanted == null, page);
    }

    @Operation(summary = "One intervention's current state")
    @GetMapping("/{id}")
    @Allowed(Permission.READ)
    public InterventionView get(@PathVariable String id) {
        return queries.find(new FindIntervention(id), InterventionView.class)
                .orElseThrow(() -> new ResourceNotFound("Intervention", id));
    }

    @Operation(summary = "Change priority or category, with a reason; deadlines follow the new priority")
    @PostMapping(path = "/{id}/qualification", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public Done qualify(@PathVariable String id, @RequestBody QualifyRequest request) {
        Priority priority = Params.requiredEnum(Priority.class, request.priority(), "priority");
        commands.send(new QualifyIntervention(id, priority, Params.requiredEnum(Category.class, request.category(), "category"),
                request.reason(), clock.instant()));
        return new Done(id, "qualified");
    }

    @Operation(summary = "Assign a crew: on shift, with the skill, and free unless a supervisor overrides (409 otherwise)")
    @PostMapping(path = "/{id}/assignments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public Assigned assign(@PathVariable String id, @RequestBody AssignRequest request) {
        boolean override = Boolean.TRUE.equals(request.override());
        if (override && !Permission.SUPERVISE.isGrantedTo(SecurityContextHolder.getContext().getAuthentication())) {
            throw new AccessDeniedException("Only a supervisor can override a crew's assignment");
        }
        Actor actor = override ? Actor.current(Channel.API, Permission.SUPERVISE) : Actor.current(Channel.API);
        String crewId = commands.send(new AssignCrew(id, request.crewId(), override, clock.instant()), actor);
        return new Assigned(id, crewId);
    }

    @PostMapping("/{id}/departure")
    @Allowed(Permission.DISPATCH)
    public Done departure(@PathVariable String id) {
        commands.send(new RecordDeparture(id, clock.instant()));
        return new Done(id, "departed");
    }

    @PostMapping("/{id}/arrival")
    @Allowed(Permission.DISPATCH)
    public Done arrival(@PathVariable String id) {
        commands.send(new RecordArrival(id, clock.instant()));
        return new Done(id, "arrived");
    }

    @PostMapping("/{id}/made-safe")
    @Allowed(Permission.DISPATCH)
    public Done madeSafe(@PathVariable String id) {
        commands.send(new RecordMadeSafe(id, clock.instant()));
        return new Done(id, "made-safe");
    }

    @PostMapping(path = "/{id}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public Done resolve(@PathVariable String id, @RequestBody ResolutionRequest request) {
        commands.send(new ResolveIntervention(id, Params.requiredEnum(Resolution.class, request.resolution(), "resolution"),
                clock.instant()));
        return new Done(id, "resolved");
    }

    @Operation(summary = "Verify and close a resolved intervention (SUPERVISOR)")
    @PostMapping("/{id}/closure")
    @Allowed(Permission.SUPERVISE)
    public Done close(@PathVariable String id) {
        commands.send(new CloseIntervention(id, clock.instant()));
        return new Done(id, "closed");
    }

    @PostMapping(path = "/{id}/reopening", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public Done reopen(@PathVariable String id, @RequestBody ReasonRequest request) {
        commands.send(new RequestReopening(id, request.reason(), clock.instant()));
        return new Done(id, "reopened");
    }

    @PostMapping(path = "/{id}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public Done cancel(@PathVariable String id, @RequestBody ReasonRequest request) {
        commands.send(new CancelIntervention(id, request.reason(), clock.instant()));
        return new Done(id, "cancelled");
    }

    @Operation(summary = "Pause the contractual clock with one of the contract's reasons")
    @PostMapping(path = "/{id}/pauses", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.SUPERVISE)
    public Done pause(@PathVariable String id, @RequestBody PauseRequest request) {
        commands.send(new PauseClock(id, Params.requiredEnum(PauseReason.class, request.reason(), "reason"), clock.instant()));
        return new Done(id, "paused");
    }

    @PostMapping("/{id}/resumptions")
    @Allowed(Permission.SUPERVISE)
    public Done resume(@PathVariable String id) {
        commands.send(new ResumeClock(id, clock.instant()));
        return new Done(id, "resumed");
    }

    @Operation(summary = "Correct a step's recorded time (arrival, made safe, resolution) with a reason; the KPIs use the corrected time, the history keeps both",
            description = "409 StepMustHaveHappened when the step has no recorded time; 409 CorrectedTimesKeepTheirOrder when the corrected time "
                    + "would put the step before the one it follows or after the one that follows it.")
    @PostMapping(path = "/{id}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.SUPERVISE)
    public Done correct(@PathVariable String id, @RequestBody CorrectionRequest request) {
        commands.send(new CorrectInterventionTime(id, Params.requiredEnum(CorrectableStep.class, request.step(), "step"),
                Params.requiredInstant(request.correctedAt(), "correctedAt"), request.reason(), clock.instant()));
        return new Done(id, "corrected");
    }
}
