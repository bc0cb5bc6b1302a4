package io.pilotage.config;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.micrometer.reservoir.SlidingTimeWindowReservoir;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The meters Axon's dimensional Micrometer monitors give a bus (names, tags, percentiles and capacity as
 * {@code GlobalMetricRegistry} makes them), with each payload type's meters looked up once instead of on every message.
 * For every command, Axon's monitors looked up five counters, built four timers and registered the capacity gauge
 * again, which Micrometer ignored but warned about once a run ("This Gauge has been already registered").
 * <p>
 * A command bus, query bus or update emitter counts and times each message by payload type and keeps its capacity
 * (the share of the last ten seconds spent handling that type); an event bus counts without tags and times by payload
 * type, as Axon does.
 */
final class BusMetrics implements MessageMonitor<Message<?>> {

    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final long CAPACITY_WINDOW_SECONDS = 10;

    private final String prefix;
    private final MeterRegistry registry;
    private final Clock clock;
    private final boolean handlerBus;
    private final Map<String, Meters> byPayloadType = new ConcurrentHashMap<>();
    private final Counters untagged;

    private BusMetrics(String prefix, MeterRegistry registry, boolean handlerBus) {
        this.prefix = prefix;
        this.registry = registry;
        this.clock = registry.config().clock();
        this.handlerBus = handlerBus;
        this.untagged = handlerBus ? null : new Counters(Tags.empty());
    }

    /** A command bus, query bus or query update emitter: counters, timers and capacity per payload type. */
    static BusMetrics ofHandlerBus(String name, MeterRegistry registry) {
        return new BusMetrics(name, registry, true);
    }

    /** An event bus or event store: counters over all events, timers per payload type. */
    static BusMetrics ofEventBus(String name, MeterRegistry registry) {
        return new BusMetrics(name, registry, false);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters meters = byPayloadType.computeIfAbsent(message.getPayloadType().getSimpleName(), this::meters);
        meters.counters.ingested.increment();
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                meters.counters.processed.increment();
                meters.counters.success.increment();
                meters.done(start, meters.success);
            }

            @Override
            public void reportFailure(Throwable cause) {
                meters.counters.processed.increment();
                meters.counters.failure.increment();
                meters.done(start, meters.failure);
            }

            @Override
            public void reportIgnored() {
                meters.counters.ignored.increment();
                meters.done(start, meters.ignored);
            }
        };
    }

    private Meters meters(String payloadType) {
        Tags tags = Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, payloadType);
        SlidingTimeWindowReservoir window = null;
        if (handlerBus) {
            window = new SlidingTimeWindowReservoir(CAPACITY_WINDOW_SECONDS, TimeUnit.SECONDS, clock);
            Gauge.builder(prefix + ".capacity", window, BusMetrics::capacity).tags(tags).strongReference(true)
                    .register(registry);
        }
        return new Meters(handlerBus ? new Counters(tags) : untagged, timer("allTimer", tags), timer("successTimer", tags),
                timer("failureTimer", tags), timer("ignoredTimer", tags), window);
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(prefix + "." + name).distributionStatisticExpiry(Duration.ofMinutes(10))
                .publishPercentiles(PERCENTILES).tags(tags).register(registry);
    }

    private static double capacity(SlidingTimeWindowReservoir window) {
        long busy = 0;
        for (long nanos : window.getMeasurements()) {
            busy += nanos;
        }
        return (double) busy / TimeUnit.SECONDS.toNanos(CAPACITY_WINDOW_SECONDS);
    }

    private final class Counters {
        final Counter ingested;
        final Counter success;
        final Counter failure;
        final Counter processed;
        final Counter ignored;

        Counters(Tags tags) {
            ingested = registry.counter(prefix + ".ingestedCounter", tags);
            success = registry.counter(prefix + ".successCounter", tags);
            failure = registry.counter(prefix + ".failureCounter", tags);
            processed = registry.counter(prefix + ".processedCounter", tags);
            ignored = registry.counter(prefix + ".ignoredCounter", tags);
        }
    }

    private final class Meters {
        final Counters counters;
        final Timer all;
        final Timer success;
        final Timer failure;
        final Timer ignored;
        final SlidingTimeWindowReservoir window;

        Meters(Counters counters, Timer all, Timer success, Timer failure, Timer ignored, SlidingTimeWindowReservoir window) {
            this.counters = counters;
            this.all = all;
            this.success = success;
            this.failure = failure;
            this.ignored = ignored;
            this.window = window;
        }

        void done(long start, Timer outcome) {
            long nanos = clock.monotonicTime() - start;
            all.record(nanos, TimeUnit.NANOSECONDS);
            outcome.record(nanos, TimeUnit.NANOSECONDS);
            if (window != null) {
                window.update(nanos);
            }
        }
    }
}
