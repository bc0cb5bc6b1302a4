package io.pilotage.reports;

import io.pilotage.shared.PolicyCommands;
import io.pilotage.shared.RuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the reports policies tell a request what became of its work: a request an operator already closed, or one that
 * is not known (a failure id that only looks like a citizen's), keeps its state, and the policy goes on.
 */
final class ReportFollowUp {

    private static final Logger LOG = LoggerFactory.getLogger(ReportFollowUp.class);

    private ReportFollowUp() {
    }

    static void tell(CommandGateway commands, Object command, ServiceRequestId request, Class<?> policy) {
        try {
            PolicyCommands.send(commands, command, policy);
        } catch (RuleViolation | AggregateNotFoundException unchanged) {
            LOG.info("Request {} left as it is by {}: {}", request, policy.getSimpleName(), unchanged.getClass().getSimpleName());
        }
    }
}
