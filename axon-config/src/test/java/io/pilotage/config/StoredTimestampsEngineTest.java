package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class StoredTimestampsEngineTest {

    /** What Axon writes is read by hand; any other text Axon's parser accepts is read as Axon reads it. */
    @Test
    void aStoredTimestamp_isReadAsAxonReadsIt() {
        Instant instant = Instant.parse("2026-11-30T21:15:00.123Z");

        assertThat(StoredTimestampsEngine.parse(DateTimeUtils.formatInstant(instant))).isEqualTo(instant);
        assertThat(StoredTimestampsEngine.parse("2026-11-30T22:15:00.123+01:00")).isEqualTo(instant)
                .isEqualTo(DateTimeUtils.parseInstant("2026-11-30T22:15:00.123+01:00"));
        assertThat(StoredTimestampsEngine.parse("2026-11-30T21:15:00Z")).isEqualTo(Instant.parse("2026-11-30T21:15:00Z"));
    }
}
