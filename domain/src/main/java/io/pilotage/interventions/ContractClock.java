package io.pilotage.interventions;

import io.pilotage.shared.InvalidValue;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The contractual clock of one intervention: the only place that knows when a step falls due, how much
 * time is left, whether it is overdue and how long the intervention has run net of pauses. The aggregate
 * schedules and records misses with it, the operations board shows it and the API answers with it; when
 * each held its own copy of this arithmetic they disagreed (seconds against exact durations, an open pause
 * counted by one and not another), and a penalty cannot rest on figures that disagree.
 *
 * <p>A step falls due at opening plus the time the contract allows plus every closed pause. While a pause
 * is open, due times stay where the last resumption left them and the clock reads as stopped at the moment
 * the pause began, so time left does not move until the clock resumes.
 *
 * @param pausedTotal the length of every closed pause
 * @param pausedSince when the open pause began; null while the clock runs
 * @param madeSafe    whether the make-safe step is done
 * @param missed      the steps whose miss is already recorded
 */
public record ContractClock(Instant openedAt, ContractDeadlines deadlines, Duration pausedTotal, Instant pausedSince,
                            boolean madeSafe, Set<DeadlineKind> missed) {

    public ContractClock {
        InvalidValue.requireNonNull(openedAt, "openedAt");
        InvalidValue.requireNonNull(deadlines, "deadlines");
        InvalidValue.requireNonNull(pausedTotal, "pausedTotal");
        InvalidValue.require(!pausedTotal.isNegative(), "pausedTotal", "must not be negative");
        missed = missed == null || missed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(missed));
    }

    /** The clock of an intervention just opened under these terms. */
    public static ContractClock started(Instant openedAt, ContractDeadlines deadlines) {
        return new ContractClock(openedAt, deadlines, Duration.ZERO, null, false, Set.of());
    }

    /** New terms count from the same opening, net of the same pauses: requalifying never resets the clock. */
    public ContractClock requalified(ContractDeadlines newDeadlines) {
        return new ContractClock(openedAt, newDeadlines, pausedTotal, pausedSince, madeSafe, missed);
    }

    public ContractClock pausedAt(Instant at) {
        InvalidValue.requireNonNull(at, "at");
        return new ContractClock(openedAt, deadlines, pausedTotal, at, madeSafe, missed);
    }

    /**
     * When the open pause ends if asked to end at {@code at}: an end stamped before the pause began (clocks
     * of two nodes differ) ends it as it began, rather than taking time back from the contractor.
     */
    public Instant pauseEnd(Instant at) {
        if (pausedSince == null) {
            throw new IllegalStateException("The clock is not paused");
        }
        return at.isBefore(pausedSince) ? pausedSince : at;
    }

    /** How long the open pause lasted if it ends at {@code at}, as {@link #pauseEnd} ends it. */
    public Duration pauseEndingAt(Instant at) {
        return Duration.between(pausedSince, pauseEnd(at));
    }

    public ContractClock resumedAfter(Duration pausedFor) {
        return new ContractClock(openedAt, deadlines, pausedTotal.plus(pausedFor), null, madeSafe, missed);
    }

    public ContractClock afterMadeSafe() {
        return new ContractClock(openedAt, deadlines, pausedTotal, pausedSince, true, missed);
    }

    public ContractClock afterMiss(DeadlineKind kind) {
        Set<DeadlineKind> all = EnumSet.of(kind);
        all.addAll(missed);
        return new ContractClock(openedAt, deadlines, pausedTotal, pausedSince, madeSafe, all);
    }

    public boolean paused() {
        return pausedSince != null;
    }

    /** Whether the contract sets this step at all: only P1 has a make-safe step. */
    public boolean sets(DeadlineKind kind) {
        return deadlines.within(kind) != null;
    }

    /** A step whose deadline still has to be watched: set by the contract, not done, its miss not yet recorded. */
    public boolean pending(DeadlineKind kind) {
        return sets(kind) && !missed.contains(kind) && !(kind == DeadlineKind.MAKE_SAFE && madeSafe);
    }

    /** When the step falls due net of the pauses closed so far; null when the contract does not set it. */
    public Instant dueAt(DeadlineKind kind) {
        Duration within = deadlines.within(kind);
        return within == null ? null : openedAt.plus(within).plus(pausedTotal);
    }

    /** The step the operators race against: making safe until it is done, then the repair. */
    public DeadlineKind nextStep() {
        return sets(DeadlineKind.MAKE_SAFE) && !madeSafe ? DeadlineKind.MAKE_SAFE : DeadlineKind.REPAIR;
    }

    public Instant nextDueAt() {
        return dueAt(nextStep());
    }

    /** Time left before the step falls due, negative once past; frozen while the clock is paused. */
    public Duration timeLeft(DeadlineKind kind, Instant now) {
        Instant due = dueAt(kind);
        if (due == null) {
            throw new IllegalArgumentException("The contract sets no " + kind + " step");
        }
        return Duration.between(reading(now), due);
    }

    public Duration timeLeft(Instant now) {
        return timeLeft(nextStep(), now);
    }

    /** A step is overdue from the instant it falls due: no time is left. */
    public boolean overdue(DeadlineKind kind, Instant now) {
        Duration left = timeLeft(kind, now);
        return left.isNegative() || left.isZero();
    }

    public boolean overdue(Instant now) {
        return overdue(nextStep(), now);
    }

    /** How late the step is at {@code now}: zero until it falls due, and while the clock is paused it stays put. */
    public Duration lateBy(DeadlineKind kind, Instant now) {
        Duration left = timeLeft(kind, now);
        return left.isNegative() ? left.negated() : Duration.ZERO;
    }

    /** How long the intervention has run under the contract, pauses excluded, open one included. */
    public Duration elapsed(Instant now) {
        return Duration.between(openedAt, reading(now)).minus(pausedTotal);
    }

    /** What the contract's clock reads: the wall clock, or the moment it stopped while a pause is open. */
    private Instant reading(Instant now) {
        return pausedSince != null ? pausedSince : now;
    }
}
