package io.pilotage.config.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** A revision-1 failure, as PostgreSQL holds it, still loads after revision 2, and a new one round-trips. */
class LampFailureReportedRevision1Test {

    static final String STORED_REVISION_1 = """
            {"lightPointId":{"value":"LP-DIJ-00001"},"failureId":"F-1","kind":"LAMP_FAILURE","source":"TELEMETRY",\
            "observedAt":"2026-11-02T20:00:00Z","reportedAt":"2026-11-02T20:00:05Z"}""";

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()
            .findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();

    private LampFailureReported load(byte[] payload, String revision) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("LightPoint", "LP-DIJ-00001", 3, "E-1",
                Instant.parse("2026-11-02T20:00:05Z"), LampFailureReported.class.getName(), revision, payload,
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(new LampFailureReportedRevision1())
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        SerializedType type = upcast.get(0).getType();
        assertThat(type.getRevision()).isEqualTo("2");
        return serializer.deserialize(upcast.get(0).getData());
    }

    @Test
    void givenARevision1EventAsStored_whenLoaded_thenItIsRevision2WithTheLocationUnknown() {
        LampFailureReported event = load(STORED_REVISION_1.getBytes(StandardCharsets.UTF_8), "1");

        assertThat(event.lightPointId()).isEqualTo(new LightPointId("LP-DIJ-00001"));
        assertThat(event.kind()).isEqualTo(FailureKind.LAMP_FAILURE);
        assertThat(event.reportedAt()).isEqualTo(Instant.parse("2026-11-02T20:00:05Z"));
        assertThat(event.locationKnown()).isFalse();
    }

    @Test
    void givenARevision2Event_whenStoredAndLoaded_thenItKeepsTheLocation() {
        LampFailureReported written = new LampFailureReported(new LightPointId("LP-DIJ-00001"), "F-1",
                FailureKind.SUPPLY_LOSS, FailureSource.TELEMETRY, Instant.parse("2026-11-02T20:00:00Z"),
                Instant.parse("2026-11-02T20:00:05Z"), new CabinetId("CAB-DIJ-001"), Commune.DIJON,
                new GeoPosition(47.322, 5.0415));
        byte[] stored = serializer.serialize(written, byte[].class).getData();

        assertThat(load(stored, "2")).isEqualTo(written);
    }
}
