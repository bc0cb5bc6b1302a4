package io.pilotage.config;

import io.pilotage.shared.MetadataKeys;
import java.util.List;
import java.util.Map;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * What Axon leaves out for deadlines. The persistent deadline manager runs a deadline in a unit of work without
 * correlation data providers, so an event a deadline handler applies would carry no metadata at all: the
 * providers are added as a handler interceptor. And a deadline is scheduled in the unit of work that started its
 * clock: the id of the last event published there is put on the deadline, so that the miss it may record names
 * the event that set it in motion.
 */
@Component
class AuditMetadataWiring implements SmartInitializingSingleton {

    private static final String LAST_EVENT_ID = AuditMetadataWiring.class.getName() + ".lastEventId";

    private final ObjectProvider<DeadlineManager> deadlineManager;
    private final ObjectProvider<EventBus> eventBus;
    private final List<CorrelationDataProvider> providers;

    AuditMetadataWiring(ObjectProvider<DeadlineManager> deadlineManager, ObjectProvider<EventBus> eventBus,
                        List<CorrelationDataProvider> providers) {
        this.deadlineManager = deadlineManager;
        this.eventBus = eventBus;
        this.providers = providers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventBus.ifAvailable(bus -> bus.registerDispatchInterceptor(events -> (index, event) -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().resources().put(LAST_EVENT_ID, event.getIdentifier());
            }
            return event;
        }));
        deadlineManager.ifAvailable(deadlines -> {
            deadlines.registerHandlerInterceptor(new CorrelationDataInterceptor<>(providers));
            deadlines.registerDispatchInterceptor(messages -> (index, deadline) -> {
                Object trigger = CurrentUnitOfWork.map(UnitOfWork::root)
                        .map(root -> root.resources().get(LAST_EVENT_ID)).orElse(null);
                return trigger == null ? deadline : deadline.andMetaData(Map.of(MetadataKeys.TRIGGERING_EVENT_ID, trigger));
            });
        });
    }
}
