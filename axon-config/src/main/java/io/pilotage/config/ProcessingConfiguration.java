package io.pilotage.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A read model that fails on an event must not skip it: Axon's default logs the failure and moves on,
 * which leaves a projection silently wrong. Errors propagate instead, so the batch rolls back and the
 * processor retries it; the policy's group parks repeated failures in its dead-letter queue.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessingConfiguration {

    @Bean
    public ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
