package io.pilotage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.audit.StoredEvent;
import io.pilotage.bench.CityHistory.CityEvent;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CityHistoryTest {

    private static final Instant START = Instant.parse("2025-11-03T00:00:00Z");
    private static final City CITY = City.generate(11, 2_000, 80);

    private static List<CityEvent> history(long events) {
        List<CityEvent> all = new ArrayList<>();
        new CityHistory(CITY, START, 5.0).replay(events, all::add);
        return all;
    }

    @Test
    void givenAHistory_thenStreamsHaveNoGapsAndTimeMovesForward() {
        List<CityEvent> events = history(40_000);

        assertThat(events).hasSize(40_000);
        Map<String, Long> next = new HashMap<>();
        Instant previous = Instant.MIN;
        for (CityEvent event : events) {
            long expected = next.getOrDefault(event.aggregateId(), 0L);
            assertThat(event.sequenceNumber()).as("sequence of %s", event.aggregateId()).isEqualTo(expected);
            next.put(event.aggregateId(), expected + 1);
            assertThat(event.timestamp()).isAfterOrEqualTo(previous);
            previous = event.timestamp();
        }
        assertThat(events.stream().filter(e -> e.payload() instanceof EnergyReadingRecorded).count())
                .as("mostly readings").isGreaterThan(30_000);
    }

    @Test
    void givenAHistory_thenEachCabinetReportsBackToBackQuarterHours_andLampsFailAtNightAndAreRepairedOnce() {
        Map<String, Instant> lastEnd = new HashMap<>();
        Set<String> open = new HashSet<>();
        Daylight daylight = new Daylight();
        int failures = 0;
        for (CityEvent event : history(40_000)) {
            if (event.payload() instanceof EnergyReadingRecorded reading) {
                Instant end = lastEnd.put(reading.cabinetId().value(), reading.intervalEnd());
                if (end != null) {
                    assertThat(reading.intervalStart()).isEqualTo(end);
                }
                assertThat(reading.intervalEnd()).isEqualTo(reading.intervalStart().plus(CityHistory.READING_INTERVAL));
                assertThat(reading.recordedAt()).isAfter(reading.intervalEnd());
            } else if (event.payload() instanceof LampFailureReported failure) {
                failures++;
                assertThat(daylight.dark(failure.observedAt())).as("failure at %s", failure.observedAt()).isTrue();
                assertThat(failure.locationKnown()).isTrue();
                assertThat(open.add(failure.lightPointId().value() + "/" + failure.kind()))
                        .as("no second open failure of a kind").isTrue();
            } else if (event.payload() instanceof LampRepaired repair) {
                assertThat(open.remove(repair.lightPointId().value() + "/" + repair.kind())).isTrue();
            }
        }
        assertThat(failures).isPositive();
    }

    @Test
    void givenTheSameCityAndStart_thenTheSameEvents() {
        List<CityEvent> once = history(5_000);
        List<CityEvent> again = history(5_000);

        assertThat(again).isEqualTo(once);
    }

    @Test
    void givenAnEvent_whenStored_thenItIsTheRowTheApplicationWrites() {
        CityEvent registration = history(1).get(0);

        StoredEvent row = StoredRows.row(42, registration);

        assertThat(row.position()).isEqualTo(42);
        assertThat(row.aggregateType()).isEqualTo("LightPoint");
        assertThat(row.payloadType()).isEqualTo("io.pilotage.lighting.LightPointEvent$LightPointRegistered");
        assertThat(row.payloadRevision()).isEqualTo("1");
        assertThat(row.timestamp()).isEqualTo("2025-11-03T00:00:00.010Z");
        City.LightPoint point = CITY.points().get(0);
        assertThat(new String(row.payload(), StandardCharsets.UTF_8)).isEqualTo(("{\"lightPointId\":{\"value\":\"%s\"},"
                + "\"commune\":\"%s\",\"position\":{\"latitude\":%s,\"longitude\":%s},\"cabinetId\":{\"value\":\"%s\"},"
                + "\"ratedPowerW\":%d,\"legacyPowerW\":%d,\"technology\":\"%s\",\"registeredAt\":\"2025-11-03T00:00:00Z\"}")
                .formatted(point.id(), point.commune().name(), point.latitude(), point.longitude(), point.cabinetId(),
                        point.ratedPowerW(), point.legacyPowerW(), point.technology().name()));
        assertThat(new String(row.metadata(), StandardCharsets.UTF_8))
                .startsWith("{\"commandName\":\"RegisterLightPoint\",\"actorId\":\"supervisor\",\"actorRole\":\"SUPERVISOR\"")
                .contains("\"channel\":\"import\"");
    }
}
