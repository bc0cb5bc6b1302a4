package io.pilotage.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The delay arithmetic of one intervention as the contract measures it, from its recorded (or corrected) facts:
 * the clock runs from opening and stops during every pause; a step is late by the clock time it took beyond
 * what the terms allowed. The live {@code ContractClock} raises alarms; this is what the KPI counts, computed
 * again whenever a fact changes, corrections included.
 */
public final class InterventionDelay {

    private InterventionDelay() {
    }

    /** A pause of the clock; {@code end} is null while it lasts. */
    public record Pause(Instant start, Instant end) {
    }

    /** The clock time between opening and {@code at}: wall time minus every pause (the part of it before {@code at}). */
    public static Duration netElapsed(Instant openedAt, List<Pause> pauses, Instant at) {
        Duration paused = Duration.ZERO;
        for (Pause pause : pauses) {
            if (pause.start().isBefore(at)) {
                Instant end = pause.end() == null || pause.end().isAfter(at) ? at : pause.end();
                paused = paused.plus(Duration.between(pause.start(), end));
            }
        }
        return Duration.between(openedAt, at).minus(paused);
    }

    /**
     * When the clock reaches {@code within}: opening plus the time allowed, pushed back by each closed pause that
     * began before it. A pause still open before it has stopped the clock, so the instant depends on when that pause
     * ends: this answers the earliest it can be (the open pause left out).
     */
    public static Instant dueAt(Instant openedAt, Duration within, List<Pause> pauses) {
        Instant due = openedAt.plus(within);
        for (Pause pause : pauses.stream().sorted(Comparator.comparing(Pause::start)).toList()) {
            if (!pause.start().isBefore(due) || pause.end() == null) {
                break;
            }
            due = due.plus(Duration.between(pause.start(), pause.end()));
        }
        return due;
    }

    /** How late a step done at {@code doneAt} is: the clock time beyond {@code within}, zero when on time. */
    public static Duration lateBy(Instant openedAt, Duration within, List<Pause> pauses, Instant doneAt) {
        Duration late = netElapsed(openedAt, pauses, doneAt).minus(within);
        return late.isNegative() ? Duration.ZERO : late;
    }

    /** The sum of the closed pauses. */
    public static Duration closedPauses(List<Pause> pauses) {
        return pauses.stream().filter(p -> p.end() != null).map(p -> Duration.between(p.start(), p.end()))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
