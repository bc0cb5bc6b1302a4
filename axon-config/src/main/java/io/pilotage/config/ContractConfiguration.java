package io.pilotage.config;

import io.pilotage.contract.ContractCommands;
import io.pilotage.contract.ContractCommands.SignContract;
import io.pilotage.contract.PenaltyRate;
import io.pilotage.contract.Terms;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import io.pilotage.shared.RuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The performance contract's first terms, as configuration: real contracts differ from Dijon's defaults. They
 * seed the contract's stream once, on the first start; from then on the terms are facts on that stream and
 * change only by amendment ({@code POST /api/contract/amendments}), so changing these properties later changes
 * nothing (a warning says so).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContractConfiguration.ContractProperties.class)
public class ContractConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ContractConfiguration.class);

    /**
     * Defaults: P1 made safe within 2 h and repaired within 24 h; P2 repaired within 24 h; P3 within 72 h; per started
     * hour late EUR 500 / 150 / 50, capped per step at EUR 10,000 / 3,000 / 1,000; 65% energy saving, 99% lighting
     * availability, at most 1% of points failing at month end; every pause reason stops the clock.
     */
    @ConfigurationProperties("pilotage.contract")
    public record ContractProperties(@DefaultValue("2h") Duration p1MakeSafe, @DefaultValue("24h") Duration p1Repair,
                                     @DefaultValue("24h") Duration p2Repair, @DefaultValue("72h") Duration p3Repair,
                                     @DefaultValue("500") long p1PenaltyEurosPerHour, @DefaultValue("10000") long p1PenaltyCapEuros,
                                     @DefaultValue("150") long p2PenaltyEurosPerHour, @DefaultValue("3000") long p2PenaltyCapEuros,
                                     @DefaultValue("50") long p3PenaltyEurosPerHour, @DefaultValue("1000") long p3PenaltyCapEuros,
                                     @DefaultValue("0.65") BigDecimal energySavingTarget,
                                     @DefaultValue("0.99") BigDecimal lightingAvailabilityTarget,
                                     @DefaultValue("0.01") BigDecimal failureRateCeiling,
                                     Set<PauseReason> clockStoppingReasons,
                                     @DefaultValue("2020-01-01T00:00:00Z") Instant effectiveFrom) {

        public Terms terms() {
            return new Terms(
                    Map.of(Priority.P1, new ContractDeadlines(p1MakeSafe, p1Repair),
                            Priority.P2, new ContractDeadlines(null, p2Repair),
                            Priority.P3, new ContractDeadlines(null, p3Repair)),
                    Map.of(Priority.P1, new PenaltyRate(p1PenaltyEurosPerHour * 100, p1PenaltyCapEuros * 100),
                            Priority.P2, new PenaltyRate(p2PenaltyEurosPerHour * 100, p2PenaltyCapEuros * 100),
                            Priority.P3, new PenaltyRate(p3PenaltyEurosPerHour * 100, p3PenaltyCapEuros * 100)),
                    energySavingTarget, lightingAvailabilityTarget, failureRateCeiling,
                    clockStoppingReasons == null ? EnumSet.allOf(PauseReason.class) : clockStoppingReasons);
        }
    }

    /**
     * Signs the contract with the configured terms when its stream is empty. Several nodes starting together race
     * to create the stream; the loser signs again and finds the same terms there, which changes nothing.
     */
    @Bean
    @Order(0)
    public ApplicationRunner contractSeeding(ContractProperties contract, CommandGateway commands, Clock clock) {
        return arguments -> {
            SignContract sign = new SignContract(ContractCommands.CONTRACT_ID, contract.terms(), contract.effectiveFrom(), clock.instant());
            try {
                sign(commands, sign);
            } catch (RuntimeException raced) {
                LOG.debug("Another node created the contract's stream first; signing again finds it", raced);
                sign(commands, sign);
            }
        };
    }

    private static void sign(CommandGateway commands, SignContract sign) {
        try {
            Boolean signed = commands.sendAndWait(sign);
            if (Boolean.TRUE.equals(signed)) {
                LOG.info("Contract signed with the configured terms, in force from {}", sign.effectiveFrom());
            }
        } catch (RuleViolation alreadySigned) {
            LOG.warn("The pilotage.contract.* terms differ from the contract as signed; they only seed the first terms. "
                    + "Change the terms by amendment.");
        }
    }
}
