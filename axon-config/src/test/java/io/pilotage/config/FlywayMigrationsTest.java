package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.IntegrationTest;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The read models' migrations live next to their projections, in the projections module; Axon's and the
 * API's stay here. The application must still find every one of them on its classpath and apply them in order.
 */
@IntegrationTest
class FlywayMigrationsTest {

    @Autowired
    Flyway flyway;

    @Test
    void givenMigrationsInTwoModules_whenTheApplicationStarts_thenEveryVersionIsFoundAndApplied() {
        Map<String, MigrationInfo> byVersion = Arrays.stream(flyway.info().all())
                .collect(Collectors.toMap(info -> info.getVersion().getVersion(), Function.identity()));

        assertThat(byVersion).containsKeys("1", "2", "3", "4", "7", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25");
        assertThat(byVersion.values()).allSatisfy(info -> {
            assertThat(info.getState()).as(info.getScript()).isEqualTo(MigrationState.SUCCESS);
            assertThat(info.getResolvedChecksum()).as(info.getScript() + " found on the classpath").isNotNull();
        });
        assertThat(byVersion.get("2").getPhysicalLocation()).contains("projections");
        assertThat(byVersion.get("4").getPhysicalLocation()).contains("projections");
        assertThat(byVersion.get("7").getPhysicalLocation()).contains("projections");
        assertThat(byVersion.get("9").getPhysicalLocation()).contains("projections");
        assertThat(byVersion.get("12").getPhysicalLocation()).contains("projections");
        assertThat(byVersion.get("15").getPhysicalLocation()).contains("projections");
        assertThat(byVersion.get("1").getPhysicalLocation()).contains("axon-config");
        assertThat(byVersion.get("10").getPhysicalLocation()).contains("axon-config");
        assertThat(byVersion.get("11").getPhysicalLocation()).contains("axon-config");
        assertThat(byVersion.get("25").getPhysicalLocation()).contains("axon-config");
    }
}
