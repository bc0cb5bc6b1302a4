package io.pilotage.config;

import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.SharedRules.IdNamesOneKindOfResource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * All aggregates share one event table and so one id space. A command addressed to an id that another kind of
 * aggregate already uses fails when Axon loads the stream ({@link IncompatibleAggregateException}); that is the
 * caller's mistake, not a fault, so it becomes the rule {@link IdNamesOneKindOfResource}: 409 at the edge, a
 * rejected row in an import.
 */
@Component
class IdClashes implements SmartInitializingSingleton {

    private final ObjectProvider<CommandBus> commandBus;

    IdClashes(ObjectProvider<CommandBus> commandBus) {
        this.commandBus = commandBus;
    }

    @Override
    public void afterSingletonsInstantiated() {
        commandBus.ifAvailable(bus -> bus.registerHandlerInterceptor((unitOfWork, chain) -> {
            try {
                return chain.proceed();
            } catch (IncompatibleAggregateException clash) {
                throw new RuleViolation(new IdNamesOneKindOfResource());
            }
        }));
    }
}
