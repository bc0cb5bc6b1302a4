package io.pilotage.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.springboot.EventProcessorProperties;
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

    /**
     * A read model rebuilt by replay starts from nothing: the letters it had parked would be retried on top of the
     * rebuilt tables, out of order, so a reset clears the group's queue (Axon keeps it by default).
     */
    @Bean
    public ConfigurerModule clearDeadLettersOnReset(EventProcessorProperties processors) {
        return configurer -> processors.getProcessors().keySet().forEach(group -> configurer.eventProcessing()
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (configuration, builder) -> builder.allowReset(true)));
    }

    @Bean
    public ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
