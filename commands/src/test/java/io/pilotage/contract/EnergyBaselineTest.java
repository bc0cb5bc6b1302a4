package io.pilotage.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.contract.EnergyBaselineCommands.AdjustEnergyBaseline;
import io.pilotage.contract.EnergyBaselineCommands.AgreeEnergyBaseline;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAdjusted;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAgreed;
import io.pilotage.contract.EnergyRules.AdjustedBaselineCannotBeNegative;
import io.pilotage.contract.EnergyRules.AdjustmentNeedsABaselineInForce;
import io.pilotage.contract.EnergyRules.BaselineNeedsAKnownCabinet;
import io.pilotage.contract.EnergyRules.BaselineVersionsTakeEffectInOrder;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collections;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnergyBaselineTest {

    static final String CABINET = "CAB-DIJ-001";
    static final Instant AT = Instant.parse("2026-10-20T09:00:00Z");
    static final YearMonth JAN = YearMonth.of(2026, 1);
    static final YearMonth NOV = YearMonth.of(2026, 11);
    static final List<BigDecimal> HOURS = Collections.nCopies(12, new BigDecimal("300.00"));
    static final List<BigDecimal> FEWER = Collections.nCopies(12, new BigDecimal("250.00"));
    static final List<Long> REFERENCE = Collections.nCopies(12, 600_000L);
    static final EnergyBaselineAgreed AGREED = new EnergyBaselineAgreed(CABINET, 1, BaselineMethod.A, JAN, HOURS, 2_000,
            null, "pre-renovation survey", AT);

    private AggregateTestFixture<EnergyBaseline> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EnergyBaseline.class);
        fixture.registerInjectableResource((KnownCabinets) CABINET::equals);
    }

    static AgreeEnergyBaseline agreeA(YearMonth from, int legacyPowerW) {
        return new AgreeEnergyBaseline(CABINET, BaselineMethod.A, from, HOURS, legacyPowerW, null, "pre-renovation survey", AT);
    }

    @Test
    void givenAKnownCabinet_whenAgreeOptionA_thenVersion1() {
        fixture.givenNoPriorActivity()
                .when(agreeA(JAN, 2_000))
                .expectResultMessagePayload(true)
                .expectEvents(AGREED);
    }

    @Test
    void givenAKnownCabinet_whenAgreeOptionB_thenVersion1WithTheMeteredReference() {
        fixture.givenNoPriorActivity()
                .when(new AgreeEnergyBaseline(CABINET, BaselineMethod.B, JAN, HOURS, null, REFERENCE, "metered 2025", AT))
                .expectEvents(new EnergyBaselineAgreed(CABINET, 1, BaselineMethod.B, JAN, HOURS, null, REFERENCE, "metered 2025", AT));
    }

    @Test
    void givenAnUnknownCabinet_whenAgree_thenBaselineNeedsAKnownCabinet() {
        String unknown = "CAB-NOWHERE";
        fixture.givenNoPriorActivity()
                .when(new AgreeEnergyBaseline(unknown, BaselineMethod.A, JAN, HOURS, 2_000, null, "survey", AT))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(new RuleViolation(new BaselineNeedsAKnownCabinet(unknown)).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenVersion1_whenReAgreedFromALaterMonth_thenVersion2() {
        fixture.given(AGREED)
                .when(agreeA(NOV, 1_800))
                .expectEvents(new EnergyBaselineAgreed(CABINET, 2, BaselineMethod.A, NOV, HOURS, 1_800, null,
                        "pre-renovation survey", AT));
    }

    @Test
    void givenVersion1_whenTheSameFiguresAgain_thenNothingChanges() {
        fixture.given(AGREED)
                .when(agreeA(JAN, 2_000))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenAVersionFromNovember_whenAVersionFromAnEarlierMonth_thenBaselineVersionsTakeEffectInOrder() {
        fixture.given(AGREED, new EnergyBaselineAgreed(CABINET, 2, BaselineMethod.A, NOV, HOURS, 1_800, null, "r", AT))
                .when(agreeA(YearMonth.of(2026, 6), 1_900))
                .expectExceptionMessage(new RuleViolation(new BaselineVersionsTakeEffectInOrder("2026-11")).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenABaseline_whenPointsAdded_thenAdjustment1() {
        fixture.given(AGREED)
                .when(new AdjustEnergyBaseline(CABINET, NOV, AdjustmentKind.POINTS_ADDED, 300, null, "new street", AT))
                .expectEvents(new EnergyBaselineAdjusted(CABINET, 1, NOV, AdjustmentKind.POINTS_ADDED, 300, null, "new street", AT));
    }

    @Test
    void givenAnAdjustment_whenBurningHoursChange_thenAdjustment2WithTheNewHours() {
        fixture.given(AGREED, new EnergyBaselineAdjusted(CABINET, 1, NOV, AdjustmentKind.POINTS_ADDED, 300, null, "new street", AT))
                .when(new AdjustEnergyBaseline(CABINET, NOV, AdjustmentKind.BURNING_HOURS_CHANGED, 0, FEWER, "schedule", AT))
                .expectEvents(new EnergyBaselineAdjusted(CABINET, 2, NOV, AdjustmentKind.BURNING_HOURS_CHANGED, 0, FEWER,
                        "schedule", AT));
    }

    @Test
    void givenNoBaseline_whenAdjusted_thenNotFound() {
        fixture.givenNoPriorActivity()
                .when(new AdjustEnergyBaseline(CABINET, NOV, AdjustmentKind.POINTS_ADDED, 300, null, "new street", AT))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void givenABaselineFromJanuary_whenAdjustedBeforeIt_thenAdjustmentNeedsABaselineInForce() {
        fixture.given(AGREED)
                .when(new AdjustEnergyBaseline(CABINET, YearMonth.of(2025, 12), AdjustmentKind.POINTS_ADDED, 300, null, "r", AT))
                .expectExceptionMessage(new RuleViolation(new AdjustmentNeedsABaselineInForce()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenABaselineOf2000W_whenMorePowerIsRemoved_thenAdjustedBaselineCannotBeNegative() {
        fixture.given(AGREED)
                .when(new AdjustEnergyBaseline(CABINET, NOV, AdjustmentKind.POINTS_REMOVED, -2_001, null, "street closed", AT))
                .expectExceptionMessage(new RuleViolation(new AdjustedBaselineCannotBeNegative("2026-11")).getMessage())
                .expectNoEvents();
    }

    @Test
    void commandsRefuseFieldsThatBreakTheirOwnRules() {
        assertThatThrownBy(() -> new AgreeEnergyBaseline(CABINET, BaselineMethod.A, JAN, HOURS, null, null, "r", AT))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("legacyPowerW");
        assertThatThrownBy(() -> new AgreeEnergyBaseline(CABINET, BaselineMethod.A, JAN, HOURS, 2_000, REFERENCE, "r", AT))
                .hasMessageContaining("referenceMonthlyWh");
        assertThatThrownBy(() -> new AgreeEnergyBaseline(CABINET, BaselineMethod.B, JAN, HOURS, null, REFERENCE.subList(0, 3), "r", AT))
                .hasMessageContaining("referenceMonthlyWh");
        assertThatThrownBy(() -> new AgreeEnergyBaseline(CABINET, BaselineMethod.A, JAN, HOURS, 2_000, null, " ", AT))
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> new AgreeEnergyBaseline(CABINET, BaselineMethod.A, YearMonth.of(1999, 12), HOURS, 2_000, null, "r", AT))
                .hasMessageContaining("effectiveFrom");
        assertThatThrownBy(() -> new AdjustEnergyBaseline(CABINET, NOV, AdjustmentKind.POINTS_ADDED, -5, null, "r", AT))
                .hasMessageContaining("powerDeltaW");
        assertThatThrownBy(() -> new AdjustEnergyBaseline(CABINET, NOV, AdjustmentKind.POINTS_REMOVED, 5, null, "r", AT))
                .hasMessageContaining("powerDeltaW");
        assertThatThrownBy(() -> new AdjustEnergyBaseline(CABINET, NOV, AdjustmentKind.BURNING_HOURS_CHANGED, 0, null, "r", AT))
                .hasMessageContaining("monthlyBurningHours");
        assertThatThrownBy(() -> new AdjustEnergyBaseline(CABINET, NOV, AdjustmentKind.POINTS_ADDED, 5, FEWER, "r", AT))
                .hasMessageContaining("monthlyBurningHours");
    }
}
