package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotage.Api;
import io.pilotage.OwnDatabase;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Channel;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.MetadataKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No tracking reader ever skips a committed event, on any node, however long its transaction stayed open, and an
 * open transaction holds back no other writer (the AxonFramework 4829 hazard, without a convoy). Two nodes run with
 * a gap timeout of half a second and a gap offset of two, so that Axon's own gap handling would give up on the open
 * append long before it commits; one later event is even older than the gap timeout, which makes Axon drop every
 * gap below it at once.
 */
class OrderedAppendsTest {

    private static final MetaData SYSTEM = MetaData.with(MetadataKeys.ACTOR_ID, "system").and(MetadataKeys.ACTOR_ROLE, "SYSTEM")
            .and(MetadataKeys.CHANNEL, Channel.API.wireName());

    @Test
    void givenAnAppendLeftOpenPastEveryGapTimeout_whenLaterWritesCommitOnTwoNodes_thenNoneWaitsAndNoReaderSkipsTheOpenOne() throws Exception {
        String[] tight = {"--pilotage.event-store.gap-timeout-millis=500", "--pilotage.event-store.max-gap-offset=2"};
        try (OwnDatabase database = OwnDatabase.create("ordered_appends");
             ConfigurableApplicationContext a = database.startNode("node-a", tight);
             ConfigurableApplicationContext b = database.startNode("node-b", tight)) {
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            TrackingToken start = a.getBean(EventStore.class).createHeadToken();

            String held = TestIds.next("LP");
            CountDownLatch appended = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            TransactionTemplate onA = new TransactionTemplate(a.getBean(PlatformTransactionManager.class));
            CompletableFuture<Void> open = CompletableFuture.runAsync(() -> onA.executeWithoutResult(status -> {
                a.getBean(EventStorageEngine.class).appendEvents(registered(held, Instant.now()));
                appended.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

            // While it stays open, writes on both nodes commit at once; one of them is older than the gap timeout.
            List<String> later = new ArrayList<>();
            Api[] apis = {new Api(OwnDatabase.port(a), "operator"), new Api(OwnDatabase.port(b), "operator")};
            for (int i = 0; i < 6; i++) {
                String id = TestIds.next("LP");
                Api api = apis[i % 2];
                Api.Response created = CompletableFuture.supplyAsync(() ->
                                api.post("/api/lighting/light-points", TestPayloads.lightPoint(id, "CAB-ORDER", "Dijon", 40)))
                        .get(10, TimeUnit.SECONDS); // a write does not wait for another's open transaction
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                later.add(id);
            }
            String old = TestIds.next("LP");
            new TransactionTemplate(b.getBean(PlatformTransactionManager.class)).executeWithoutResult(status ->
                    b.getBean(EventStorageEngine.class).appendEvents(registered(old, Instant.now().minus(Duration.ofHours(1)))));
            later.add(old);
            Thread.sleep(1_500);

            long heldBackFrom = jdbc.queryForObject("SELECT min(globalindex) FROM domainevententry WHERE aggregateidentifier IN ("
                    + String.join(",", later.stream().map(id -> "'" + id + "'").toList()) + ")", Long.class);
            for (ConfigurableApplicationContext node : List.of(a, b)) {
                assertThat(read(node, start, Set.of(), Duration.ofMillis(500)).keySet())
                        .as("no reader passes the open append, however long it stays open").allMatch(position -> position < heldBackFrom);
            }

            release.countDown();
            open.get(30, TimeUnit.SECONDS);
            Set<String> all = new LinkedHashSet<>(later);
            all.add(held);
            for (ConfigurableApplicationContext node : List.of(a, b)) {
                Map<Long, String> seen = read(node, start, all, Duration.ofSeconds(30));
                assertThat(seen.values()).as("every committed event reaches the reader, the long-open one included").containsAll(all);
                assertThat(seen.values().stream().filter(all::contains).toList()).as("each once").hasSize(all.size());
            }
            Api reader = apis[1];
            await("the long-open point and every later one reach the read models (each segment at its own pace)")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> all.stream().allMatch(id -> reader.get("/api/lighting/light-points/" + id).status() == 200));
        }
    }

    private static GenericDomainEventMessage<LightPointRegistered> registered(String id, Instant at) {
        return new GenericDomainEventMessage<>("LightPoint", id, 0,
                new LightPointRegistered(new LightPointId(id), Commune.DIJON, new GeoPosition(47.32, 5.04), new CabinetId("CAB-ORDER"),
                        40, 100, LampTechnology.LED, at),
                SYSTEM, UUID.randomUUID().toString(), at);
    }

    /** The aggregate ids a tracking reader on this node delivers after start, by position, until it has all wanted or time is up. */
    private static Map<Long, String> read(ConfigurableApplicationContext node, TrackingToken start, Set<String> wanted, Duration patience)
            throws InterruptedException {
        Map<Long, String> seen = new TreeMap<>();
        long until = System.nanoTime() + patience.toNanos();
        try (BlockingStream<TrackedEventMessage<?>> stream = node.getBean(EventStore.class).openStream(start)) {
            while (System.nanoTime() < until && !seen.values().containsAll(wanted)) {
                if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    if (event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain) {
                        seen.put(event.trackingToken().position().orElseThrow(), domain.getAggregateIdentifier());
                    }
                }
            }
        }
        return seen;
    }
}
