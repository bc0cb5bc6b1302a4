package io.pilotage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.shared.Commune;
import io.pilotage.shared.Identifiers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityTest {

    @Test
    void givenTheDefaultSize_whenGenerated_thenDijonHas34000PointsBehind1100CabinetsInEveryCommune() {
        City city = City.dijon(1);

        assertThat(city.points()).hasSize(34_000);
        assertThat(city.cabinets()).hasSize(1_100);
        assertThat(city.points().stream().map(City.LightPoint::commune).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Commune.values());
        assertThat(CommuneSite.coversEveryCommune()).isTrue();
        Set<String> ids = new HashSet<>();
        city.points().forEach(point -> ids.add(Identifiers.require(point.id(), "lightPointId")));
        city.cabinets().forEach(cabinet -> ids.add(Identifiers.require(cabinet.id(), "cabinetId")));
        assertThat(ids).as("one id names one thing").hasSize(35_100);
    }

    @Test
    void givenACity_thenEachPointStandsNearItsCabinetInTheSameCommuneAndCabinetsCarryTheirPointsLoad() {
        City city = City.generate(3, 5_000, 200);
        Map<String, City.Cabinet> cabinets = city.cabinets().stream()
                .collect(Collectors.toMap(City.Cabinet::id, Function.identity()));

        assertThat(city.points()).allSatisfy(point -> {
            City.Cabinet cabinet = cabinets.get(point.cabinetId());
            assertThat(cabinet.commune()).isEqualTo(point.commune());
            assertThat(point.latitude()).isBetween(47.15, 47.50);
            assertThat(point.longitude()).isBetween(4.80, 5.30);
            assertThat(Math.abs(point.latitude() - cabinet.latitude())).isLessThan(0.02);
            assertThat(point.ratedPowerW()).isBetween(1, 2_000);
            assertThat(point.legacyPowerW()).isBetween(0, 2_000);
        });
        assertThat(city.cabinets().stream().mapToLong(City.Cabinet::loadW).sum())
                .isEqualTo(city.points().stream().mapToLong(City.LightPoint::ratedPowerW).sum());
        assertThat(city.cabinets()).allSatisfy(cabinet -> assertThat(cabinet.loadW()).isPositive());
    }

    @Test
    void givenTheSameSeed_thenTheSameCity_andAnotherSeedGivesAnother() {
        assertThat(City.generate(7, 2_000, 100)).isEqualTo(City.generate(7, 2_000, 100));
        assertThat(City.generate(8, 2_000, 100).points()).isNotEqualTo(City.generate(7, 2_000, 100).points());
    }

    @Test
    void givenACity_whenWritten_thenTheCsvHasTheImportsHeaderAndARowPerPoint_andTheCabinetsReadBack(@TempDir Path dir) throws Exception {
        City city = City.generate(5, 1_000, 50);
        Path csv = dir.resolve("points.csv");
        Path cabinets = dir.resolve("cabinets.tsv");

        city.writeInventoryCsv(csv);
        city.writeCabinets(cabinets);

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("light_point_id,commune,latitude,longitude,cabinet_id,rated_power_w,legacy_power_w,technology");
        assertThat(lines).hasSize(1_001);
        assertThat(lines.get(1).split(",")).hasSize(8);
        assertThat(City.readCabinets(cabinets)).isEqualTo(city.cabinets());
    }
}
