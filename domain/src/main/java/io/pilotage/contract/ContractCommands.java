package io.pilotage.contract;

import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the one performance contract. Time comes in the command. */
public final class ContractCommands {

    /** The metropole has one performance contract: its stream's id. */
    public static final String CONTRACT_ID = "contract";

    private ContractCommands() {
    }

    /** Records the terms as signed, once: the application seeds them from its configuration on first start. */
    public record SignContract(@TargetAggregateIdentifier String contractId, Terms terms, Instant effectiveFrom,
                               Instant at) {
        public SignContract {
            InvalidValue.requireNonNull(terms, "terms");
            InvalidValue.requireNonNull(effectiveFrom, "effectiveFrom");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** An amendment the parties agreed: it changes the terms from {@code effectiveFrom}, for {@code reason}. */
    public record AmendContract(@TargetAggregateIdentifier String contractId, Instant effectiveFrom, TermsChange change,
                                String reason, Instant at) {
        public AmendContract {
            InvalidValue.requireNonNull(effectiveFrom, "effectiveFrom");
            InvalidValue.requireNonNull(change, "change");
            Text.requireLine(reason, "reason", 500);
            InvalidValue.requireNonNull(at, "at");
        }
    }
}
