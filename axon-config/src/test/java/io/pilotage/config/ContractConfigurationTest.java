package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.config.ContractConfiguration.ContractProperties;
import io.pilotage.contract.Terms;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The configuration seeds the reference contract unless told otherwise, and reads what it is told. */
class ContractConfigurationTest {

    private static ContractProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("pilotage.contract", ContractProperties.class);
    }

    @Test
    void givenNoContractProperties_thenTheSeededTermsAreTheReferenceTerms() {
        assertThat(bind(Map.of()).terms()).isEqualTo(Terms.REFERENCE);
    }

    @Test
    void givenContractProperties_thenTheSeededTermsFollowThem() {
        Terms terms = bind(Map.of("pilotage.contract.p3-repair", "48h", "pilotage.contract.p3-penalty-euros-per-hour", "80",
                "pilotage.contract.energy-saving-target", "0.7", "pilotage.contract.clock-stopping-reasons", "weather_alert,snow_plan_active")).terms();

        assertThat(terms.deadlinesFor(io.pilotage.interventions.Priority.P3).repairWithin()).hasHours(48);
        assertThat(terms.penaltyFor(io.pilotage.interventions.Priority.P3).centsPerStartedHour()).isEqualTo(8_000);
        assertThat(terms.energySavingTarget()).isEqualByComparingTo("0.7");
        assertThat(terms.clockStoppingReasons()).containsExactlyInAnyOrder(io.pilotage.interventions.PauseReason.WEATHER_ALERT,
                io.pilotage.interventions.PauseReason.SNOW_PLAN_ACTIVE);
    }
}
