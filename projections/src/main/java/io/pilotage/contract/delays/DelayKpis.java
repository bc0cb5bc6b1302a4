package io.pilotage.contract.delays;

import io.pilotage.contract.DelayQueries.DelayKpi;
import io.pilotage.contract.DelayQueries.DelayLine;
import io.pilotage.contract.DelayQueries.FindDelayKpi;
import io.pilotage.contract.DelayQueries.PenaltyLine;
import io.pilotage.contract.PenaltyRate;
import io.pilotage.contract.delays.DelayKpiProjection.Row;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.DeadlineKind;
import io.pilotage.interventions.Priority;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The month's figures from its rows, with the rounding docs/contract.md states: rates to 4 decimals and minutes to
 * 1 decimal, half-even; the 95th percentile by nearest rank (the smallest value with at least 95% of values at or
 * below it); penalties in whole cents, so totals add up exactly.
 */
final class DelayKpis {

    private DelayKpis() {
    }

    static DelayKpi report(FindDelayKpi query, Instant countedTo, List<Row> rows) {
        List<PenaltyLine> penalties = new ArrayList<>();
        rows.stream().sorted(Comparator.comparing(Row::interventionId)).forEach(row -> penalties.addAll(penalties(row)));
        Map<String, List<Row>> groups = rows.stream().collect(Collectors.groupingBy(
                row -> row.priority().name() + "/" + row.category().name(), TreeMap::new, Collectors.toList()));
        List<DelayLine> lines = groups.values().stream()
                .map(group -> line(group.get(0).priority(), group.get(0).category(), group, penalties)).toList();
        long total = penalties.stream().mapToLong(PenaltyLine::amountCents).sum();
        return new DelayKpi(query.month(), query.commune(), query.asOf(), countedTo, lines, line(null, null, rows, penalties),
                total, penalties);
    }

    static List<PenaltyLine> penalties(Row row) {
        List<PenaltyLine> lines = new ArrayList<>(2);
        PenaltyRate rate = new PenaltyRate(row.centsPerStartedHour(), row.capCents());
        if (row.makeSafeLateSeconds() != null && row.makeSafeLateSeconds() > 0) {
            Instant done = row.madeSafeAt();
            lines.add(line(row, DeadlineKind.MAKE_SAFE, row.makeSafeDueAt(), done, row.makeSafeLateSeconds(), rate));
        }
        if (row.repairLateSeconds() > 0) {
            lines.add(line(row, DeadlineKind.REPAIR, row.repairDueAt(), row.resolvedAt(), row.repairLateSeconds(), rate));
        }
        return lines;
    }

    private static PenaltyLine line(Row row, DeadlineKind step, Instant due, Instant done, long lateSeconds, PenaltyRate rate) {
        long startedHours = (lateSeconds + 3599) / 3600;
        return new PenaltyLine(row.interventionId(), row.priority(), row.category(), row.commune(), row.termsVersion(), step,
                due, done, lateSeconds, startedHours, rate.centsPerStartedHour(), rate.capCents(),
                rate.penaltyCents(Duration.ofSeconds(lateSeconds)), done == null || !row.termsKnown(), row.evidence());
    }

    private static boolean resolved(Row row) {
        return row.resolvedAt() != null;
    }

    private static boolean anyLate(Row row) {
        return row.repairLateSeconds() > 0 || row.makeSafeLateSeconds() != null && row.makeSafeLateSeconds() > 0;
    }

    private static DelayLine line(Priority priority, Category category, List<Row> rows, List<PenaltyLine> penalties) {
        long within = rows.stream().filter(r -> resolved(r) && !anyLate(r)).count();
        long late = rows.stream().filter(r -> resolved(r) && anyLate(r)).count();
        long overdue = rows.stream().filter(r -> !resolved(r) && anyLate(r)).count();
        long pending = rows.size() - within - late - overdue;
        long judged = within + late + overdue;
        BigDecimal compliance = judged == 0 ? null
                : BigDecimal.valueOf(within).divide(BigDecimal.valueOf(judged), 4, RoundingMode.HALF_EVEN);
        List<Long> toSafe = sortedSeconds(rows, r -> r.madeSafeAt() == null ? null : r.makeSafeNetSeconds());
        List<Long> toRepair = sortedSeconds(rows, r -> resolved(r) ? r.repairNetSeconds() : null);
        java.util.Set<String> ids = rows.stream().map(Row::interventionId).collect(Collectors.toSet());
        long penalty = penalties.stream().filter(p -> ids.contains(p.interventionId())).mapToLong(PenaltyLine::amountCents).sum();
        return new DelayLine(priority, category, rows.size(), within, late, overdue, pending, compliance,
                meanMinutes(toSafe), p95Minutes(toSafe), meanMinutes(toRepair), p95Minutes(toRepair), penalty);
    }

    private static List<Long> sortedSeconds(List<Row> rows, Function<Row, Long> seconds) {
        return rows.stream().map(seconds).filter(java.util.Objects::nonNull).sorted().toList();
    }

    static BigDecimal meanMinutes(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return null;
        }
        long sum = seconds.stream().mapToLong(Long::longValue).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(60L * seconds.size()), 1, RoundingMode.HALF_EVEN);
    }

    /** Nearest rank: the value at rank ceil(0.95 n) of the sorted values. */
    static BigDecimal p95Minutes(List<Long> sortedSeconds) {
        if (sortedSeconds.isEmpty()) {
            return null;
        }
        int rank = (95 * sortedSeconds.size() + 99) / 100;
        return BigDecimal.valueOf(sortedSeconds.get(rank - 1)).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_EVEN);
    }
}
