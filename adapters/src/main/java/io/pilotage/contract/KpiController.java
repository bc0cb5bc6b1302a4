package io.pilotage.contract;

import io.pilotage.audit.AuditQueries.ChainHead;
import io.pilotage.audit.AuditQueries.FindChainHead;
import io.pilotage.contract.AvailabilityQueries.AvailabilityKpi;
import io.pilotage.contract.AvailabilityQueries.FindAvailabilityKpi;
import io.pilotage.contract.DelayQueries.DelayKpi;
import io.pilotage.contract.DelayQueries.DelayLine;
import io.pilotage.contract.DelayQueries.FindDelayKpi;
import io.pilotage.contract.DelayQueries.PenaltyLine;
import io.pilotage.contract.EnergyQueries.EnergySavings;
import io.pilotage.contract.EnergyQueries.FindEnergySavings;
import io.pilotage.shared.Commune;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.Csv;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract's KPIs for a month, for contract managers and auditors: JSON, or CSV with {@code Accept: text/csv}.
 * Each answer quotes the chain head of the history it was computed on; with {@code asOf} it is computed from
 * exactly the events recorded before that instant, so last month's report can be reproduced beside today's.
 */
@RestController
@RequestMapping(path = "/api/kpi")
@Tag(name = "KPIs")
public class KpiController implements DisposableBean {

    private final Queries queries;
    private final Clock clock;
    /** The contract report's KPIs are asked side by side: it answers in the time of the slowest, not their sum. */
    private final ExecutorService reportQueries = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "kpi-report");
        thread.setDaemon(true);
        return thread;
    });

    public KpiController(Queries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Override
    public void destroy() {
        reportQueries.shutdownNow();
    }

    /** The answer of a query asked on the report's pool, or the query's own failure, as if asked here. */
    private static <T> T answer(CompletableFuture<T> asked) {
        try {
            return asked.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A KPI and the chain head it was computed on (null before the first seal). */
    public record Report<T>(T kpi, ChainHead chainHead) {
    }

    ChainHead chainHead(Instant asOf) {
        return queries.find(new FindChainHead(asOf), ChainHead.class).orElse(null);
    }

    @Operation(summary = "Delay KPI: interventions due in the month, within deadline net of pauses, times to make safe and repair, penalties with their evidence")
    @GetMapping(path = "/delays", produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.CONTRACT)
    public Report<DelayKpi> delays(@Parameter(description = KpiScope.MONTH_DOC, example = "2026-03") @RequestParam(required = false) String month,
                                   @Parameter(description = KpiScope.COMMUNE_DOC) @RequestParam(required = false) String commune,
                                   @Parameter(description = KpiScope.AS_OF_DOC) @RequestParam(required = false) String asOf) {
        KpiScope scope = KpiScope.of(month, commune, asOf, clock);
        DelayKpi kpi = queries.ask(new FindDelayKpi(scope.month(), scope.commune(), scope.asOf()), DelayKpi.class);
        return new Report<>(kpi, chainHead(scope.asOf()));
    }

    @Operation(summary = "Delay KPI as CSV: one row per priority and category and a total row, or with table=penalties one row per late step")
    @GetMapping(path = "/delays", produces = Csv.TEXT_CSV_VALUE)
    @Allowed(Permission.CONTRACT)
    public ResponseEntity<String> delaysCsv(@RequestParam(required = false) String month, @RequestParam(required = false) String commune,
                                            @RequestParam(required = false) String asOf,
                                            @Parameter(description = "lines (default) or penalties") @RequestParam(required = false) String table) {
        boolean penalties = "penalties".equals(table);
        InvalidValue.require(table == null || penalties || "lines".equals(table), "table", "must be lines or penalties");
        Report<DelayKpi> report = delays(month, commune, asOf);
        DelayKpi kpi = report.kpi();
        String name = "delays-" + kpi.month() + (kpi.commune() == null ? "" : "-" + kpi.commune().name().toLowerCase());
        if (penalties) {
            return Csv.attachment(name + "-penalties.csv", List.of("intervention_id", "priority", "category", "commune", "terms_version",
                            "step", "due_at", "done_at", "late_seconds", "started_hours", "eur_per_started_hour", "cap_eur", "amount_eur",
                            "provisional", "evidence_positions", "chain_head_position", "chain_head_link"),
                    kpi.penalties().stream().map(p -> List.<Object>of(p.interventionId(), p.priority(), p.category(), p.commune(),
                            p.termsVersion(), p.step(), p.dueAt(), text(p.doneAt()), p.lateSeconds(), p.startedHours(),
                            euros(p.centsPerStartedHour()), euros(p.capCents()), euros(p.amountCents()), p.provisional(),
                            p.evidence().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                            headPosition(report.chainHead()), headLink(report.chainHead()))).toList());
        }
        List<List<?>> rows = new ArrayList<>();
        kpi.lines().forEach(line -> rows.add(delayRow(line, report.chainHead())));
        rows.add(delayRow(kpi.total(), report.chainHead()));
        return Csv.attachment(name + ".csv", List.of("priority", "category", "due", "within", "late", "overdue", "pending",
                "compliance_rate", "mean_minutes_to_make_safe", "p95_minutes_to_make_safe", "mean_minutes_to_repair",
                "p95_minutes_to_repair", "penalty_eur", "chain_head_position", "chain_head_link"), rows);
    }

    private static List<Object> delayRow(DelayLine line, ChainHead head) {
        return java.util.Arrays.asList(line.priority() == null ? "ALL" : line.priority().name(),
                line.category() == null ? "ALL" : line.category().name(), line.due(), line.within(), line.late(), line.overdue(),
                line.pending(), line.complianceRate(), line.meanMinutesToMakeSafe(), line.p95MinutesToMakeSafe(),
                line.meanMinutesToRepair(), line.p95MinutesToRepair(), euros(line.penaltyCents()), headPosition(head), headLink(head));
    }

    @Operation(summary = "Availability KPI: share of scheduled burning hours the points were lit, and the failure rate at month end")
    @GetMapping(path = "/availability", produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.CONTRACT)
    public Report<AvailabilityKpi> availability(@Parameter(description = KpiScope.MONTH_DOC, example = "2026-03") @RequestParam(required = false) String month,
                                                @Parameter(description = KpiScope.COMMUNE_DOC) @RequestParam(required = false) String commune,
                                                @Parameter(description = KpiScope.AS_OF_DOC) @RequestParam(required = false) String asOf) {
        KpiScope scope = KpiScope.of(month, commune, asOf, clock);
        AvailabilityKpi kpi = queries.ask(new FindAvailabilityKpi(scope.month(), scope.commune(), scope.asOf()), AvailabilityKpi.class);
        return new Report<>(kpi, chainHead(scope.asOf()));
    }

    @Operation(summary = "Availability KPI as CSV: one row")
    @GetMapping(path = "/availability", produces = Csv.TEXT_CSV_VALUE)
    @Allowed(Permission.CONTRACT)
    public ResponseEntity<String> availabilityCsv(@RequestParam(required = false) String month, @RequestParam(required = false) String commune,
                                                  @RequestParam(required = false) String asOf) {
        Report<AvailabilityKpi> report = availability(month, commune, asOf);
        AvailabilityKpi kpi = report.kpi();
        return Csv.attachment("availability-" + kpi.month() + ".csv", List.of("month", "commune", "from", "to", "scheduled_hours",
                        "failure_hours", "availability", "availability_target", "meets_availability_target", "points_in_service",
                        "points_failing", "failure_rate", "failure_rate_ceiling", "meets_failure_rate_ceiling", "terms_version",
                        "chain_head_position", "chain_head_link"),
                List.of(java.util.Arrays.asList(kpi.month(), kpi.commune() == null ? "ALL" : kpi.commune().name(), kpi.from(), kpi.to(),
                        kpi.scheduledHours(), kpi.failureHours(), kpi.availability(), kpi.availabilityTarget(),
                        kpi.meetsAvailabilityTarget(), kpi.pointsInService(), kpi.pointsFailing(), kpi.failureRate(),
                        kpi.failureRateCeiling(), kpi.meetsFailureRateCeiling(), kpi.termsVersion(), headPosition(report.chainHead()),
                        headLink(report.chainHead()))));
    }

    static BigDecimal euros(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    static Object text(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    static Object headPosition(ChainHead head) {
        return head == null ? "" : head.position();
    }

    static Object headLink(ChainHead head) {
        return head == null ? "" : head.link();
    }

    /**
     * One indicator of the month against its target: {@code meets} is null when either is unknown. The failure rate
     * meets its target at or below it, every other indicator at or above.
     */
    public record Indicator(String indicator, BigDecimal value, BigDecimal target, Boolean meets) {
    }

    /**
     * The month's indicators side by side and the penalties owed (of which {@code provisionalPenaltyCents} on steps
     * not done yet), with the terms version whose targets they are judged against.
     */
    public record ContractReport(YearMonth month, Commune commune, Instant asOf, Integer termsVersion, List<Indicator> indicators,
                                 long penaltyCents, long provisionalPenaltyCents) {
    }

    @Operation(summary = "The month's contract report: energy savings, interventions within deadline, availability and failure rate against their targets, and the penalties owed")
    @GetMapping(path = "/contract-report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(Permission.CONTRACT)
    public Report<ContractReport> contractReport(
            @Parameter(description = KpiScope.MONTH_DOC, example = "2026-03") @RequestParam(required = false) String month,
            @Parameter(description = KpiScope.COMMUNE_DOC) @RequestParam(required = false) String commune,
            @Parameter(description = KpiScope.AS_OF_DOC) @RequestParam(required = false) String asOf) {
        KpiScope scope = KpiScope.of(month, commune, asOf, clock);
        CompletableFuture<EnergySavings> energyAsked = CompletableFuture.supplyAsync(() -> queries.ask(
                new FindEnergySavings(scope.month(), scope.commune(), scope.asOf()), EnergySavings.class), reportQueries);
        CompletableFuture<DelayKpi> delaysAsked = CompletableFuture.supplyAsync(() -> queries.ask(
                new FindDelayKpi(scope.month(), scope.commune(), scope.asOf()), DelayKpi.class), reportQueries);
        AvailabilityKpi availability = queries.ask(new FindAvailabilityKpi(scope.month(), scope.commune(), scope.asOf()), AvailabilityKpi.class);
        ChainHead head = chainHead(scope.asOf());
        EnergySavings energy = answer(energyAsked);
        DelayKpi delays = answer(delaysAsked);
        List<Indicator> indicators = List.of(
                new Indicator("energy_savings", energy.savings(), energy.target(), energy.meetsTarget()),
                new Indicator("interventions_within_deadline", delays.total().complianceRate(), null, null),
                new Indicator("lighting_availability", availability.availability(), availability.availabilityTarget(),
                        availability.meetsAvailabilityTarget()),
                new Indicator("failure_rate", availability.failureRate(), availability.failureRateCeiling(),
                        availability.meetsFailureRateCeiling()));
        long provisional = delays.penalties().stream().filter(PenaltyLine::provisional).mapToLong(PenaltyLine::amountCents).sum();
        return new Report<>(new ContractReport(scope.month(), scope.commune(), scope.asOf(), availability.termsVersion(), indicators,
                delays.penaltyCents(), provisional), head);
    }

    @Operation(summary = "The month's contract report as CSV: one row per indicator, then the penalties")
    @GetMapping(path = "/contract-report", produces = Csv.TEXT_CSV_VALUE)
    @Allowed(Permission.CONTRACT)
    public ResponseEntity<String> contractReportCsv(@RequestParam(required = false) String month,
                                                    @RequestParam(required = false) String commune,
                                                    @RequestParam(required = false) String asOf) {
        Report<ContractReport> report = contractReport(month, commune, asOf);
        ContractReport kpi = report.kpi();
        List<List<?>> rows = new ArrayList<>();
        kpi.indicators().forEach(i -> rows.add(java.util.Arrays.asList(i.indicator(), i.value(), i.target(), i.meets(),
                kpi.termsVersion(), headPosition(report.chainHead()), headLink(report.chainHead()))));
        rows.add(java.util.Arrays.asList("penalties_eur", euros(kpi.penaltyCents()), null, null, kpi.termsVersion(),
                headPosition(report.chainHead()), headLink(report.chainHead())));
        rows.add(java.util.Arrays.asList("provisional_penalties_eur", euros(kpi.provisionalPenaltyCents()), null, null,
                kpi.termsVersion(), headPosition(report.chainHead()), headLink(report.chainHead())));
        return Csv.attachment("contract-report-" + kpi.month() + ".csv",
                List.of("indicator", "value", "target", "meets", "terms_version", "chain_head_position", "chain_head_link"), rows);
    }
}
