package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.IntegrationTest;
import io.pilotage.lighting.WhenLightPointRegisteredThenRegisterCabinet;
import io.pilotage.shared.ReadModelGroups;
import io.pilotage.TestCommands;
import io.pilotage.TestIds;
import io.pilotage.TestMetaData;
import io.pilotage.lighting.Cabinet;
import io.pilotage.lighting.LightPoint;
import io.pilotage.lighting.LightPointBatchRegistration;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.lighting.LightPointCommands.RegistrationOutcome;
import org.axonframework.modelling.command.Repository;
import org.springframework.test.util.ReflectionTestUtils;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/** The stack DEVELOPERS.md decided is the one that runs: PostgreSQL storage, Jackson only, Flyway-owned tables. */
@IntegrationTest
class StackWiringTest {

    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    SagaStore<?> sagaStore;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    Serializer serializer;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    void theBusesAndTheEventStoreAreMeteredByBusMetrics() {
        assertThat(List.of(axon.messageMonitor(CommandBus.class, "commandBus"), axon.messageMonitor(QueryBus.class, "queryBus"),
                axon.messageMonitor(QueryUpdateEmitter.class, "queryUpdateEmitter"), axon.messageMonitor(EventStore.class, "eventStore")))
                .allMatch(BusMetrics.class::isInstance);
    }

    @Test
    void axonStoresEverythingInPostgresql() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(sagaStore).isInstanceOf(JdbcSagaStore.class);
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
    }

    @Test
    void jacksonSerializesMessagesEventsAndSnapshotsAndNoThoughtWorksLibraryIsOnTheClasspath() throws Exception {
        assertThat(List.of(serializer, eventSerializer, messageSerializer)).allMatch(JacksonSerializer.class::isInstance);
        assertThat(java.util.Collections.list(getClass().getClassLoader().getResources("com/thoughtworks")))
                .as("the serializer Axon would fall back to lives under com.thoughtworks; the enforcer bans it too")
                .isEmpty();
    }

    /** Every aggregate finds its commands' targets through the cached resolver, not Axon's reflective one. */
    @Test
    void commandsReachTheirAggregatesThroughTheCachedResolver(@Autowired CommandGateway commands,
                                                              @Autowired CommandTargetResolver resolver) {
        commands.sendAndWait(TestCommands.registerLightPoint(TestIds.next("LP"), TestIds.next("CAB"),
                Instant.parse("2026-12-02T06:00:00Z")), TestMetaData.from("wiring"));
        assertThat(resolver).isInstanceOf(CachedCommandTargetResolver.class);
        assertThat(((CachedCommandTargetResolver) resolver).resolvedTypes()).contains(RegisterLightPoint.class);
    }

    /**
     * Light points, never snapshotted, load without a snapshot read, through one repository for the command bus and
     * the bulk registration, with the creation policy intact; the aggregates with a snapshot trigger keep Axon's.
     */
    @Test
    void lightPointsLoadWithoutASnapshotRead(@Autowired CommandGateway commands,
                                             @Autowired LightPointBatchRegistration batches) {
        Repository<LightPoint> repository = axon.repository(LightPoint.class);
        assertThat(repository).isInstanceOf(UnsnapshottedRepository.class);
        assertThat(ReflectionTestUtils.getField(batches, "lightPoints")).isSameAs(repository);
        assertThat(axon.repository(Cabinet.class)).isNotInstanceOf(UnsnapshottedRepository.class);

        RegisterLightPoint registration = TestCommands.registerLightPoint(TestIds.next("LP"), TestIds.next("CAB"),
                Instant.parse("2026-12-02T06:00:00Z"));
        Object first = commands.sendAndWait(registration, TestMetaData.from("wiring"));
        Object again = commands.sendAndWait(registration, TestMetaData.from("wiring"));

        assertThat(List.of(first, again)).containsExactly(RegistrationOutcome.REGISTERED, RegistrationOutcome.UNCHANGED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, registration.lightPointId().value())).isEqualTo(1);
    }

    @Test
    void flywayOwnsAxonsTablesWithByteaBlobs() {
        List<String> migrations = jdbc.queryForList(
                "SELECT script FROM flyway_schema_history WHERE success ORDER BY installed_rank", String.class);
        assertThat(migrations).contains("V1__axon_framework.sql", "V2__lighting_read_models.sql");
        List<String> blobTypes = jdbc.queryForList("""
                SELECT DISTINCT data_type FROM information_schema.columns
                WHERE table_name IN ('domainevententry','snapshotevententry','tokenentry','sagaentry','deadletterentry')
                  AND column_name IN ('payload','metadata','token','serializedsaga','diagnostics')""", String.class);
        assertThat(blobTypes).containsExactly("bytea");
    }

    @Test
    void projectionsRunOnPooledProcessorsAndThePolicyHasADeadLetterQueue() {
        assertThat(processing.eventProcessor("lighting-read-models")).get()
                .isInstanceOf(PooledStreamingEventProcessor.class);
        assertThat(processing.deadLetterQueue(WhenLightPointRegisteredThenRegisterCabinet.PROCESSING_GROUP)).isPresent();
    }

    /** Read-model groups' batches make no correlation data ({@link AuditMetadataProvider#READ_MODEL_BATCH}); policies' do. */
    @Test
    void readModelBatchesAreMarked_policyBatchesAreNot() {
        assertThat(ReadModelGroups.ALL).allSatisfy(group -> assertThat(interceptors(group))
                .hasAtLeastOneElementOfType(AuditMetadataProvider.ReadModelBatch.class));
        assertThat(interceptors(WhenLightPointRegisteredThenRegisterCabinet.PROCESSING_GROUP))
                .isNotEmpty()
                .noneMatch(AuditMetadataProvider.ReadModelBatch.class::isInstance);
    }

    private List<?> interceptors(String group) {
        return ((AbstractEventProcessor) processing.eventProcessor(group).orElseThrow()).getHandlerInterceptors();
    }

    /**
     * Units of work keep Axon's time limits; the handlers inside them are not timed one by one (a stack walk and a
     * scheduled task per handler call, a tenth of a catch-up's CPU).
     */
    @Test
    void unitsOfWorkAreTimed_handlersInsideThemAreNot(@Autowired org.axonframework.springboot.TimeoutProperties timeouts) {
        assertThat(timeouts.isEnabled()).isTrue();
        assertThat(List.of(timeouts.getHandler().getEvents(), timeouts.getHandler().getCommands(), timeouts.getHandler().getQueries()))
                .allSatisfy(handlers -> {
                    assertThat(handlers.getTimeoutMs()).isNegative();
                    assertThat(handlers.getWarningThresholdMs()).isNegative();
                });
        assertThat(List.of(timeouts.getTransaction().getEventProcessors(), timeouts.getTransaction().getCommandBus(),
                timeouts.getTransaction().getQueryBus())).allSatisfy(unitOfWork -> assertThat(unitOfWork.getTimeoutMs()).isPositive());
    }
}
