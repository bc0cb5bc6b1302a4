package io.pilotage.contract;

import io.pilotage.interventions.Category;
import io.pilotage.interventions.DeadlineKind;
import io.pilotage.interventions.Priority;
import io.pilotage.shared.Commune;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** The delay KPI: interventions due in a month, done within their deadlines or not, and the penalties owed. */
public final class DelayQueries {

    private DelayQueries() {
    }

    /**
     * The interventions whose repair fell due in {@code month} (in the metropole's zone), in {@code commune} (all when
     * null), as known from the events recorded before {@code asOf} (all when null). Lateness of a step not done yet
     * counts up to the report instant: {@code asOf}, or now.
     */
    public record FindDelayKpi(YearMonth month, Commune commune, Instant asOf) {
    }

    /**
     * One priority and category. {@code due} counts every intervention of the month but cancelled ones; {@code within}
     * were resolved with every step on time, {@code late} resolved with a step late, {@code overdue} not resolved and
     * already late, {@code pending} not resolved and not late yet. {@code complianceRate} is within / (within + late +
     * overdue), null when none of them. Times are net of pauses, in minutes, over the resolved interventions.
     */
    public record DelayLine(Priority priority, Category category, long due, long within, long late, long overdue,
                            long pending, BigDecimal complianceRate, BigDecimal meanMinutesToMakeSafe,
                            BigDecimal p95MinutesToMakeSafe, BigDecimal meanMinutesToRepair, BigDecimal p95MinutesToRepair,
                            long penaltyCents) {
    }

    /**
     * A late step and what it costs under the terms version its intervention opened under: every started hour at
     * the version's rate, up to its cap. {@code provisional} while the step is not done (the lateness still grows), or
     * for the instant the terms read model has not caught up with the version (then priced at zero).
     * {@code evidence} lists the positions of the events the figures come from.
     */
    public record PenaltyLine(String interventionId, Priority priority, Category category, Commune commune, int termsVersion,
                              DeadlineKind step, Instant dueAt, Instant doneAt, long lateSeconds, long startedHours,
                              long centsPerStartedHour, long capCents, long amountCents, boolean provisional,
                              List<Long> evidence) {
    }

    public record DelayKpi(YearMonth month, Commune commune, Instant asOf, Instant countedTo, List<DelayLine> lines,
                           DelayLine total, long penaltyCents, List<PenaltyLine> penalties) {
    }
}
