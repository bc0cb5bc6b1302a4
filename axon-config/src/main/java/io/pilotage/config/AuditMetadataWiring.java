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
 * aggregate's knowledge: {@code Intervention} puts it on what its deadlines apply.)
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
