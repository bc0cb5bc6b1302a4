package io.pilotage.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DaylightTest {

    private final Daylight daylight = new Daylight();

    @Test
    void givenDijonInWinter_thenDarkBefore0800AndAfter1700Local() {
        assertThat(daylight.dark(Instant.parse("2025-12-21T06:30:00Z"))).isTrue();
        assertThat(daylight.dark(Instant.parse("2025-12-21T11:00:00Z"))).isFalse();
        assertThat(daylight.dark(Instant.parse("2025-12-21T16:30:00Z"))).isTrue();
    }

    @Test
    void givenDijonInSummer_thenLightUntilAbout2130Local() {
        assertThat(daylight.dark(Instant.parse("2025-06-21T19:00:00Z"))).isFalse();
        assertThat(daylight.dark(Instant.parse("2025-06-21T20:00:00Z"))).isTrue();
    }

    @Test
    void givenTheNight_thenFullPowerInTheEveningAndHalfAfter2300Local() {
        assertThat(daylight.level(Instant.parse("2025-12-21T18:00:00Z"))).isEqualTo(1.0);
        assertThat(daylight.level(Instant.parse("2025-12-21T23:30:00Z"))).isEqualTo(0.5);
        assertThat(daylight.level(Instant.parse("2025-12-21T12:00:00Z"))).isZero();
    }
}
