package io.pilotage.lighting.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.ReadModelDatabase;
import io.pilotage.lighting.CabinetId;
import io.pilotage.shared.Commune;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.shared.GeoPosition;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightPointId;
import io.pilotage.lighting.LightingQueries.FindLightPoint;
import io.pilotage.lighting.LightingQueries.LightPointView;
import io.pilotage.lighting.StreetlightStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The projection as a plain object fed events, writing to its real PostgreSQL tables. */
class LightPointStatusProjectionTest {

    static final Instant T0 = Instant.parse("2026-11-02T17:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    LightPointStatusProjection projection;
    LightPointId id;

    @BeforeEach
    void setUp() {
        database.truncate();
        projection = new LightPointStatusProjection(database.jdbc());
        id = new LightPointId("LP-SA-0001");
        projection.on(new LightPointRegistered(id, Commune.SAINT_APOLLINAIRE, new GeoPosition(47.33, 5.08),
                new CabinetId("CAB-SA-1"), 40, 150, LampTechnology.LED, T0));
    }

    private LightPointView view() {
        return projection.handle(new FindLightPoint(id.value())).orElseThrow();
    }

    @Test
    void givenARegisteredPoint_whenFailureEventSeenTwice_thenOneOpenFailureAndDefectiveLamp() {
        LampFailureReported failure = new LampFailureReported(id, "F-1", FailureKind.LAMP_FAILURE,
                FailureSource.TELEMETRY, T0.plusSeconds(60), T0.plusSeconds(60));
        projection.on(failure);
        projection.on(failure);

        assertThat(view().status()).isEqualTo(StreetlightStatus.DEFECTIVE_LAMP);
        assertThat(view().openFailures()).hasSize(1);
    }

    @Test
    void givenALampFailure_whenColumnDamageToo_thenTheMoreSevereStatusShows_andRepairingItFallsBack() {
        projection.on(new LampFailureReported(id, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, T0, T0));
        projection.on(new LampFailureReported(id, "F-2", FailureKind.COLUMN_DAMAGE, FailureSource.PATROL, T0, T0));
        assertThat(view().status()).isEqualTo(StreetlightStatus.COLUMN_ISSUE);

        projection.on(new LampRepaired(id, "F-2", FailureKind.COLUMN_DAMAGE, T0.plusSeconds(3600)));
        assertThat(view().status()).isEqualTo(StreetlightStatus.DEFECTIVE_LAMP);

        projection.on(new LampRepaired(id, "F-1", FailureKind.LAMP_FAILURE, T0.plusSeconds(7200)));
        assertThat(view().status()).isEqualTo(StreetlightStatus.OK);
        assertThat(view().updatedAt()).isEqualTo(T0.plusSeconds(7200));
    }

    @Test
    void givenAFailingPoint_whenDecommissioned_thenDecommissionedWithoutOpenFailures() {
        projection.on(new LampFailureReported(id, "F-1", FailureKind.BROKEN_LANTERN, FailureSource.CITIZEN, T0, T0));
        projection.on(new LightPointDecommissioned(id, "removed", List.of("F-1"), T0.plusSeconds(60)));

        assertThat(view().status()).isEqualTo(StreetlightStatus.DECOMMISSIONED);
        assertThat(view().openFailures()).isEmpty();
    }

    @Test
    void givenAnUnknownId_whenQueried_thenEmpty() {
        assertThat(projection.handle(new FindLightPoint("LP-SA-9999"))).isEmpty();
    }

    /**
     * Registrations in a processor batch are inserted together when it commits, or before any other event of the read
     * model: a failure later in the same batch finds its point.
     */
    @Test
    void givenOneBatch_whenPointsAreRegisteredAndOneFails_thenEveryPointIsThereAndTheFailureOnIt() {
        LightPointId second = new LightPointId("LP-SA-0002");
        LightPointId third = new LightPointId("LP-SA-0003");
        org.axonframework.messaging.unitofwork.BatchingUnitOfWork<?> batch = new org.axonframework.messaging.unitofwork.BatchingUnitOfWork<>(
                org.axonframework.eventhandling.GenericEventMessage.asEventMessage("a batch"));
        batch.start();
        for (LightPointId point : java.util.List.of(second, third)) {
            projection.on(new LightPointRegistered(point, Commune.SAINT_APOLLINAIRE, new GeoPosition(47.33, 5.08),
                    new CabinetId("CAB-SA-1"), 40, 150, LampTechnology.LED, T0));
        }
        assertThat(projection.handle(new FindLightPoint(third.value()))).as("not before the batch commits").isEmpty();
        projection.on(new LampFailureReported(second, "F-9", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, T0, T0));
        batch.commit();

        assertThat(projection.handle(new FindLightPoint(second.value())).orElseThrow().status()).isEqualTo(StreetlightStatus.DEFECTIVE_LAMP);
        assertThat(projection.handle(new FindLightPoint(third.value())).orElseThrow().status()).isEqualTo(StreetlightStatus.OK);
    }
}
