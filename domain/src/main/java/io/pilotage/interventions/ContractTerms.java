package io.pilotage.interventions;

import io.pilotage.shared.InvalidValue;
import java.util.EnumMap;
import java.util.Map;

/** The deadlines the contract sets per priority; configuration, since real contracts differ. */
public record ContractTerms(Map<Priority, ContractDeadlines> deadlines) {

    public ContractTerms {
        InvalidValue.require(deadlines != null && deadlines.keySet().containsAll(java.util.List.of(Priority.values())),
                "deadlines", "must be set for P1, P2 and P3");
        deadlines = Map.copyOf(new EnumMap<>(deadlines));
    }

    public ContractDeadlines forPriority(Priority priority) {
        return deadlines.get(priority);
    }
}
