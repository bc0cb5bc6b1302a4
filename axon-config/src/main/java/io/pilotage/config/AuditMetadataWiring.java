package io.pilotage.config;

import java.util.List;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * What Axon leaves out for deadlines: the persistent deadline manager runs a deadline in a unit of work without
 * correlation data providers, so an event a deadline handler applies would carry no metadata at all. The
 * providers are added as a handler interceptor. (Which event started the clock a deadline belongs to is the
 * aggregate's knowledge: {@code Intervention} puts it on what its deadlines apply.) The interceptor is added once
 * every singleton exists, so db-scheduler must not run a deadline before: it starts polling when the context is
 * ready ({@code db-scheduler.delay-startup-until-context-ready} in application.properties, and
 * {@code DeadlineAfterRestartTest}'s overdue-at-start case).
 */
@Component
class AuditMetadataWiring implements SmartInitializingSingleton {

    private final ObjectProvider<DeadlineManager> deadlineManager;
    private final List<CorrelationDataProvider> providers;

    AuditMetadataWiring(ObjectProvider<DeadlineManager> deadlineManager, List<CorrelationDataProvider> providers) {
        this.deadlineManager = deadlineManager;
        this.providers = providers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        deadlineManager.ifAvailable(deadlines ->
                deadlines.registerHandlerInterceptor(new CorrelationDataInterceptor<>(providers)));
    }
}
