package io.pilotage.reports;

import io.pilotage.interventions.InterventionQueries.FindIntervention;
import io.pilotage.interventions.InterventionQueries.InterventionView;
import io.pilotage.interventions.InterventionRules.InterventionMustBeActive;
import io.pilotage.reports.ReportCommands.CloseServiceRequest;
import io.pilotage.reports.ReportCommands.LinkAsset;
import io.pilotage.reports.ReportCommands.LinkIntervention;
import io.pilotage.reports.ReportCommands.MarkDuplicate;
import io.pilotage.reports.ReportCommands.PublishUpdate;
import io.pilotage.reports.ReportCommands.QualifyServiceRequest;
import io.pilotage.reports.ReportIntake.Contact;
import io.pilotage.reports.ReportIntake.NewReport;
import io.pilotage.reports.ReportIntake.Reported;
import io.pilotage.reports.ReportQueries.FindServiceRequest;
import io.pilotage.reports.ReportQueries.FindServiceRequests;
import io.pilotage.reports.ReportQueries.ServiceRequestPage;
import io.pilotage.reports.ReportQueries.ServiceRequestView;
import io.pilotage.reports.ReportRequests.ReportAsset;
import io.pilotage.reports.ReportRequests.OpenStatus;
import io.pilotage.reports.ReportRequests.ReportChanged;
import io.pilotage.reports.ReportRequests.Resolution;
import io.pilotage.reports.ReportRequests.ReportClosure;
import io.pilotage.reports.ReportRequests.ReportDuplicate;
import io.pilotage.reports.ReportRequests.ReportIntervention;
import io.pilotage.reports.ReportRequests.ReportQualification;
import io.pilotage.reports.ReportRequests.TakeCallRequest;
import io.pilotage.reports.ReportRequests.ReportTaken;
import io.pilotage.reports.ReportRequests.ReportUpdate;
import io.pilotage.reports.ReportRules.DuplicateOfAnotherRequest;
import io.pilotage.shared.Channel;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.Params;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.pilotage.shared.web.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
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
 * The phone line: an operator takes a citizen's call, then qualifies, links, updates and closes the request. The
 * caller is given the request id, and follows the public updates through Open311's {@code GET requests/{id}}. Only
 * the detail of one request shows the caller's details, to those who handle calls.
 */
@RestController
@RequestMapping(path = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Citizen reports")
public class ReportsController {

    private final ReportIntake intake;
    private final CommandSender commands;
    private final Queries queries;
    private final Clock clock;

    public ReportsController(ReportIntake intake, CommandSender commands, Queries queries, Clock clock) {
        this.intake = intake;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "Take a call: a new service request; the answer gives the ids to tell the caller")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ResponseEntity<ReportTaken> take(@RequestBody TakeCallRequest request) {
        InvalidValue.require((request.latitude() == null) == (request.longitude() == null), "longitude",
                "latitude and longitude come together");
        GeoPosition position = request.latitude() == null ? null : new GeoPosition(request.latitude(), request.longitude());
        Reported reported = intake.report(new NewReport(ReportChannel.PHONE, ServiceCode.parse(request.serviceCode(), "serviceCode"),
                position, Params.optional(request.address()),
                request.commune() == null ? null : Commune.parse(request.commune(), "commune"),
                Params.optional(request.assetId()), request.reporterId() == null ? null : new ReporterId(request.reporterId()),
                new Contact(request.firstName(), request.lastName(), request.email(), request.phone()),
                request.description(), Params.optional(request.mediaUrl())), Actor.current(Channel.API));
        return ResponseEntity.created(URI.create("/api/reports/" + reported.serviceRequestId()))
                .body(new ReportTaken(reported.serviceRequestId().value(), reported.reporterId().value()));
    }

    @Operation(summary = "Service requests, newest first, without personal data; filter by status, open/closed, service, commune")
    @GetMapping
    @Allowed(Permission.READ)
    public ServiceRequestPage list(@RequestParam(required = false) String status, @RequestParam(required = false) Boolean closed,
                                   @RequestParam(required = false) String serviceCode, @RequestParam(required = false) String commune,
                                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return queries.ask(new FindServiceRequests(status == null ? null : RequestStatus.parse(status, "status"), closed,
                serviceCode == null ? null : ServiceCode.parse(serviceCode, "serviceCode"),
                commune == null ? null : Commune.parse(commune, "commune"), new PageRequest(page, size)),
                ServiceRequestPage.class);
    }

    @Operation(summary = "One service request with the caller's details (shown as erased once the reporter is erased)")
    @GetMapping("/{id}")
    @Allowed(Permission.DISPATCH)
    public ServiceRequestView one(@PathVariable String id) {
        return find(id);
    }

    @Operation(summary = "Set the service and the priority the request is handled with")
    @PostMapping(path = "/{id}/qualification", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ReportChanged qualify(@PathVariable String id, @RequestBody ReportQualification request) {
        return send(id, new QualifyServiceRequest(requestId(id), ServiceCode.parse(request.serviceCode(), "serviceCode"),
                Params.requiredEnum(RequestPriority.class, request.priority(), "priority"), clock.instant()));
    }

    @Operation(summary = "Mark the request a duplicate of another known request; it closes as duplicate")
    @PostMapping(path = "/{id}/duplicate-of", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ReportChanged duplicate(@PathVariable String id, @RequestBody ReportDuplicate request) {
        ServiceRequestId original = new ServiceRequestId(InvalidValue.requireNonNull(request.originalId(), "originalId"));
        if (original.value().equals(id) || queries.find(new FindServiceRequest(original.value()), ServiceRequestView.class).isEmpty()) {
            throw new RuleViolation(new DuplicateOfAnotherRequest(original.value()));
        }
        return send(id, new MarkDuplicate(requestId(id), original, clock.instant()));
    }

    @Operation(summary = "Link the equipment the request is about")
    @PostMapping(path = "/{id}/asset", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ReportChanged asset(@PathVariable String id, @RequestBody ReportAsset request) {
        return send(id, new LinkAsset(requestId(id), request.assetId(), clock.instant()));
    }

    @Operation(summary = "Link the intervention that deals with the request (it must exist and be active); its resolution closes the request")
    @PostMapping(path = "/{id}/intervention", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ReportChanged intervention(@PathVariable String id, @RequestBody ReportIntervention request) {
        LinkIntervention link = new LinkIntervention(requestId(id), request.interventionId(), clock.instant());
        InterventionView intervention = queries.find(new FindIntervention(link.interventionId()), InterventionView.class)
                .orElseThrow(() -> new ResourceNotFound("Intervention", link.interventionId()));
        if (!intervention.status().active()) {
            throw new RuleViolation(new InterventionMustBeActive());
        }
        return send(id, link);
    }

    @Operation(summary = "Publish a public update (status_notes) and move the request to an open status")
    @PostMapping(path = "/{id}/updates", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ReportChanged update(@PathVariable String id, @RequestBody ReportUpdate request) {
        return send(id, new PublishUpdate(requestId(id), Params.requiredEnum(OpenStatus.class, request.status(), "status").status(), request.note(),
                clock.instant()));
    }

    @Operation(summary = "Close the request with its resolution and a public note")
    @PostMapping(path = "/{id}/closure", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.DISPATCH)
    public ReportChanged close(@PathVariable String id, @RequestBody ReportClosure request) {
        return send(id, new CloseServiceRequest(requestId(id), Params.requiredEnum(Resolution.class, request.resolution(), "resolution").status(),
                request.note(), clock.instant()));
    }

    private ReportChanged send(String id, Object command) {
        commands.send(command, Actor.current(Channel.API));
        return new ReportChanged(id);
    }

    /** An id that no request could have (control characters, too long) is unknown, like any other. */
    private ServiceRequestView find(String id) {
        if (!Identifiers.valid(id)) {
            throw new ResourceNotFound("Service request", String.valueOf(id).replaceAll("[^A-Za-z0-9._:-]", "?"));
        }
        return queries.find(new FindServiceRequest(id), ServiceRequestView.class)
                .orElseThrow(() -> new ResourceNotFound("Service request", id));
    }

    private static ServiceRequestId requestId(String id) {
        return new ServiceRequestId(id);
    }

}
