package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Keys are kept 24 hours: within them a retry replays, after them the key is free again. */
@IntegrationTest
class IdempotencyStoreTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenACompletedKey_whenMetWithinAndAfterTheRetention_thenReplayedThenClaimedAfresh() {
        IdempotencyStore today = new IdempotencyStore(jdbc, Clock.systemUTC());
        IdempotencyStore tomorrow = new IdempotencyStore(jdbc, Clock.offset(Clock.systemUTC(), Duration.ofHours(25)));
        String key = TestIds.next("key");
        assertThat(today.claim("operator", key, "POST", "/api/x", "h1").state()).isEqualTo(IdempotencyStore.State.CLAIMED);
        today.complete("operator", key, 201, "application/json", null, "{}".getBytes());

        assertThat(today.claim("operator", key, "POST", "/api/x", "h1").state()).isEqualTo(IdempotencyStore.State.COMPLETED);
        assertThat(today.claim("operator", key, "POST", "/api/x", "h2").state()).isEqualTo(IdempotencyStore.State.MISMATCH);
        assertThat(tomorrow.claim("operator", key, "POST", "/api/x", "h2").state()).isEqualTo(IdempotencyStore.State.CLAIMED);
        assertThat(tomorrow.claim("operator", key, "POST", "/api/x", "h2").state()).isEqualTo(IdempotencyStore.State.IN_PROGRESS);
    }

    /**
     * Keys never met again went on for ever: their request's fingerprint (a hash of a body that may hold a caller's
     * name and phone) outlived the 24 hours, and an erasure. The purge forgets every expired key.
     */
    @Test
    void givenAKeyNeverMetAgain_whenThePurgeRunsAfterTheRetention_thenItIsGone() {
        IdempotencyStore today = new IdempotencyStore(jdbc, Clock.systemUTC());
        IdempotencyStore tomorrow = new IdempotencyStore(jdbc, Clock.offset(Clock.systemUTC(), Duration.ofHours(25)));
        String key = TestIds.next("key");
        today.claim("operator", key, "POST", "/api/x", "h1");
        today.complete("operator", key, 201, "application/json", null, "{}".getBytes());

        today.purgeExpired();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_idempotency_key WHERE idempotency_key = ?", Long.class, key)).isOne();
        tomorrow.purgeExpired();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_idempotency_key WHERE idempotency_key = ?", Long.class, key)).isZero();
    }
}
