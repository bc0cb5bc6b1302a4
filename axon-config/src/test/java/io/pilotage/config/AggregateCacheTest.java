package io.pilotage.config;

import io.pilotage.TestMetaData;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.lighting.CabinetCommands.RegisterCabinet;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.lighting.CabinetId;
import io.pilotage.shared.Commune;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cabinets stay in memory between readings, and an entry is used only while the store holds nothing newer: another
 * node's reading, appended behind this node's back, is seen by the next command here instead of failing it.
 */
@IntegrationTest
class AggregateCacheTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("cabinetCache")
    org.axonframework.common.caching.Cache cabinets;

    /** A command as the operator sends it, with the audit keys every event must carry. */
    private void send(Object command) {
        commands.sendAndWait(org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(command)
                .andMetaData(TestMetaData.from("test")));
    }

    private static String reading(String start, String end) {
        return "{\"intervalStart\":\"" + start + "\",\"intervalEnd\":\"" + end + "\",\"kwh\":1.250}";
    }

    @Test
    void givenACachedCabinet_whenAnotherNodeRecordsAReading_thenTheNextReadingHereFollowsIt() {
        Api operator = new Api(port, "operator");
        CabinetId cabinet = new CabinetId(TestIds.next("CAB-CCH"));
        send(new RegisterCabinet(cabinet, Commune.DIJON, Instant.parse("2026-11-01T00:00:00Z")));
        Api.Response first = operator.post("/api/lighting/cabinets/" + cabinet.value() + "/energy-readings",
                reading("2026-11-02T17:00:00Z", "2026-11-02T17:15:00Z"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(cabinets.containsKey(cabinet.value())).as("kept in memory after its command").isTrue();

        eventStore.publish(new GenericDomainEventMessage<>("Cabinet", cabinet.value(), 2,
                new EnergyReadingRecorded(cabinet, Commune.DIJON, Instant.parse("2026-11-02T17:15:00Z"),
                        Instant.parse("2026-11-02T17:30:00Z"), 1_250, Instant.parse("2026-11-02T17:30:00Z")), TestMetaData.from("other-node")));

        Api.Response overlapping = operator.post("/api/lighting/cabinets/" + cabinet.value() + "/energy-readings",
                reading("2026-11-02T17:15:00Z", "2026-11-02T17:30:00Z"));
        Api.Response next = operator.post("/api/lighting/cabinets/" + cabinet.value() + "/energy-readings",
                reading("2026-11-02T17:30:00Z", "2026-11-02T17:45:00Z"));

        assertThat(overlapping.status()).as("the other node's reading is known here: " + overlapping).isEqualTo(200);
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        assertThat(jdbc.queryForList("SELECT sequencenumber FROM domainevententry WHERE aggregateidentifier = ? ORDER BY 1",
                Long.class, cabinet.value())).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void anEntryIsUsedOnlyAtTheStoresLastSequenceNumber() {
        CabinetId cabinet = new CabinetId(TestIds.next("CAB-CCH"));
        send(new RegisterCabinet(cabinet, Commune.QUETIGNY, Instant.parse("2026-11-01T00:00:00Z")));
        assertThat((Object) cabinets.get(cabinet.value())).as("the entry of version 0, as stored").isNotNull();

        jdbc.update("UPDATE domainevententry SET sequencenumber = 7 WHERE aggregateidentifier = ?", cabinet.value());

        assertThat((Object) cabinets.get(cabinet.value())).as("dropped once the store has moved on").isNull();
        assertThat(cabinets.containsKey(cabinet.value())).isFalse();
    }
}
