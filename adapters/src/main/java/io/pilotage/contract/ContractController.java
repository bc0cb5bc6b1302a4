package io.pilotage.contract;

import io.pilotage.contract.ContractCommands.AmendContract;
import io.pilotage.contract.ContractQueries.FindTermsInForce;
import io.pilotage.contract.ContractQueries.ListTermsVersions;
import io.pilotage.contract.ContractQueries.TermsHistory;
import io.pilotage.contract.ContractRequests.AmendmentRequest;
import io.pilotage.contract.ContractRequests.DeadlinesRequest;
import io.pilotage.contract.ContractRequests.PenaltyRequest;
import io.pilotage.contract.ContractResponses.Amended;
import io.pilotage.contract.ContractResponses.History;
import io.pilotage.contract.ContractResponses.TermsView;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import io.pilotage.shared.InvalidValue;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contract managers record amendments; they and auditors read the terms in force at any instant. */
@RestController
@RequestMapping(path = "/api/contract", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Contract")
public class ContractController {

    private final CommandSender commands;
    private final Queries queries;
    private final Clock clock;

    public ContractController(CommandSender commands, Queries queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "Record an amendment the parties agreed: new terms from its effective date, with a reason",
            description = "Parts left out stay as they are. 409 AmendmentsTakeEffectInOrder when it would take effect before the current "
                    + "version; 409 AmendmentMustChangeTheTerms when it changes nothing. Interventions already open keep the terms "
                    + "they opened under.")
    @PostMapping(path = "/amendments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.AMEND_CONTRACT)
    public ResponseEntity<Amended> amend(@RequestBody AmendmentRequest request) {
        Instant effectiveFrom = Params.requiredInstant(request.effectiveFrom(), "effectiveFrom");
        TermsChange change = new TermsChange(deadlines(request.deadlines()), penalties(request.penalties()),
                request.energySavingTarget(), request.lightingAvailabilityTarget(), request.failureRateCeiling(),
                reasons(request));
        int version = commands.send(new AmendContract(ContractCommands.CONTRACT_ID, effectiveFrom, change, request.reason(), clock.instant()));
        String location = "/api/contract/terms?at=" + effectiveFrom;
        return ResponseEntity.created(URI.create(location)).body(new Amended(version, location));
    }

    @Operation(summary = "The terms in force at an instant (now by default), as known from what was recorded before asOf")
    @GetMapping("/terms")
    @Allowed(Permission.CONTRACT)
    public TermsView terms(@RequestParam(required = false) String at, @RequestParam(required = false) String asOf) {
        Instant when = at == null ? clock.instant() : Params.requiredInstant(at, "at");
        FindTermsInForce query = new FindTermsInForce(when, Params.instant(asOf, "asOf"));
        return queries.find(query, TermsVersion.class).map(TermsView::of)
                .orElseThrow(() -> new ResourceNotFound("Contract terms in force at", when.toString()));
    }

    @Operation(summary = "Every version of the terms, oldest first: the signed terms, then each amendment")
    @GetMapping("/amendments")
    @Allowed(Permission.CONTRACT)
    public History amendments(@RequestParam(required = false) String asOf) {
        TermsHistory history = queries.ask(new ListTermsVersions(Params.instant(asOf, "asOf")), TermsHistory.class);
        return new History(history.versions().stream().map(TermsView::of).toList());
    }

    private static Map<Priority, ContractDeadlines> deadlines(Map<String, DeadlinesRequest> requested) {
        if (requested == null) {
            return null;
        }
        Map<Priority, ContractDeadlines> deadlines = new EnumMap<>(Priority.class);
        requested.forEach((key, value) -> {
            Priority priority = Params.requiredEnum(Priority.class, key, "deadlines");
            String field = "deadlines." + priority;
            InvalidValue.requireNonNull(value, field);
            Duration makeSafe = duration(value.makeSafeWithin(), field + ".makeSafeWithin");
            InvalidValue.require(makeSafe == null || priority == Priority.P1, field + ".makeSafeWithin", "only P1 has a make-safe step");
            Duration repair = InvalidValue.requireNonNull(duration(value.repairWithin(), field + ".repairWithin"), field + ".repairWithin");
            deadlines.put(priority, new ContractDeadlines(makeSafe, repair));
        });
        return deadlines;
    }

    /** At most a year, in whole seconds: a deadline is not a matter of nanoseconds or decades. */
    private static Duration duration(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text.trim());
            InvalidValue.require(!duration.isNegative() && !duration.isZero() && duration.compareTo(Duration.ofDays(366)) <= 0
                    && duration.getNano() == 0, field, "must be between PT1S and P366D in whole seconds");
            return duration;
        } catch (DateTimeParseException e) {
            throw new InvalidValue(field, "must be an ISO-8601 duration such as PT24H");
        }
    }

    private static Map<Priority, PenaltyRate> penalties(Map<String, PenaltyRequest> requested) {
        if (requested == null) {
            return null;
        }
        Map<Priority, PenaltyRate> penalties = new EnumMap<>(Priority.class);
        requested.forEach((key, value) -> {
            Priority priority = Params.requiredEnum(Priority.class, key, "penalties");
            String field = "penalties." + priority;
            InvalidValue.requireNonNull(value, field);
            long rate = InvalidValue.requireNonNull(value.centsPerStartedHour(), field + ".centsPerStartedHour");
            long cap = InvalidValue.requireNonNull(value.capCents(), field + ".capCents");
            InvalidValue.require(rate <= 100_000_000L, field + ".centsPerStartedHour", "must be at most 100000000 (EUR 1M)");
            InvalidValue.require(cap <= 10_000_000_000L, field + ".capCents", "must be at most 10000000000 (EUR 100M)");
            penalties.put(priority, new PenaltyRate(rate, cap));
        });
        return penalties;
    }

    private static Set<PauseReason> reasons(AmendmentRequest request) {
        if (request.clockStoppingReasons() == null) {
            return null;
        }
        Set<PauseReason> reasons = EnumSet.noneOf(PauseReason.class);
        request.clockStoppingReasons().forEach(reason -> reasons.add(Params.requiredEnum(PauseReason.class, reason, "clockStoppingReasons")));
        return reasons;
    }
}
