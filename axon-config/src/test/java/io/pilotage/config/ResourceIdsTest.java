package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotage.IntegrationTest;
import io.pilotage.TestCommands;
import io.pilotage.TestIds;
import io.pilotage.TestMetaData;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A cabinet's claim, once committed, is remembered, so that the points naming it afterwards do not claim it again;
 * a claim that rolled back is not, and the id stays free for anything.
 */
@IntegrationTest
class ResourceIdsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    @Autowired
    CommandGateway commands;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ResourceIds resourceIds;

    @Test
    void givenACabinetNamedOnce_thenLaterPointsNamingItAreRegistered_andNoPointTakesItsId() {
        String cabinet = TestIds.next("CAB");

        assertThat(resourceIds.remembers(cabinet)).isFalse();
        register(TestIds.next("LP"), cabinet);
        assertThat(resourceIds.remembers(cabinet)).isTrue();
        register(TestIds.next("LP"), cabinet);
        register(TestIds.next("LP"), cabinet);

        assertThat(kindOf(cabinet)).isEqualTo("Cabinet");
        // Refused by the claim, or by Axon when the policy has already opened the cabinet's stream.
        assertThatThrownBy(() -> register(cabinet, TestIds.next("CAB")))
                .hasMessageMatching("(?s).*(IdNamesOneKindOfResource|Cannot reuse aggregate identifier).*");
        assertThat(kindOf(cabinet)).isEqualTo("Cabinet");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND type = 'LightPoint'",
                Long.class, cabinet)).isZero();
    }

    @Test
    void givenACabinetClaimThatRolledBack_thenItIsNotRemembered_andAPointNamingTheIdOnceAPointHoldsItIsRefused() {
        String id = TestIds.next("CAB");

        // The registration's transaction claims the cabinet, then rolls back.
        transactions.executeWithoutResult(transaction -> {
            register(TestIds.next("LP"), id);
            transaction.setRollbackOnly();
        });
        assertThat(kindOf(id)).isNull();
        assertThat(resourceIds.remembers(id)).isFalse();
        register(id, TestIds.next("CAB"));

        assertThat(kindOf(id)).isEqualTo("LightPoint");
        assertThatThrownBy(() -> register(TestIds.next("LP"), id)).hasMessageContaining("IdNamesOneKindOfResource");
    }

    private void register(String point, String cabinet) {
        commands.sendAndWait(TestCommands.registerLightPoint(point, cabinet, T0), TestMetaData.from("test"));
    }

    private String kindOf(String id) {
        return jdbc.query("SELECT kind FROM resource_id WHERE id = ?", rows -> rows.next() ? rows.getString(1) : null, id);
    }
}
