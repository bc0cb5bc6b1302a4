package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.PilotageApplication;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
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

    /** Every processor application.properties declares, switched to subscribing to the event store for this test. */
    private static List<String> everyStreamingProcessorSubscribing() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AxonServerSwitchTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("axon.eventhandling.processors.") && key.endsWith(".mode"))
                .flatMap(key -> Stream.of("--" + key + "=subscribing",
                        "--" + key.replace(".mode", ".source") + "=eventStore"))
                .toList();
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dataDir;

    @Test
    void givenAxonServerEnabled_thenEventStoreAndBusesGoThroughAxonServer() throws IOException {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--axon.axonserver.enabled=true",
                "--axon.axonserver.servers=localhost:18124", "--axon.axonserver.component-name=pilotage-switch-test",
                "--spring.lifecycle.timeout-per-shutdown-phase=1s",
                "--pilotage.embedded-postgres.data-dir=" + dataDir.resolve("postgres")));
        args.addAll(everyStreamingProcessorSubscribing());
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PilotageApplication.class)
                .run(args.toArray(String[]::new));
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
