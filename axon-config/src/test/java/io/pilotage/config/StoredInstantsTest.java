package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StoredInstantsTest {

    private final ObjectMapper axon = new AxonConfiguration().defaultAxonObjectMapper();

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
                .flatMap(seconds -> Arbitraries.of(0, 1, 3, 6, 9).flatMap(digits -> Arbitraries.integers()
                        .between(0, (int) Math.pow(10, digits) - 1)
                        .map(fraction -> Instant.ofEpochSecond(seconds, fraction * (long) Math.pow(10, 9 - digits)))));
    }

    @Property
    void anyInstantAsJacksonWritesIt_isReadBackExactly(@ForAll("instants") Instant instant) throws Exception {
        String json = axon.writeValueAsString(instant);

        assertThat(StoredInstants.parse(json.substring(1, json.length() - 1))).isEqualTo(instant);
        assertThat(axon.readValue(json, Instant.class)).isEqualTo(instant);
    }

    /** A text altered anywhere is either refused by the fast path (and left to Jackson) or read as Java reads it. */
    @Property
    void anAlteredText_isNeverReadDifferentlyFromJava(@ForAll("instants") Instant instant, @ForAll @IntRange(min = 0, max = 29) int at,
                                                      @ForAll("characters") char replacement) {
        String text = instant.toString();
        String altered = at < text.length() ? text.substring(0, at) + replacement + text.substring(at + 1) : text + replacement;
        Instant fast = StoredInstants.parse(altered);
        if (fast != null) {
            assertThat(fast).isEqualTo(Instant.parse(altered));
        }
    }

    @Provide
    Arbitrary<Character> characters() {
        return Arbitraries.of('0', '1', '2', '3', '5', '9', ':', '-', '.', 'T', 'Z', '+', ' ', 'x');
    }

    @Test
    void textsOutsideTheStoredShape_areLeftToJackson_whichReadsThemAsBefore() throws Exception {
        for (String text : List.of("2026-11-30T22:15:00+01:00", "2026-11-30T21:15:00.123456789Z", "+10000-01-01T00:00:00Z")) {
            assertThat(axon.readValue('"' + text + '"', Instant.class)).as(text)
                    .isEqualTo(java.time.OffsetDateTime.parse(text.startsWith("+") ? "+10000-01-01T00:00:00Z" : text).toInstant());
        }
        assertThat(axon.readValue("1764537300", Instant.class)).isEqualTo(Instant.ofEpochSecond(1_764_537_300L));
        assertThat(StoredInstants.parse("2026-02-29T00:00:00Z")).isNull();
        assertThat(StoredInstants.parse("2026-11-30T24:00:00Z")).isNull();
        try {
            axon.readValue("\"2026-02-29T00:00:00Z\"", Instant.class);
            throw new AssertionError("a 29 February of 2026 was accepted");
        } catch (com.fasterxml.jackson.databind.JsonMappingException refused) {
            assertThat(refused).hasRootCauseInstanceOf(DateTimeParseException.class);
        }
    }
}
