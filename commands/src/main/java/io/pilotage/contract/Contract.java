package io.pilotage.contract;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.pilotage.contract.ContractCommands.AmendContract;
import io.pilotage.contract.ContractCommands.SignContract;
import io.pilotage.contract.ContractEvent.ContractAmended;
import io.pilotage.contract.ContractEvent.ContractSigned;
import io.pilotage.contract.ContractRules.AmendmentMustChangeTheTerms;
import io.pilotage.contract.ContractRules.AmendmentsTakeEffectInOrder;
import io.pilotage.contract.ContractRules.ContractIsSignedOnce;
import io.pilotage.shared.RuleViolation;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The performance contract: its terms as signed, then each amendment as a new version that restates the whole
 * terms. Versions take effect in order, so "the terms in force at an instant" has one answer.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Contract {

    @AggregateIdentifier
    private String contractId;
    private int version;
    private Instant effectiveFrom;
    private Terms terms;

    protected Contract() {
    }

    /** Every node seeds the terms on start; only the first signature counts, the same terms again change nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(SignContract command) {
        if (contractId != null) {
            if (version == 1 && terms.equals(command.terms()) && effectiveFrom.equals(command.effectiveFrom())) {
                return false;
            }
            throw new RuleViolation(new ContractIsSignedOnce());
        }
        apply(new ContractSigned(command.contractId(), command.terms(), command.effectiveFrom(), command.at()));
        return true;
    }

    /** Answers the new version's number. */
    @CommandHandler
    public int handle(AmendContract command) {
        if (!command.effectiveFrom().isAfter(effectiveFrom)) {
            throw new RuleViolation(new AmendmentsTakeEffectInOrder(effectiveFrom));
        }
        Terms amended = terms.amendedBy(command.change());
        if (amended.equals(terms)) {
            throw new RuleViolation(new AmendmentMustChangeTheTerms());
        }
        apply(new ContractAmended(contractId, version + 1, command.effectiveFrom(), amended, command.reason(), command.at()));
        return version;
    }

    @EventSourcingHandler
    void on(ContractSigned event) {
        contractId = event.contractId();
        version = 1;
        effectiveFrom = event.effectiveFrom();
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(ContractAmended event) {
        version = event.version();
        effectiveFrom = event.effectiveFrom();
        terms = event.terms();
    }
}
