package io.pilotage.contract;

import io.pilotage.contract.ContractCommands.AmendContract;
import io.pilotage.contract.ContractCommands.SignContract;
import io.pilotage.contract.ContractEvent.ContractAmended;
import io.pilotage.contract.ContractEvent.ContractSigned;
import io.pilotage.contract.ContractRules.AmendmentMustChangeTheTerms;
import io.pilotage.contract.ContractRules.AmendmentsTakeEffectInOrder;
import io.pilotage.contract.ContractRules.ContractIsSignedOnce;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.Priority;
import io.pilotage.shared.RuleViolation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractTest {

    static final String ID = ContractCommands.CONTRACT_ID;
    static final Instant SIGNED = TermsOnFile.SIGNED;
    static final Instant NOW = Instant.parse("2026-06-30T10:00:00Z");
    static final ContractSigned SIGNATURE = new ContractSigned(ID, Terms.REFERENCE, SIGNED, NOW);
    static final TermsChange P3_IN_48H = new TermsChange(Map.of(Priority.P3, new ContractDeadlines(null, Duration.ofHours(48))),
            null, null, null, null, null);

    private AggregateTestFixture<Contract> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contract.class);
    }

    @Test
    void givenNoContract_whenSigned_thenSignedAsVersion1() {
        fixture.givenNoPriorActivity()
                .when(new SignContract(ID, Terms.REFERENCE, SIGNED, NOW))
                .expectEvents(SIGNATURE)
                .expectResultMessagePayload(true);
    }

    @Test
    void givenASignedContract_whenTheSameTermsAreSignedAgain_thenNothingChanges() {
        fixture.given(SIGNATURE)
                .when(new SignContract(ID, Terms.REFERENCE, SIGNED, NOW.plusSeconds(60)))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void givenASignedContract_whenOtherTermsAreSigned_thenRefused() {
        fixture.given(SIGNATURE)
                .when(new SignContract(ID, Terms.REFERENCE.amendedBy(P3_IN_48H), SIGNED, NOW))
                .expectNoEvents()
                .expectExceptionMessage(new RuleViolation(new ContractIsSignedOnce()).getMessage());
    }

    @Test
    void givenASignedContract_whenAmended_thenVersion2RestatesTheWholeTermsWithTheChange() {
        Instant july = Instant.parse("2026-07-01T00:00:00Z");
        Terms expected = new Terms(
                Map.of(Priority.P1, Terms.REFERENCE.deadlinesFor(Priority.P1), Priority.P2, Terms.REFERENCE.deadlinesFor(Priority.P2),
                        Priority.P3, new ContractDeadlines(null, Duration.ofHours(48))),
                Terms.REFERENCE.penalties(), new BigDecimal("0.65"), new BigDecimal("0.99"), new BigDecimal("0.01"),
                Terms.REFERENCE.clockStoppingReasons());
        fixture.given(SIGNATURE)
                .when(new AmendContract(ID, july, P3_IN_48H, "Amendment 1", NOW))
                .expectEvents(new ContractAmended(ID, 2, july, expected, "Amendment 1", NOW))
                .expectResultMessagePayload(2);
    }

    @Test
    void givenAnAmendment_whenAnotherTakesEffectBeforeIt_thenRefusedNamingTheCurrentEffectiveDate() {
        Instant july = Instant.parse("2026-07-01T00:00:00Z");
        fixture.given(SIGNATURE, new ContractAmended(ID, 2, july, Terms.REFERENCE.amendedBy(P3_IN_48H), "Amendment 1", NOW))
                .when(new AmendContract(ID, july.minusSeconds(1), new TermsChange(null, null, new BigDecimal("0.7"), null, null, null),
                        "Amendment 2", NOW))
                .expectNoEvents()
                .expectExceptionMessage(new RuleViolation(new AmendmentsTakeEffectInOrder(july)).getMessage());
    }

    @Test
    void givenASignedContract_whenAnAmendmentChangesNothing_thenRefused() {
        fixture.given(SIGNATURE)
                .when(new AmendContract(ID, NOW, new TermsChange(null, null, new BigDecimal("0.6500"), null, null, null), "no-op", NOW))
                .expectNoEvents()
                .expectExceptionMessage(new RuleViolation(new AmendmentMustChangeTheTerms()).getMessage());
    }

    @Test
    void givenASignedContract_whenAnAmendmentWouldTakeEffectMoreThanADayBeforeItIsRecorded_thenRefused() {
        fixture.given(SIGNATURE)
                .when(new AmendContract(ID, NOW.minus(Duration.ofDays(2)), P3_IN_48H, "backdated", NOW))
                .expectNoEvents()
                .expectExceptionMessage(new RuleViolation(new ContractRules.AmendmentsAreNotRetroactive(NOW.minus(Duration.ofDays(1))))
                        .getMessage());
    }
}
