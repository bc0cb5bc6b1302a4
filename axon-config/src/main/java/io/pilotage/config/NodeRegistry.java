package io.pilotage.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.config.NodesConfiguration.NodeIdentity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's heartbeat in {@code cluster_node}, with the streaming processors it runs, and, from the live
 * nodes running each processor and its segments in {@code tokenentry}, the {@link SegmentShares} that Axon's pooled
 * coordinators claim up to.
 *
 * <p>What follows, with the coordinators checking their claims every token claim interval: a node that joins is
 * counted by the others within one heartbeat, they release what they hold beyond their new share and it claims
 * it; a node that leaves cleanly releases its claims as its processors stop and deletes its row, so the others raise
 * their share and take the segments over; a node that dies stops heartbeating, and when its row is
 * {@link NodeProperties#timeout() too old} its claims have lapsed too and the others take them.
 *
 * <p>Heartbeats run on a thread of their own, not on the application's scheduler, so that a long scheduled task
 * cannot make a live node look dead to the others. Times are the database's, so the nodes' clocks do not matter.
 * A heartbeat that fails (database unreachable) keeps the shares last counted.
 */
@Component
class NodeRegistry implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);
    /** Before Axon's event processors start (phase 1024), and after they stop and release their claims. */
    private static final int PHASE = 0;

    private final JdbcTemplate jdbc;
    private final NodeIdentity node;
    private final NodeProperties properties;
    private final SegmentShares shares;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry meters;
    private ScheduledExecutorService heartbeats;
    private volatile boolean running;
    private volatile boolean failing;

    NodeRegistry(JdbcTemplate jdbc, NodeIdentity node, NodeProperties properties, SegmentShares shares,
                 EventProcessingConfiguration processing, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.node = node;
        this.properties = properties;
        this.shares = shares;
        this.processing = processing;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        beat();
        LOG.info("Node {} joined: {} live node(s) share the streaming processors' segments", node.id(), shares.liveNodes());
        registerGauges();
        heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "node-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.heartbeatInterval().toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (heartbeats != null) {
            heartbeats.shutdownNow();
            try {
                heartbeats.awaitTermination(properties.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // After the last heartbeat has finished, so that it cannot write the row again.
        try {
            jdbc.update("DELETE FROM cluster_node WHERE node_id = ?", node.id());
            LOG.info("Node {} left: its claims are released for the other nodes", node.id());
        } catch (RuntimeException unavailable) {
            LOG.warn("Node {} could not remove its heartbeat; the others count it until it is {} old: {}",
                    node.id(), properties.timeout(), unavailable.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Renews this node's heartbeat, forgets nodes that stopped beating and recounts the shares. */
    void beat() {
        try {
            long timeoutMillis = properties.timeout().toMillis();
            String processors = String.join(",", streamingProcessors().stream().map(StreamingEventProcessor::getName).sorted().toList());
            jdbc.update("""
                    INSERT INTO cluster_node (node_id, processors, started_at, heartbeat_at)
                    VALUES (?, string_to_array(?, ','), now(), now())
                    ON CONFLICT (node_id) DO UPDATE SET processors = excluded.processors, heartbeat_at = now()""",
                    node.id(), processors);
            List<String> lapsed = jdbc.queryForList("""
                    DELETE FROM cluster_node WHERE heartbeat_at <= now() - ? * interval '1 millisecond'
                    RETURNING node_id""", String.class, timeoutMillis);
            Integer live = jdbc.queryForObject(
                    "SELECT count(*) FROM cluster_node WHERE heartbeat_at > now() - ? * interval '1 millisecond'",
                    Integer.class, timeoutMillis);
            Map<String, Integer> nodes = new HashMap<>();
            jdbc.query("""
                    SELECT processor, count(*) FROM cluster_node, unnest(processors) AS processor
                    WHERE heartbeat_at > now() - ? * interval '1 millisecond' GROUP BY processor""",
                    row -> {
                        nodes.put(row.getString(1), row.getInt(2));
                    }, timeoutMillis);
            Map<String, Integer> segments = new HashMap<>();
            jdbc.query("SELECT processorname, count(*) FROM tokenentry WHERE processorname <> '__config' GROUP BY processorname",
                    row -> {
                        segments.put(row.getString(1), row.getInt(2));
                    });
            Map<String, Integer> before = shares.nodesByProcessor();
            shares.update(live == null ? 1 : live, nodes, segments);
            lapsed.forEach(id -> LOG.info("Node {} stopped heartbeating for {}: its claims have lapsed, the live nodes take its segments",
                    id, properties.timeout()));
            if (running && !before.equals(shares.nodesByProcessor())) {
                logNewShares();
            }
            if (failing) {
                failing = false;
                LOG.info("Node {} heartbeats again", node.id());
            }
        } catch (RuntimeException unavailable) {
            if (!failing) {
                failing = true;
                LOG.warn("Node {} could not renew its heartbeat; segment shares stay as last counted: {}",
                        node.id(), unavailable.toString());
            }
        }
    }

    private void logNewShares() {
        int held = 0;
        int surplus = 0;
        for (StreamingEventProcessor processor : streamingProcessors()) {
            int claimed = processor.processingStatus().size();
            held += claimed;
            surplus += Math.max(0, claimed - shares.getMaxSegments(processor.getName()));
        }
        LOG.info("{} live node(s) share the segments: node {} holds {} and releases {} beyond its share for balance",
                shares.liveNodes(), node.id(), held, surplus);
    }

    private void registerGauges() {
        Gauge.builder("pilotage.nodes.live", shares, SegmentShares::liveNodes)
                .description("Application nodes heartbeating on this database, as this node last counted them")
                .register(meters);
        for (StreamingEventProcessor processor : streamingProcessors()) {
            Gauge.builder("pilotage.processor.segments.claimed", processor, p -> p.processingStatus().size())
                    .tag("processor", processor.getName())
                    .description("Segments of the streaming processor that this node holds")
                    .register(meters);
            Gauge.builder("pilotage.processor.position", processor, NodeRegistry::lowestPosition)
                    .tag("processor", processor.getName())
                    .description("Lowest event store position among the segments of the processor that this node holds "
                            + "(NaN when it holds none); pilotage_event_store_head minus this is the processor's lag")
                    .register(meters);
        }
    }

    private static double lowestPosition(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToDouble(status -> status.getCurrentPosition().orElse(-1))
                .min().orElse(Double.NaN);
    }

    private List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }
}
