package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.Api;
import io.pilotage.OwnDatabase;
import io.pilotage.PilotageApplication;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.TokenStoreProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes on one database share the streaming processors' segments and both process events; the one
 * that stays takes every segment back when the other leaves, or, when it dies, once its claims have lapsed. A node
 * that dies is played by rows in the database: a heartbeat and claims that are never renewed, as a killed JVM leaves
 * them. The nodes get a database of their own (a fresh
 * embedded server, or a fresh database on the {@code SPRING_DATASOURCE_URL} server), so that no other test's
 * application counts as a third node.
 */
class TwoNodesTest {

    private static final String A = "node-a";
    private static final String B = "node-b";
    private static final String DEAD = "node-dead";
    private static final String NO_PROCESSORS = "node-without-processors";
    private static final String STATUS_PROCESSOR = "lighting-read-models";

    @Test
    void givenOneNodeHoldingEverySegment_whenASecondNodeJoinsAndLeaves_thenBothProcessAndTheFirstTakesAllBack() throws Exception {
        try (OwnDatabase database = OwnDatabase.create("two_nodes"); ConfigurableApplicationContext a = database.startNode(A)) {
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            Map<String, Integer> segments = configuredSegments(a);
            int total = segments.values().stream().mapToInt(Integer::intValue).sum();
            await("node A alone claims every segment").atMost(Duration.ofSeconds(30))
                    .until(() -> claims(jdbc).equals(Map.of(A, total)));

            long asked = System.nanoTime();
            try (ConfigurableApplicationContext b = database.startNode(B)) {
                long started = System.nanoTime();
                await("the segments spread over both nodes").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                        .until(() -> spread(jdbc, segments));
                long spread = System.nanoTime();
                Map<String, Integer> claims = claims(jdbc);
                System.out.printf("Two nodes: spread %s, %d ms after node B started (%d ms after it was asked to), by processor %s%n",
                        claims, (spread - started) / 1_000_000, (spread - asked) / 1_000_000, byProcessor(jdbc));
                assertThat(claims.get(A) + claims.get(B)).isEqualTo(total);
                assertThat(Math.abs(claims.get(A) - claims.get(B))).as("at most one apart per processor with an odd count")
                        .isLessThanOrEqualTo((int) segments.values().stream().filter(count -> count % 2 == 1).count());
                Api adminB = new Api(OwnDatabase.port(b), "admin");
                await("node B's gauge of the segments it claimed, as operators scrape it").atMost(Duration.ofSeconds(5))
                        .until(() -> adminB.get("/actuator/prometheus").body().contains(
                                "pilotage_processor_segments_claimed{application=\"pilotage\",processor=\"" + STATUS_PROCESSOR + "\"} " + segments.get(STATUS_PROCESSOR) / 2.0));
                assertThat(adminB.get("/actuator/prometheus").body()).contains("pilotage_nodes_live{application=\"pilotage\"} 2.0");

                Api apiA = new Api(OwnDatabase.port(a), "operator");
                Api apiB = new Api(OwnDatabase.port(b), "operator");
                // Each point is written on one node and read at once on the other, waiting for its position.
                List<Long> waits = new ArrayList<>();
                long lastPosition = 0;
                for (int i = 0; i < 8; i++) {
                    String id = TestIds.next("LP");
                    Api writer = i % 2 == 0 ? apiA : apiB;
                    Api reader = i % 2 == 0 ? apiB : apiA;
                    Api.Response created = writer.post("/api/lighting/light-points",
                            TestPayloads.lightPoint(id, "CAB-NODES-" + i, "Dijon", 40));
                    assertThat(created.status()).as(created.toString()).isEqualTo(201);
                    String position = created.header("Pilotage-Position");
                    long reading = System.nanoTime();
                    Api.Response read = reader.with("Pilotage-Min-Position", position).get("/api/lighting/light-points/" + id);
                    waits.add((System.nanoTime() - reading) / 1_000_000);
                    assertThat(read.status()).as("point written on one node, read on the other: " + read).isEqualTo(200);
                    lastPosition = Math.max(lastPosition, Long.parseLong(position));
                }
                System.out.printf("Read your writes across nodes: waits %s ms%n", waits);
                long position = lastPosition;
                await("both nodes' status projections pass the last write").atMost(Duration.ofSeconds(30)).until(() ->
                        processedUpTo(a, STATUS_PROCESSOR, position) && processedUpTo(b, STATUS_PROCESSOR, position));
                asked = System.nanoTime();
            }
            long left = System.nanoTime();
            await("node A takes every segment back").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> claims(jdbc).equals(Map.of(A, total)));
            System.out.printf("Node B left: node A held all %d segments again %d ms after B had stopped (%d ms after it was asked to)%n",
                    total, (System.nanoTime() - left) / 1_000_000, (System.nanoTime() - asked) / 1_000_000);
            assertThat(jdbc.queryForList("SELECT node_id FROM cluster_node", String.class)).containsExactly(A);
        }
    }

    @Test
    void givenALoneNode_whenANodeWithoutProcessorsAndThenANodeThatDiesJoin_thenItKeepsAllThenGetsTheDeadNodesSegmentsBack() throws Exception {
        try (OwnDatabase database = OwnDatabase.create("two_nodes"); ConfigurableApplicationContext a = database.startNode(A)) {
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            Map<String, Integer> segments = configuredSegments(a);
            int total = segments.values().stream().mapToInt(Integer::intValue).sum();
            int share = segments.values().stream().mapToInt(count -> (count + 1) / 2).sum();
            await("node A alone claims every segment").atMost(Duration.ofSeconds(30))
                    .until(() -> claims(jdbc).equals(Map.of(A, total)));

            jdbc.update("INSERT INTO cluster_node (node_id, processors, started_at, heartbeat_at) VALUES (?, '{}', now(), now())",
                    NO_PROCESSORS);
            await("node A counts a node that runs no processor").atMost(Duration.ofSeconds(10))
                    .until(() -> liveNodesGauge(a) == 2);
            await("node A keeps every segment, no other node running its processors").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10)).until(() -> claims(jdbc).equals(Map.of(A, total)));

            jdbc.update("""
                    INSERT INTO cluster_node (node_id, processors, started_at, heartbeat_at)
                    SELECT ?, processors, now(), now() FROM cluster_node WHERE node_id = ?""", DEAD, A);
            await("node A releases what is beyond its share").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> claims(jdbc).equals(Map.of(A, share, "", total - share)));
            // The other node claims the released segments, heartbeats and extends its claims one last time, then dies.
            jdbc.update("UPDATE tokenentry SET owner = ?, timestamp = ? WHERE owner IS NULL AND processorname <> '__config'",
                    DEAD, DateTimeUtils.formatInstant(Instant.now()));
            jdbc.update("UPDATE cluster_node SET heartbeat_at = now() WHERE node_id = ?", DEAD);
            long died = System.nanoTime();

            await("node A takes the dead node's segments").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> claims(jdbc).equals(Map.of(A, total)));
            long tookOver = System.nanoTime();
            System.out.printf("Node died: node A held all %d segments again %d ms after the other's last heartbeat and claim%n",
                    total, (tookOver - died) / 1_000_000);
            assertThat(Duration.ofNanos(tookOver - died)).as("claims lapse only after the claim timeout")
                    .isGreaterThanOrEqualTo(a.getBean(TokenStoreProperties.class).getClaimTimeout());
            assertThat(jdbc.queryForList("SELECT node_id FROM cluster_node", String.class)).containsExactly(A);
        }
    }

    private static Map<String, Integer> configuredSegments(ConfigurableApplicationContext context) {
        Map<String, Integer> segments = new TreeMap<>();
        context.getBean(EventProcessorProperties.class).getProcessors().forEach((name, settings) ->
                segments.put(name, settings.getInitialSegmentCount()));
        return segments;
    }

    /** Segments held per node; unclaimed ones under "". */
    private static Map<String, Integer> claims(JdbcTemplate jdbc) {
        Map<String, Integer> claims = new TreeMap<>();
        jdbc.query("SELECT coalesce(owner, '') AS owner, count(*) FROM tokenentry WHERE processorname <> '__config' GROUP BY 1",
                row -> {
                    claims.put(row.getString(1), row.getInt(2));
                });
        return claims;
    }

    private static Map<String, Map<String, Integer>> byProcessor(JdbcTemplate jdbc) {
        Map<String, Map<String, Integer>> result = new TreeMap<>();
        jdbc.query("SELECT processorname, coalesce(owner, '') AS owner, count(*) FROM tokenentry WHERE processorname <> '__config' GROUP BY 1, 2",
                row -> {
                    result.computeIfAbsent(row.getString(1), p -> new TreeMap<>()).put(row.getString(2), row.getInt(3));
                });
        return result;
    }

    /** Every segment claimed, and each processor's segments split as evenly as two nodes can. */
    private static boolean spread(JdbcTemplate jdbc, Map<String, Integer> segments) {
        Map<String, Map<String, Integer>> owners = byProcessor(jdbc);
        return segments.entrySet().stream().allMatch(processor -> {
            Map<String, Integer> held = owners.getOrDefault(processor.getKey(), Map.of());
            int half = (processor.getValue() + 1) / 2;
            return !held.containsKey("") && held.keySet().stream().allMatch(owner -> owner.equals(A) || owner.equals(B))
                    && held.values().stream().allMatch(count -> count <= half)
                    && held.values().stream().mapToInt(Integer::intValue).sum() == processor.getValue();
        });
    }

    private static double liveNodesGauge(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).get("pilotage.nodes.live").gauge().value();
    }

    /** The node's own segments of the processor, judged by its in-memory status, have all passed the position. */
    private static boolean processedUpTo(ConfigurableApplicationContext context, String processor, long position) {
        Map<Integer, EventTrackerStatus> statuses = context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(processor, StreamingEventProcessor.class).orElseThrow().processingStatus();
        return !statuses.isEmpty() && statuses.values().stream()
                .allMatch(status -> ProcessorPositions.passed(status.getTrackingToken(), position));
    }

}
