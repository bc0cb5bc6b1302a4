package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.lighting.CabinetId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.lighting.LightPointId;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import io.pilotage.shared.Channel;
import io.pilotage.shared.MetadataKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Appends wait for the transaction that holds the append lock, so a global index can never become
 * visible before a lower one that is still in flight (the AxonFramework 4829 hazard).
 */
@IntegrationTest
class OrderedAppendsTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenAnAppendInFlight_whenAnotherCommandAppends_thenItWaitsForTheFirstToCommit() throws Exception {
        String id = TestIds.next("LP");
        try (Connection inFlight = dataSource.getConnection()) {
            inFlight.setAutoCommit(false);
            try (Statement statement = inFlight.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + SerializedAppends.APPEND_LOCK_KEY + ")");
            }
            MetaData operator = MetaData.with(MetadataKeys.ACTOR_ID, "operator").and(MetadataKeys.ACTOR_ROLE, "OPERATOR")
                    .and(MetadataKeys.CHANNEL, Channel.API.wireName());
            CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(new RegisterLightPoint(new LightPointId(id), Commune.DIJON,
                            new GeoPosition(47.3, 5.0), new CabinetId("CAB-ORDER"), 40, 100, LampTechnology.LED,
                            Instant.now())).andMetaData(operator)));

            Thread.sleep(1500);
            assertThat(second).as("the append waits while another append's transaction is open").isNotDone();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, id)).isZero();

            inFlight.commit();
            assertThat(second.get(10, TimeUnit.SECONDS)).hasToString("REGISTERED");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, id))
                .isEqualTo(1);
    }
}
