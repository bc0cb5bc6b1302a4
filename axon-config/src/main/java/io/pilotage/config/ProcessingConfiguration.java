package io.pilotage.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pilotage.shared.ReadModelGroups;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.monitoring.NoOpMessageMonitor;
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
     * <p>
     * This configuration replaces the one Axon's auto-configuration registers for {@code dlq.cache.enabled} (one per
     * group, the last registered wins), so it carries the cache too: without it, every event of every group asked
     * the database whether its aggregate had parked letters, a query per event that took a tenth of a catch-up.
     */
    @Bean
    public ConfigurerModule clearDeadLettersOnReset(EventProcessorProperties processors) {
        return configurer -> processors.getProcessors().forEach((group, settings) -> configurer.eventProcessing()
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (configuration, builder) -> {
                    builder.allowReset(true);
                    if (settings.getDlq().getCache().isEnabled()) {
                        builder.enableSequenceIdentifierCache()
                                .sequenceIdentifierCacheSize(settings.getDlq().getCache().getSize());
                    }
                    return builder;
                }));
    }

    /**
     * No per-event monitors on the processors: Axon's Micrometer monitors look up a timer and counters for every event
     * every processor receives, handled or ignored, which took half the CPU of the processors' coordinators during an
     * import (fifteen processors, each seeing every event). A processor's progress is watched instead through
     * {@code pilotage_processor_position} against {@code pilotage_event_store_head}, read when scraped; the command and
     * query buses and the event store keep Axon's metrics, through {@link #busMetrics}.
     */
    @Bean
    public ConfigurerModule processorsWithoutPerEventMonitors(EventProcessorProperties processors) {
        return configurer -> processors.getProcessors().keySet().forEach(group -> configurer.eventProcessing()
                .registerMessageMonitor(group, configuration -> NoOpMessageMonitor.instance()));
    }

    /**
     * The buses' metrics as Axon's Micrometer module names them, each payload type's meters looked up once
     * ({@link BusMetrics}). Registered per component type, these win over the module's factory for all components.
     */
    @Bean
    public ConfigurerModule busMetrics(MeterRegistry meters) {
        return configurer -> configurer
                .configureMessageMonitor(CommandBus.class, (configuration, type, name) -> BusMetrics.ofHandlerBus(name, meters))
                .configureMessageMonitor(QueryBus.class, (configuration, type, name) -> BusMetrics.ofHandlerBus(name, meters))
                .configureMessageMonitor(QueryUpdateEmitter.class,
                        (configuration, type, name) -> BusMetrics.ofHandlerBus(name, meters))
                .configureMessageMonitor(EventBus.class, (configuration, type, name) -> BusMetrics.ofEventBus(name, meters));
    }

    /** Read-model batches make no correlation data (see {@link AuditMetadataProvider#READ_MODEL_BATCH}). */
    @Bean
    public ConfigurerModule readModelBatchesWithoutCorrelationData() {
        return configurer -> ReadModelGroups.ALL.forEach(group -> configurer.eventProcessing()
                .registerHandlerInterceptor(group, configuration -> new AuditMetadataProvider.ReadModelBatch()));
    }

    @Bean
    public MeterBinder eventStoreHead(ProcessorPositions positions) {
        return meters -> Gauge.builder("pilotage.event_store.head", positions, p -> p.head().orElse(0))
                .description("Position of the newest event in the event store")
                .register(meters);
    }

    @Bean
    public ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
