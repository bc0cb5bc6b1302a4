package io.pilotage.lighting.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReadModelDatabase;
import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.DimmingProgram;
import io.pilotage.lighting.DimmingStep;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPointEvent.DimmingProgramApplied;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Resetting the read model and replaying the history rebuilds exactly the same tables. */
class LightPointStatusReplayTest {

    static final Instant T0 = Instant.parse("2026-11-02T17:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    private static List<Object> history() {
        LightPointId failing = new LightPointId("LP-SEN-0001");
        LightPointId repaired = new LightPointId("LP-SEN-0002");
        LightPointId removed = new LightPointId("LP-SEN-0003");
        CabinetId cabinet = new CabinetId("CAB-SEN-1");
        return List.of(
                new LightPointRegistered(failing, Commune.SENNECEY_LES_DIJON, new GeoPosition(47.29, 5.10), cabinet, 50, 150,
                        LampTechnology.LED, T0),
                new LightPointRegistered(repaired, Commune.SENNECEY_LES_DIJON, new GeoPosition(47.30, 5.10), cabinet, 50, 150,
                        LampTechnology.LED, T0),
                new LightPointRegistered(removed, Commune.SENNECEY_LES_DIJON, new GeoPosition(47.31, 5.10), cabinet, 70, 250,
                        LampTechnology.HIGH_PRESSURE_SODIUM, T0),
                new DimmingProgramApplied(failing, new DimmingProgram("night-50",
                        List.of(new DimmingStep(DimmingStep.Anchor.SUNSET, null, 0, 100),
                                new DimmingStep(DimmingStep.Anchor.FIXED_TIME, LocalTime.of(23, 0), 0, 50))),
                        T0.plusSeconds(60)),
                new LampFailureReported(failing, "F-1", FailureKind.RELAY_FAILURE, FailureSource.TELEMETRY,
                        T0.plusSeconds(120), T0.plusSeconds(121)),
                new LampFailureReported(failing, "F-2", FailureKind.COLUMN_DAMAGE, FailureSource.PATROL,
                        T0.plusSeconds(180), T0.plusSeconds(200)),
                new LampFailureReported(repaired, "F-3", FailureKind.LAMP_FAILURE, FailureSource.CITIZEN,
                        T0.plusSeconds(240), T0.plusSeconds(240)),
                new LampRepaired(repaired, "F-3", FailureKind.LAMP_FAILURE, T0.plusSeconds(3600)),
                new LampFailureReported(removed, "F-4", FailureKind.BROKEN_LANTERN, FailureSource.PATROL,
                        T0.plusSeconds(300), T0.plusSeconds(300)),
                new LightPointDecommissioned(removed, "column removed", List.of("F-4"), T0.plusSeconds(7200)));
    }

    @Test
    void givenAHistory_whenReplayedTwiceAndAfterAReset_thenTheSameRows() {
        EventFeed feed = new EventFeed(new LightPointStatusProjection(database.jdbc()));
        feed.apply(history());
        Map<String, List<Map<String, Object>>> once = database.rows();
        assertThat(once.get("rm_lighting_light_point")).hasSize(3);
        assertThat(once.get("rm_lighting_light_point_failure")).hasSize(2);

        feed.apply(history());
        assertThat(database.rows()).isEqualTo(once);

        feed.reset();
        assertThat(database.rows().get("rm_lighting_light_point")).isEmpty();
        assertThat(database.rows().get("rm_lighting_light_point_failure")).isEmpty();

        feed.apply(history());
        assertThat(database.rows()).isEqualTo(once);
    }
}
