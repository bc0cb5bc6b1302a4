package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.context.WebApplicationContext;

/**
 * A process can die at any instruction. These tests run the application's own security and controllers
 * behind a write filter whose key store fails where a crash or an outage would strike, then retry through
 * the real HTTP stack.
 */
@IntegrationTest
class IdempotencyCrashTest {

    /** Stands for the JVM going away: nothing after it runs, no catch block handles it. */
    static final class ProcessKilled extends Error {
    }

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter security;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    PlatformTransactionManager transactions;

    private MockMvc behind(IdempotencyStore store) {
        WriteRequestFilter filter = new WriteRequestFilter(store, transactions, mapper, 1_048_576, 67_108_864);
        return MockMvcBuilders.webAppContextSetup(context).addFilters(security, filter).build();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private long events(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, aggregateId);
    }

    @Test
    void givenAProcessKilledAfterTheCommandBeforeTheOutcomeIsStored_whenRetried_thenItExecutesOnceAndIsNotStuck() {
        IdempotencyStore dyingAfterTheCommand = new IdempotencyStore(jdbc, Clock.systemUTC()) {
            @Override
            void complete(String principal, String key, int status, String contentType, String location, byte[] body) {
                throw new ProcessKilled();
            }
        };
        String id = TestIds.next("LP");
        String key = TestIds.next("key");
        String body = TestPayloads.lightPoint(id, "CAB-DAIX-1", "Daix", 30);

        Throwable crash = catchThrowable(() -> behind(dyingAfterTheCommand).perform(post("/api/lighting/light-points")
                .header("Authorization", basic("operator")).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).content(body)));
        Api.Response retry = new Api(port, "operator").with("Idempotency-Key", key).post("/api/lighting/light-points", body);
        Api.Response again = new Api(port, "operator").with("Idempotency-Key", key).post("/api/lighting/light-points", body);

        assertThat(crash).isInstanceOf(ProcessKilled.class);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events(id)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT status FROM api_idempotency_key WHERE principal = 'operator' AND idempotency_key = ?",
                String.class, key)).containsExactly("COMPLETED");
    }

    @Test
    void givenTheDatabaseUnavailableForTheClaim_whenWritingWithAKey_then503ProblemWithRetryAfterAndNothingWritten()
            throws Exception {
        IdempotencyStore unreachable = new IdempotencyStore(jdbc, Clock.systemUTC()) {
            @Override
            Claim claim(String principal, String key, String method, String path, String hash) {
                throw new DataAccessResourceFailureException("Connection refused");
            }
        };
        String id = TestIds.next("LP");

        MockHttpServletResponse response = behind(unreachable).perform(post("/api/lighting/light-points")
                        .header("Authorization", basic("operator")).header("Idempotency-Key", TestIds.next("key"))
                        .contentType(MediaType.APPLICATION_JSON).content(TestPayloads.lightPoint(id, "CAB-DAIX-1", "Daix", 30)))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        assertThat(mapper.readTree(response.getContentAsString()).path("type").asText()).endsWith("/service-unavailable");
        assertThat(events(id)).isZero();
    }
}
