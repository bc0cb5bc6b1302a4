package io.pilotage.contract;

import io.pilotage.audit.AuditQueries.ChainHead;
import io.pilotage.audit.AuditQueries.FindChainHead;
import io.pilotage.contract.EnergyQueries.EnergyBaselineView;
import io.pilotage.contract.EnergyQueries.EnergySavings;
import io.pilotage.contract.EnergyQueries.FindEnergyBaseline;
import io.pilotage.contract.EnergyQueries.FindEnergySavings;
import io.pilotage.contract.EnergyRequests.AdjustmentRequest;
import io.pilotage.contract.EnergyRequests.BaselineRequest;
import io.pilotage.contract.EnergyResponses.BaselineRecorded;
import io.pilotage.contract.EnergyResponses.EnergyKpi;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.CommandSender;
import io.pilotage.shared.web.Csv;
import io.pilotage.shared.web.Params;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.pilotage.shared.web.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The energy side of the contract: contract managers agree cabinets' baselines and their adjustments; they and
 * auditors read the monthly savings (IPMVP), as known at any instant.
 */
@RestController
@Tag(name = "Contract")
public class EnergyController {

    private final CommandSender commands;
    private final Queries queries;
    private final Clock clock;

    public EnergyController(CommandSender commands, Queries queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "Agree a cabinet's energy baseline (IPMVP option A or B) from a month on",
            description = "201 when recorded (a new version when one exists), 200 when the same figures are already the latest version. "
                    + "409 BaselineNeedsAKnownCabinet for a cabinet no light point named; 409 BaselineVersionsTakeEffectInOrder before the current version.")
    @PostMapping(path = "/api/contract/baselines", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.AMEND_CONTRACT)
    public ResponseEntity<BaselineRecorded> agree(@RequestBody BaselineRequest request) {
        var command = request.toCommand(clock.instant());
        boolean recorded = commands.send(command);
        return ResponseEntity.status(recorded ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/contract/baselines/" + command.cabinetId()))
                .body(new BaselineRecorded(command.cabinetId(), recorded));
    }

    @Operation(summary = "Record a non-routine adjustment of a cabinet's baseline: points added or removed, burning hours changed",
            description = "404 when the cabinet has no baseline; 409 AdjustmentNeedsABaselineInForce before its first version; "
                    + "409 AdjustedBaselineCannotBeNegative.")
    @PostMapping(path = "/api/contract/baselines/{cabinetId}/adjustments", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.AMEND_CONTRACT)
    public ResponseEntity<BaselineRecorded> adjust(@PathVariable String cabinetId, @RequestBody AdjustmentRequest request) {
        var command = request.toCommand(cabinetId, clock.instant());
        boolean recorded = commands.send(command);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/contract/baselines/" + cabinetId))
                .body(new BaselineRecorded(cabinetId, recorded));
    }

    @Operation(summary = "A cabinet's baseline versions and adjustments, as recorded before asOf")
    @GetMapping(path = "/api/contract/baselines/{cabinetId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.CONTRACT)
    public EnergyBaselineView baseline(@PathVariable String cabinetId, @RequestParam(required = false) String asOf) {
        FindEnergyBaseline query = new FindEnergyBaseline(cabinetId, Params.instant(asOf, "asOf"));
        return queries.find(query, EnergyBaselineView.class).orElseThrow(() -> new ResourceNotFound("Baseline of cabinet", cabinetId));
    }

    @Operation(summary = "Energy savings of a month (IPMVP) per cabinet, commune and metropole, against the target in force",
            description = "From the events recorded before asOf (now when absent); with the audit chain head the figure was computed on. "
                    + "Accept: text/csv gives one row per cabinet, then per commune, then the total.")
    @GetMapping(path = "/api/kpi/energy", produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.CONTRACT)
    public EnergyKpi energy(@Parameter(required = true, example = "2026-11") @RequestParam(required = false) String month,
                            @RequestParam(required = false) String commune,
                            @RequestParam(required = false) String asOf) {
        return kpi(month, commune, asOf);
    }

    @Operation(hidden = true)
    @GetMapping(path = "/api/kpi/energy", produces = Csv.TEXT_CSV_VALUE)
    @Allowed(Permission.CONTRACT)
    public ResponseEntity<String> energyCsv(@RequestParam(required = false) String month,
                                            @RequestParam(required = false) String commune,
                                            @RequestParam(required = false) String asOf) {
        EnergyKpi kpi = kpi(month, commune, asOf);
        return Csv.attachment("energy-" + kpi.month() + (kpi.commune() == null ? "" : "-" + kpi.commune().name()) + ".csv",
                EnergyKpi.CSV_HEADER, kpi.csvRows());
    }

    private EnergyKpi kpi(String month, String commune, String asOf) {
        // Parsed here rather than by Spring's binding, so that a caller without the permission gets 403 first.
        KpiScope scope = KpiScope.of(month, commune, asOf, clock);
        FindEnergySavings query = new FindEnergySavings(scope.month(), scope.commune(), scope.asOf());
        EnergySavings savings = queries.ask(query, EnergySavings.class);
        ChainHead head = queries.find(new FindChainHead(query.asOf()), ChainHead.class).orElse(null);
        return EnergyKpi.of(savings, head);
    }
}
