package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.PilotageApplication;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code axon.axonserver.enabled=true} moves event storage and the buses to Axon Server. No server runs
 * here, so the processors subscribe instead of streaming (a streaming processor's first start asks the
 * server for a tail token); the application then starts, Axon retries the connection in the background,
 * and the test checks which components it wired.
 */
class AxonServerSwitchTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dataDir;

    @Test
    void givenAxonServerEnabled_thenEventStoreAndBusesGoThroughAxonServer() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PilotageApplication.class).run(
                "--server.port=0", "--axon.axonserver.enabled=true", "--axon.axonserver.servers=localhost:18124",
                "--axon.axonserver.component-name=pilotage-switch-test",
                "--spring.lifecycle.timeout-per-shutdown-phase=1s",
                "--pilotage.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--axon.eventhandling.processors.lighting-light-point-status.mode=subscribing",
                "--axon.eventhandling.processors.lighting-failing-light-points.mode=subscribing",
                "--axon.eventhandling.processors.lighting-cabinet-consumption.mode=subscribing",
                "--axon.eventhandling.processors.lighting-inventory-imports.mode=subscribing",
                "--axon.eventhandling.processors.lighting-cabinet-registration.mode=subscribing");
        try {
            assertThat(context.getBean(AxonServerConnectionManager.class)).isNotNull();
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(context.getBeansOfType(EventStorageEngine.class)).isEmpty();
            assertThat(context.getBean("axonServerCommandBus", CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(context.getBean("queryBus", QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
        } finally {
            context.close();
        }
    }
}
