package io.pilotage.config;

import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.ContractTerms;
import io.pilotage.interventions.Priority;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The performance contract's deadlines, as configuration: real contracts differ from Dijon's defaults.
 * Every intervention is stamped with the terms in force when it opens.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContractConfiguration.ContractProperties.class)
public class ContractConfiguration {

    /** Defaults: P1 made safe within 2 h and repaired within 24 h; P2 repaired within 24 h; P3 within 72 h. */
    @ConfigurationProperties("pilotage.contract")
    public record ContractProperties(@DefaultValue("2h") Duration p1MakeSafe, @DefaultValue("24h") Duration p1Repair,
                                     @DefaultValue("24h") Duration p2Repair, @DefaultValue("72h") Duration p3Repair) {
    }

    @Bean
    public ContractTerms contractTerms(ContractProperties contract) {
        return new ContractTerms(Map.of(
                Priority.P1, new ContractDeadlines(contract.p1MakeSafe(), contract.p1Repair()),
                Priority.P2, new ContractDeadlines(null, contract.p2Repair()),
                Priority.P3, new ContractDeadlines(null, contract.p3Repair())));
    }
}
