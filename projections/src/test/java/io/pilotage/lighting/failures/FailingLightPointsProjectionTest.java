package io.pilotage.lighting.failures;

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
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightPointId;
import io.pilotage.lighting.LightingQueries.FailingLightPoint;
import io.pilotage.lighting.LightingQueries.FailingLightPoints;
import io.pilotage.lighting.LightingQueries.FindFailingLightPoints;
import io.pilotage.lighting.StreetlightStatus;
import io.pilotage.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailingLightPointsProjectionTest {

    static final Commune COMMUNE = Commune.FLAVIGNEROT;
    static final Instant T0 = Instant.parse("2026-11-02T17:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    FailingLightPointsProjection projection;
    int points;

    @BeforeEach
    void setUp() {
        database.truncate();
        projection = new FailingLightPointsProjection(database.jdbc());
    }

    private LightPointId point(Commune commune) {
        LightPointId id = new LightPointId("LP-F-" + ++points);
        projection.on(new LightPointRegistered(id, commune, new GeoPosition(47.29, 4.98), new CabinetId("CAB-F"), 40, 150,
                LampTechnology.LED, T0));
        return id;
    }

    private List<String> ids(FailingLightPoints page) {
        return page.items().stream().map(FailingLightPoint::lightPointId).toList();
    }

    @Test
    void givenFailuresInTwoCommunes_whenFiltered_thenOnlyThatCommuneLongestFailingFirstAndPaged() {
        LightPointId recent = point(COMMUNE);
        LightPointId oldest = point(COMMUNE);
        LightPointId elsewhere = point(Commune.OUGES);
        projection.on(new LampFailureReported(recent, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, T0.plusSeconds(600), T0.plusSeconds(600)));
        projection.on(new LampFailureReported(oldest, "F-2", FailureKind.COLUMN_DAMAGE, FailureSource.PATROL, T0, T0));
        projection.on(new LampFailureReported(oldest, "F-3", FailureKind.LAMP_FAILURE, FailureSource.CITIZEN, T0.plusSeconds(60), T0.plusSeconds(60)));
        projection.on(new LampFailureReported(elsewhere, "F-4", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, T0, T0));

        FailingLightPoints all = projection.handle(new FindFailingLightPoints(COMMUNE, new PageRequest(0, 10)));
        FailingLightPoints secondPage = projection.handle(new FindFailingLightPoints(COMMUNE, new PageRequest(1, 1)));

        assertThat(ids(all)).containsExactly(oldest.value(), recent.value());
        assertThat(all.totalItems()).isEqualTo(2);
        assertThat(all.items().get(0).status()).isEqualTo(StreetlightStatus.COLUMN_ISSUE);
        assertThat(all.items().get(0).kinds()).containsExactlyInAnyOrder(FailureKind.COLUMN_DAMAGE, FailureKind.LAMP_FAILURE);
        assertThat(all.items().get(0).failingSince()).isEqualTo(T0);
        assertThat(ids(secondPage)).containsExactly(recent.value());
        assertThat(ids(projection.handle(new FindFailingLightPoints(null, new PageRequest(0, 500)))))
                .containsExactlyInAnyOrder(oldest.value(), recent.value(), elsewhere.value());
    }

    @Test
    void givenARepairedFailure_thenOffTheList_evenWhenEventsArriveTwice() {
        LightPointId id = point(COMMUNE);
        LampFailureReported failure = new LampFailureReported(id, "F-1", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY, T0, T0);
        projection.on(failure);
        projection.on(failure);
        assertThat(projection.handle(new FindFailingLightPoints(COMMUNE, new PageRequest(0, 10))).totalItems()).isEqualTo(1);

        projection.on(new LampRepaired(id, "F-1", FailureKind.LAMP_FAILURE, T0.plusSeconds(60)));
        projection.on(new LampRepaired(id, "F-1", FailureKind.LAMP_FAILURE, T0.plusSeconds(60)));

        assertThat(projection.handle(new FindFailingLightPoints(COMMUNE, new PageRequest(0, 10))).items()).isEmpty();
    }
}
