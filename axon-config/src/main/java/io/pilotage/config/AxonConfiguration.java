package io.pilotage.config;

import io.pilotage.lighting.LightPoint;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Axon's wiring beyond what its Spring Boot auto-configuration already does: the PostgreSQL event store
 * read up to its horizon, the PostgreSQL saga schema, snapshots, audit metadata and the Jackson mappers.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreProperties.class)
public class AxonConfiguration {

    /**
     * The connection of the Spring transaction around the work (every command, processor batch and deadline runs in
     * one), or a connection of its own outside any: Axon's {@code SpringDataSourceConnectionProvider} alone. Axon's
     * default wraps it in {@code UnitOfWorkAwareConnectionProviderWrapper}, which keeps the connection for the unit of
     * work and closes it once more when the unit of work cleans up, after Spring's transaction has returned it to the
     * pool. Hikari's {@code close()} on a connection already returned still clears the list of open statements that
     * the pooled connection shares with its next borrower, so another thread's statements went untracked: under load a
     * request failed in Hikari's {@code FastList} (a 500), and a statement could outlive its connection
     * ({@code ConnectionProviderTest}). Inside a transaction the wrapper added nothing (the transaction already holds
     * one connection for the work), outside one nothing either (its connections commit as they go).
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /** Replaces Axon's JDBC default, which misses PostgreSQL's unique violations (see {@link DuplicateKeys}). */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeys();
    }

    /** Used only when Axon Server is off; with it on, Axon Server stores the events. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Configuration configuration, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventStoreProperties properties) {
        return new StoredTimestampsEngine(EventStoreHorizon.applyTo(JdbcEventStorageEngine.builder())
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .schema(new EventSchema())
                .dataType(byte[].class)
                .batchSize(properties.batchSize()), transactionManager, 1, properties.maxGapOffset(),
                properties.gapTimeoutMillis());
    }

    /**
     * Light points are never snapshotted, so loading one skips the snapshot read ({@link UnsnapshottedRepository}).
     * Everything else is what Axon's configurer gives a Spring aggregate: the context's parameter resolvers and
     * handler enhancers, the aggregate factory Axon registered for it, the span factory, and the configuration's
     * repositories for aggregates a light point would create.
     */
    @Bean
    public org.axonframework.modelling.command.Repository<LightPoint> lightPointRepository(
            EventStore eventStore, ParameterResolverFactory parameters, HandlerDefinition handlers,
            @Qualifier("lightPointAggregateFactory") AggregateFactory<LightPoint> aggregateFactory,
            RepositorySpanFactory spans, ObjectProvider<Configuration> axon) {
        return UnsnapshottedRepository.of(EventSourcingRepository.builder(LightPoint.class)
                .parameterResolverFactory(parameters)
                .handlerDefinition(handlers)
                .aggregateFactory(aggregateFactory)
                .spanFactory(spans)
                .repositoryProvider(new RepositoryProvider() {
                    @Override
                    public <T> org.axonframework.modelling.command.Repository<T> repositoryFor(Class<T> type) {
                        return axon.getObject().repository(type);
                    }
                }), eventStore);
    }

    /** Every aggregate's command target resolver (Axon takes the context's one as each aggregate's default). */
    @Bean
    public org.axonframework.modelling.command.CommandTargetResolver commandTargetResolver() {
        return new CachedCommandTargetResolver();
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    @Bean
    public SnapshotTriggerDefinition cabinetSnapshotTrigger(Snapshotter snapshotter, EventStoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.cabinetSnapshotThreshold());
    }

    /** Cabinets between readings ({@link CheckedAggregateCache}). */
    @Bean
    public org.axonframework.common.caching.Cache cabinetCache(ObjectProvider<EventStore> eventStore, EventStoreProperties properties) {
        return new CheckedAggregateCache(eventStore, properties.cachedCabinets());
    }

    @Bean
    public SnapshotTriggerDefinition crewSnapshotTrigger(Snapshotter snapshotter, EventStoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.crewSnapshotThreshold());
    }

    @Bean
    public SnapshotTriggerDefinition intersectionSnapshotTrigger(Snapshotter snapshotter, EventStoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.intersectionSnapshotThreshold());
    }

    @Bean
    public CorrelationDataProvider auditMetadataProvider() {
        return new AuditMetadataProvider();
    }

    /** Event handlers mark their unit of work while they run ({@link AuditMetadataProvider#IN_EVENT_HANDLER}). */
    @Bean
    public HandlerEnhancerDefinition eventHandlerScope() {
        return new AuditMetadataProvider.HandlerScope();
    }

    /**
     * The mapper Axon serializes messages, events and snapshots with. Unknown properties are ignored so
     * that an older node can read an event a newer node wrote with an added field. Stored instants are read by
     * {@link StoredInstants}.
     */
    @Bean("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper().findAndRegisterModules().registerModule(StoredInstants.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The mapper of the HTTP API, configured by {@code spring.jackson.*}. */
    @Bean
    @Primary
    public ObjectMapper webObjectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.build();
    }
}
