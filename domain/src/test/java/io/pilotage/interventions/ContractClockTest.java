package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ContractClockTest {

    static final Instant T0 = Instant.parse("2026-11-02T20:00:00Z");
    static final ContractDeadlines P1 = new ContractDeadlines(Duration.ofHours(2), Duration.ofHours(24));
    static final ContractDeadlines P3 = new ContractDeadlines(null, Duration.ofHours(72));

    @Test
    void givenAP1JustOpened_thenEachStepFallsDueAfterWhatTheContractAllows() {
        ContractClock clock = ContractClock.started(T0, P1);

        assertThat(clock.dueAt(DeadlineKind.MAKE_SAFE)).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(clock.dueAt(DeadlineKind.REPAIR)).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(clock.nextStep()).isEqualTo(DeadlineKind.MAKE_SAFE);
        assertThat(clock.timeLeft(T0.plusSeconds(600))).isEqualTo(Duration.ofMinutes(110));
        assertThat(clock.overdue(T0.plusSeconds(600))).isFalse();
    }

    @Test
    void givenAP3_thenItHasNoMakeSafeStepAndRacesTheRepair() {
        ContractClock clock = ContractClock.started(T0, P3);

        assertThat(clock.sets(DeadlineKind.MAKE_SAFE)).isFalse();
        assertThat(clock.pending(DeadlineKind.MAKE_SAFE)).isFalse();
        assertThat(clock.dueAt(DeadlineKind.MAKE_SAFE)).isNull();
        assertThat(clock.nextDueAt()).isEqualTo(T0.plus(Duration.ofHours(72)));
    }

    @Test
    void givenAP1MadeSafe_whenAsked_thenTheRepairIsNextAndMakeSafeNoLongerPending() {
        ContractClock clock = ContractClock.started(T0, P1).afterMadeSafe();

        assertThat(clock.nextStep()).isEqualTo(DeadlineKind.REPAIR);
        assertThat(clock.pending(DeadlineKind.MAKE_SAFE)).isFalse();
        assertThat(clock.pending(DeadlineKind.REPAIR)).isTrue();
    }

    @Test
    void givenAMissRecorded_thenThatStepIsNoLongerPendingButStillOverdue() {
        ContractClock clock = ContractClock.started(T0, P1).afterMiss(DeadlineKind.MAKE_SAFE);
        Instant later = T0.plus(Duration.ofHours(3));

        assertThat(clock.pending(DeadlineKind.MAKE_SAFE)).isFalse();
        assertThat(clock.nextStep()).isEqualTo(DeadlineKind.MAKE_SAFE);
        assertThat(clock.overdue(later)).isTrue();
        assertThat(clock.timeLeft(later)).isEqualTo(Duration.ofHours(-1));
    }

    @Test
    void givenAStep_whenItsDueInstantComes_thenItIsOverdueFromThatInstant() {
        ContractClock clock = ContractClock.started(T0, P3);
        Instant due = clock.dueAt(DeadlineKind.REPAIR);

        assertThat(clock.overdue(due.minusNanos(1))).isFalse();
        assertThat(clock.overdue(due)).isTrue();
    }

    @Test
    void givenAPause_whenResumed_thenDueTimesMoveByThePauseAndElapsedTimeExcludesIt() {
        ContractClock paused = ContractClock.started(T0, P1).pausedAt(T0.plusSeconds(600));
        Duration pause = paused.pauseEndingAt(T0.plusSeconds(600).plus(Duration.ofHours(3)));
        ContractClock resumed = paused.resumedAfter(pause);

        assertThat(pause).isEqualTo(Duration.ofHours(3));
        assertThat(resumed.dueAt(DeadlineKind.MAKE_SAFE)).isEqualTo(T0.plus(Duration.ofHours(5)));
        assertThat(resumed.elapsed(T0.plus(Duration.ofHours(4)))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void givenAPause_whenAnEndIsStampedBeforeItBegan_thenThePauseCountsForNothing() {
        ContractClock paused = ContractClock.started(T0, P3).pausedAt(T0.plusSeconds(600));

        assertThat(paused.pauseEndingAt(T0.plusSeconds(590))).isEqualTo(Duration.ZERO);
        assertThat(paused.pauseEnd(T0.plusSeconds(590))).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void givenAStepPastDue_thenItIsLateByTheTimeSinceItFellDueAndNeverEarly() {
        ContractClock clock = ContractClock.started(T0, P1);

        assertThat(clock.lateBy(DeadlineKind.MAKE_SAFE, T0.plusSeconds(600))).isEqualTo(Duration.ZERO);
        assertThat(clock.lateBy(DeadlineKind.MAKE_SAFE, T0.plus(Duration.ofHours(2)).plusSeconds(30)))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenRequalifiedTerms_thenTheyCountFromTheSameOpeningNetOfTheSamePauses() {
        ContractClock clock = ContractClock.started(T0, P3).pausedAt(T0).resumedAfter(Duration.ofHours(1)).requalified(P1);

        assertThat(clock.dueAt(DeadlineKind.MAKE_SAFE)).isEqualTo(T0.plus(Duration.ofHours(3)));
    }

    /** Due time = opened + what the contract allows + every closed pause, whatever the pauses. */
    @Property(tries = 300)
    void dueTimeIsOpeningPlusAllowancePlusClosedPauses(
            @ForAll @Size(max = 8) List<@LongRange(min = 0, max = 86_400) Long> runs,
            @ForAll @Size(max = 8) List<@LongRange(min = 0, max = 86_400) Long> pauses) {
        ContractClock clock = ContractClock.started(T0, P1);
        Instant now = T0;
        Duration pausedTotal = Duration.ZERO;
        for (int i = 0; i < Math.min(runs.size(), pauses.size()); i++) {
            now = now.plusSeconds(runs.get(i));
            clock = clock.pausedAt(now);
            now = now.plusSeconds(pauses.get(i));
            clock = clock.resumedAfter(clock.pauseEndingAt(now));
            pausedTotal = pausedTotal.plusSeconds(pauses.get(i));
        }
        for (DeadlineKind kind : DeadlineKind.values()) {
            assertThat(clock.dueAt(kind)).isEqualTo(T0.plus(P1.within(kind)).plus(pausedTotal));
        }
    }

    /** Time left never moves while paused, and resuming gives back exactly what was left when it stopped. */
    @Property(tries = 300)
    void timeLeftNeverChangesWhilePaused(@ForAll @LongRange(min = 0, max = 400_000) long runSeconds,
                                         @ForAll @LongRange(min = 0, max = 400_000) long firstLook,
                                         @ForAll @LongRange(min = 0, max = 400_000) long secondLook,
                                         @ForAll boolean madeSafe) {
        ContractClock running = ContractClock.started(T0, P1);
        running = madeSafe ? running.afterMadeSafe() : running;
        Instant pausedAt = T0.plusSeconds(runSeconds);
        Duration leftWhenPaused = running.timeLeft(pausedAt);
        ContractClock paused = running.pausedAt(pausedAt);

        assertThat(paused.timeLeft(pausedAt.plusSeconds(firstLook))).isEqualTo(leftWhenPaused);
        assertThat(paused.timeLeft(pausedAt.plusSeconds(secondLook))).isEqualTo(leftWhenPaused);
        Instant resumedAt = pausedAt.plusSeconds(firstLook);
        assertThat(paused.resumedAfter(paused.pauseEndingAt(resumedAt)).timeLeft(resumedAt)).isEqualTo(leftWhenPaused);
    }

    /** What has run and what is left always add up to what the contract allows for the next step. */
    @Property(tries = 300)
    void elapsedPlusTimeLeftIsTheAllowance(@ForAll @LongRange(min = 0, max = 400_000) long pausedAfter,
                                           @ForAll @LongRange(min = 0, max = 400_000) long pauseLength,
                                           @ForAll @IntRange(min = 0, max = 400_000) int lookAfterResume) {
        ContractClock clock = ContractClock.started(T0, P3).pausedAt(T0.plusSeconds(pausedAfter));
        Instant resumedAt = T0.plusSeconds(pausedAfter + pauseLength);
        clock = clock.resumedAfter(clock.pauseEndingAt(resumedAt));
        Instant now = resumedAt.plusSeconds(lookAfterResume);

        assertThat(clock.elapsed(now).plus(clock.timeLeft(now))).isEqualTo(P3.repairWithin());
    }
}
