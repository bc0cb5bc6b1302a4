package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The buses' monitors give the meters Axon's dimensional monitors give, with the same counts, and register each meter
 * once: Axon's registered the capacity gauge again for every command, which Micrometer ignored but warned about.
 */
class BusMetricsTest {

    @Test
    void givenTheSameCommands_thenTheMetersAndCountsAreAxons_andEachMeterIsRegisteredOnce() {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();

        int axonsIgnored = doubleRegistrations(
                () -> feed(new GlobalMetricRegistry(axons).registerComponentWithDefaultTags(CommandBus.class, "commandBus"), true));
        int oursIgnored = doubleRegistrations(() -> feed(BusMetrics.ofHandlerBus("commandBus", ours), true));

        assertThat(readings(ours)).isEqualTo(readings(axons)).containsKeys(
                "commandBus.capacity{payloadType=String} GAUGE", "commandBus.successCounter{payloadType=String} COUNTER",
                "commandBus.failureTimer{payloadType=Integer} TIMER");
        assertThat(readings(ours)).containsEntry("commandBus.successCounter{payloadType=String} COUNTER", 3.0)
                .containsEntry("commandBus.processedCounter{payloadType=Integer} COUNTER", 1.0)
                .containsEntry("commandBus.ignoredTimer{payloadType=Long} TIMER", 1.0);
        assertThat(axonsIgnored).as("Axon's monitors register the capacity gauge again for each later command of a type")
                .isEqualTo(2);
        assertThat(oursIgnored).isZero();
    }

    @Test
    void givenTheSameEvents_thenTheEventStoresMetersAndCountsAreAxons() {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();

        feed(new GlobalMetricRegistry(axons).registerComponentWithDefaultTags(EventStore.class, "eventStore"), false);
        feed(BusMetrics.ofEventBus("eventStore", ours), false);

        assertThat(readings(ours)).isEqualTo(readings(axons)).containsEntry("eventStore.ingestedCounter{} COUNTER", 5.0)
                .containsEntry("eventStore.successTimer{payloadType=String} TIMER", 3.0);
    }

    /** Three commands of one type succeed, one of another fails, one of a third is ignored. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void feed(MessageMonitor<? extends Message<?>> monitor, boolean commands) {
        MessageMonitor<Message<?>> bus = (MessageMonitor) monitor;
        for (Object payload : new Object[] {"a", "b", "c", 1, 2L}) {
            Message<?> message = commands ? GenericCommandMessage.asCommandMessage(payload) : GenericEventMessage.asEventMessage(payload);
            MessageMonitor.MonitorCallback callback = bus.onMessageIngested(message);
            if (payload instanceof String) {
                callback.reportSuccess();
            } else if (payload instanceof Integer) {
                callback.reportFailure(new IllegalStateException("refused"));
            } else {
                callback.reportIgnored();
            }
        }
    }

    /** Each meter by name, tags and type, with its count (timers, counters) or 0 (gauges, whose value is timing). */
    private static Map<String, Double> readings(MeterRegistry registry) {
        Map<String, Double> readings = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            StringBuilder key = new StringBuilder(meter.getId().getName()).append('{');
            meter.getId().getTags().forEach(tag -> key.append(tag.getKey()).append('=').append(tag.getValue()));
            key.append("} ").append(meter.getId().getType());
            double value = meter instanceof Counter counter ? counter.count() : meter instanceof Timer timer ? timer.count() : 0;
            readings.put(key.toString(), value);
        }
        return readings;
    }

    /** Runs {@code feeding} and counts Micrometer's "already registered" messages, at whatever level it logs them. */
    private static int doubleRegistrations(Runnable feeding) {
        Logger logger = (Logger) LoggerFactory.getLogger(MeterRegistry.class);
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> messages = new ListAppender<>();
        messages.start();
        logger.addAppender(messages);
        logger.setLevel(Level.DEBUG);
        try {
            feeding.run();
        } finally {
            logger.detachAppender(messages);
            logger.setLevel(before);
        }
        return (int) messages.list.stream().filter(event -> event.getFormattedMessage().contains("already registered")).count();
    }
}
