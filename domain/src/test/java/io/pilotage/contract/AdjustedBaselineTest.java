package io.pilotage.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.contract.AdjustedBaseline.Adjustment;
import io.pilotage.contract.AdjustedBaseline.Version;
import io.pilotage.shared.InvalidValue;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AdjustedBaselineTest {

    static final YearMonth NOV = YearMonth.of(2026, 11);
    static final YearMonth DEC = YearMonth.of(2026, 12);
    static final List<BigDecimal> HOURS = hours(400, 340, 320, 270, 230, 200, 210, 250, 290, 340, 370, 410);
    static final Version OPTION_A = new Version(1, BaselineMethod.A, YearMonth.of(2026, 1), HOURS, 2_000, null);
    static final Version OPTION_B = new Version(1, BaselineMethod.B, YearMonth.of(2026, 1), HOURS, null,
            List.of(500_000L, 450_000L, 420_000L, 360_000L, 310_000L, 270_000L, 280_000L, 330_000L, 380_000L, 440_000L,
                    300_000L, 520_000L));

    @Test
    void givenOptionA_whenAMonth_thenLegacyPowerTimesAgreedHours() {
        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_A), List.of(), NOV)).hasValue(2_000L * 370);
    }

    @Test
    void givenNoVersionInForceYet_whenAMonthBefore_thenNoBaseline() {
        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_A), List.of(), YearMonth.of(2025, 12))).isEmpty();
    }

    @Test
    void givenPointsAdded_whenFromTheirMonthOn_thenTheirPowerCountsWithTheAgreedHours() {
        List<Adjustment> added = List.of(new Adjustment(1, NOV, AdjustmentKind.POINTS_ADDED, 300, null));

        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_A), added, YearMonth.of(2026, 10))).hasValue(2_000L * 340);
        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_A), added, NOV)).hasValue(2_300L * 370);
    }

    @Test
    void givenABurningHoursChange_whenOptionA_thenTheNewHoursFromItsMonth() {
        List<BigDecimal> longer = hours(400, 340, 320, 270, 230, 200, 210, 250, 290, 340, 370, 425.5);
        List<Adjustment> adjustments = List.of(new Adjustment(1, NOV, AdjustmentKind.POINTS_ADDED, 300, null),
                new Adjustment(2, DEC, AdjustmentKind.BURNING_HOURS_CHANGED, 0, longer));

        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_A), adjustments, NOV)).hasValue(2_300L * 370);
        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_A), adjustments, DEC)).hasValue(978_650L);
    }

    @Test
    void givenOptionB_whenHoursChangeAndPointsAreAdded_thenReferenceScaledByTheHoursPlusTheAddedPower() {
        List<BigDecimal> shorter = hours(400, 340, 320, 270, 230, 200, 210, 250, 290, 340, 333, 410);
        List<Adjustment> adjustments = List.of(new Adjustment(1, NOV, AdjustmentKind.BURNING_HOURS_CHANGED, 0, shorter),
                new Adjustment(2, NOV, AdjustmentKind.POINTS_ADDED, 150, null));

        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_B), List.of(), NOV)).hasValue(300_000L);
        // 300,000 x 333 / 370 + 150 x 333 = 270,000 + 49,950
        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_B), adjustments, NOV)).hasValue(319_950L);
    }

    @Test
    void givenAnExactValueOfHalfAWattHour_whenRounded_thenHalfToEven() {
        List<BigDecimal> halves = Collections.nCopies(12, new BigDecimal("0.50"));
        assertThat(AdjustedBaseline.monthWh(List.of(new Version(1, BaselineMethod.A, NOV, halves, 1, null)), List.of(), NOV))
                .hasValue(0L);
        assertThat(AdjustedBaseline.monthWh(List.of(new Version(1, BaselineMethod.A, NOV, halves, 3, null)), List.of(), NOV))
                .hasValue(2L);
        List<Long> reference = Collections.nCopies(12, 100_001L);
        List<BigDecimal> thirds = new ArrayList<>(Collections.nCopies(12, new BigDecimal("300")));
        Version optionB = new Version(1, BaselineMethod.B, NOV, thirds, null, reference);
        List<Adjustment> fewerHours = List.of(new Adjustment(1, NOV, AdjustmentKind.BURNING_HOURS_CHANGED, 0,
                Collections.nCopies(12, new BigDecimal("100"))));
        // 100,001 x 100 / 300 = 33,333.67
        assertThat(AdjustedBaseline.monthWh(List.of(optionB), fewerHours, NOV)).hasValue(33_334L);
    }

    @Test
    void givenAReAgreedBaseline_whenItsMonthComes_thenEarlierAdjustmentsNoLongerApply() {
        Version reAgreed = new Version(2, BaselineMethod.A, YearMonth.of(2027, 1), HOURS, 2_250, null);
        List<Adjustment> added = List.of(new Adjustment(1, NOV, AdjustmentKind.POINTS_ADDED, 300, null));

        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_A, reAgreed), added, DEC)).hasValue(2_300L * 410);
        assertThat(AdjustedBaseline.monthWh(List.of(OPTION_A, reAgreed), added, YearMonth.of(2027, 1))).hasValue(2_250L * 400);
    }

    @Test
    void givenTwoVersionsOfOneMonth_whenAsked_thenTheLaterAgreedOne() {
        Version again = new Version(2, BaselineMethod.A, OPTION_A.effectiveFrom(), HOURS, 1_800, null);
        assertThat(AdjustedBaseline.monthWh(List.of(again, OPTION_A), List.of(), NOV)).hasValue(1_800L * 370);
    }

    @Test
    void savingsAreTheShareOfTheBaselineNotUsed_fourDecimalsHalfToEven() {
        assertThat(AdjustedBaseline.savings(851_000, 300_000)).isEqualByComparingTo("0.6475");
        assertThat(AdjustedBaseline.savings(20_000, 7_001)).isEqualByComparingTo("0.6500");
        assertThat(AdjustedBaseline.savings(1_000, 1_500)).isEqualByComparingTo("-0.5000");
        assertThat(AdjustedBaseline.savings(0, 10)).isNull();
        assertThat(AdjustedBaseline.meetsTarget(new BigDecimal("0.6500"), new BigDecimal("0.65"))).isTrue();
        assertThat(AdjustedBaseline.meetsTarget(new BigDecimal("0.6499"), new BigDecimal("0.65"))).isFalse();
        assertThat(AdjustedBaseline.meetsTarget(null, new BigDecimal("0.65"))).isNull();
    }

    @Test
    void burningHoursAreTwelveValuesOfAtMost744WithTwoDecimals() {
        assertThatThrownBy(() -> AdjustedBaseline.requireBurningHours(HOURS.subList(0, 11), "h", false))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("12 values");
        List<BigDecimal> tooMany = new ArrayList<>(HOURS);
        tooMany.set(3, new BigDecimal("744.01"));
        assertThatThrownBy(() -> AdjustedBaseline.requireBurningHours(tooMany, "h", false)).hasMessageContaining("h[3]");
        tooMany.set(3, new BigDecimal("1.005"));
        assertThatThrownBy(() -> AdjustedBaseline.requireBurningHours(tooMany, "h", false)).hasMessageContaining("2 decimals");
        tooMany.set(3, BigDecimal.ZERO);
        assertThat(AdjustedBaseline.requireBurningHours(tooMany, "h", false).get(3)).isEqualTo(new BigDecimal("0.00"));
        assertThatThrownBy(() -> AdjustedBaseline.requireBurningHours(tooMany, "h", true)).hasMessageContaining("more than 0");
    }

    @Property
    void aBurningHoursChangeToTheAgreedHoursChangesNothing(@ForAll @Size(12) List<@IntRange(min = 1, max = 744) Integer> hours,
                                                           @ForAll @IntRange(min = 1, max = 250_000) int legacyPowerW,
                                                           @ForAll @Size(12) List<@LongRange(min = 0, max = 10_000_000) Long> reference,
                                                           @ForAll @IntRange(min = 1, max = 12) int month) {
        List<BigDecimal> agreed = hours.stream().map(BigDecimal::valueOf).toList();
        YearMonth asked = YearMonth.of(2026, month);
        List<Adjustment> same = List.of(new Adjustment(1, YearMonth.of(2026, 1), AdjustmentKind.BURNING_HOURS_CHANGED, 0, agreed));
        for (Version version : List.of(new Version(1, BaselineMethod.A, YearMonth.of(2026, 1), agreed, legacyPowerW, null),
                new Version(1, BaselineMethod.B, YearMonth.of(2026, 1), agreed, null, reference))) {
            OptionalLong before = AdjustedBaseline.monthWh(List.of(version), List.of(), asked);
            assertThat(AdjustedBaseline.monthWh(List.of(version), same, asked)).isEqualTo(before);
        }
    }

    @Property
    void pointsAddedThenRemovedWithTheSamePowerLeaveTheBaselineAsItWas(
            @ForAll @Size(12) List<@IntRange(min = 0, max = 744) Integer> hours,
            @ForAll @IntRange(min = 1, max = 100_000) int legacyPowerW,
            @ForAll @IntRange(min = 1, max = 100_000) int addedW,
            @ForAll @IntRange(min = 1, max = 12) int month) {
        List<BigDecimal> agreed = hours.stream().map(BigDecimal::valueOf).toList();
        Version version = new Version(1, BaselineMethod.A, YearMonth.of(2026, 1), agreed, legacyPowerW, null);
        List<Adjustment> addedThenRemoved = List.of(
                new Adjustment(1, YearMonth.of(2026, 1), AdjustmentKind.POINTS_ADDED, addedW, null),
                new Adjustment(2, YearMonth.of(2026, 1), AdjustmentKind.POINTS_REMOVED, -addedW, null));
        YearMonth asked = YearMonth.of(2026, month);

        assertThat(AdjustedBaseline.monthWh(List.of(version), addedThenRemoved, asked))
                .isEqualTo(AdjustedBaseline.monthWh(List.of(version), List.of(), asked))
                .hasValue((long) legacyPowerW * hours.get(month - 1));
    }

    static List<BigDecimal> hours(double... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> new BigDecimal(Double.toString(v)).setScale(2)).toList();
    }
}
