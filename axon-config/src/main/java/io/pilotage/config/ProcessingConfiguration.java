package io.pilotage.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A read model that fails on an event must not skip it: Axon's default logs the failure and moves on,
 * which leaves a projection silently wrong. Errors propagate from the handler instead, into the group's
 * dead-letter queue: the event (and the later events of its aggregate) is parked with its error and the group
 * goes on; {@link DeadLetterQueues} retries parked letters on a schedule. When the database itself is gone,
 * parking fails too, the batch rolls back and the processor retries it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class ProcessingConfiguration {

    @Bean
    public ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
