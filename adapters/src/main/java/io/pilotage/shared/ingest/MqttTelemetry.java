package io.pilotage.shared.ingest;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.StaticMessageHeaderAccessor;
import org.springframework.integration.acks.SimpleAcknowledgment;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.mqtt.core.DefaultMqttPahoClientFactory;
import org.springframework.integration.mqtt.inbound.MqttPahoMessageDrivenChannelAdapter;
import org.springframework.integration.mqtt.support.DefaultPahoMessageConverter;
import org.springframework.integration.mqtt.support.MqttHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * Telemetry over MQTT, on when {@code pilotage.ingest.mqtt.url} names a broker: Spring Integration's Paho adapter
 * subscribes with QoS 1 to {@code <prefix>/traffic/#} and {@code <prefix>/lighting/#} under a fixed client id and a
 * persistent session ({@code cleanSession=false}), so the broker keeps what arrives while the core is down.
 *
 * <p>Messages of one topic (a controller publishes on its intersection's) are taken in one at a time, in the order the
 * broker delivers them, on one of {@code pilotage.ingest.mqtt.workers} threads; different topics go in in parallel. Each
 * is acknowledged only once {@link TelemetryIngestion} has committed it or parked it: a crash before that gets it
 * delivered again, and redelivery records nothing twice. Keeping the order matters: a controller's earlier batch taken
 * after its later one would find its reports older than the last and absorb them as stale. When the database is
 * unavailable the same message is retried, backing off to 30 s, until it goes in or the application stops; nothing
 * behind it on its thread is taken meanwhile. Run it on one node: with several, each would take every message
 * (harmless, but work done twice). The broker must queue enough for the session while the core is down or behind
 * (Mosquitto's {@code max_queued_messages} is 1,000 by default, and it drops what is over).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${pilotage.ingest.mqtt.url:}'.isBlank()")
public class MqttTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(MqttTelemetry.class);

    @Bean
    DefaultMqttPahoClientFactory pilotageMqttClients(@Value("${pilotage.ingest.mqtt.url}") String url,
                                                     @Value("${pilotage.ingest.mqtt.username:}") String username,
                                                     @Value("${pilotage.ingest.mqtt.password:}") String password) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setServerURIs(url.split(","));
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        options.setMaxReconnectDelay(30_000);
        if (!username.isBlank()) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
        // Manual acknowledgements from the start: the adapter turns them on only once connected, and what the broker
        // sends from the session meanwhile would be acknowledged on arrival, before it is taken in.
        DefaultMqttPahoClientFactory factory = new DefaultMqttPahoClientFactory() {
            @Override
            public IMqttAsyncClient getAsyncClientInstance(String uri, String clientId) throws MqttException {
                IMqttAsyncClient client = super.getAsyncClientInstance(uri, clientId);
                client.setManualAcks(true);
                return client;
            }
        };
        factory.setConnectionOptions(options);
        // The broker keeps the session; the client needs no files of its own for messages it only receives.
        factory.setPersistence(new MemoryPersistence());
        return factory;
    }

    @Bean
    DirectChannel pilotageTelemetryChannel() {
        return new DirectChannel();
    }

    @Bean
    MqttPahoMessageDrivenChannelAdapter pilotageMqttInbound(DefaultMqttPahoClientFactory clients, DirectChannel pilotageTelemetryChannel,
                                                            @Value("${pilotage.ingest.mqtt.client-id:pilotage}") String clientId,
                                                            @Value("${pilotage.ingest.mqtt.topic-prefix:pilotage}") String prefix,
                                                            List<TelemetryKind<?>> kinds) {
        String[] topics = kinds.stream().map(kind -> prefix + "/" + kind.name() + "/#").toArray(String[]::new);
        MqttPahoMessageDrivenChannelAdapter adapter = new MqttPahoMessageDrivenChannelAdapter(clientId, clients, topics);
        adapter.setQos(1);
        adapter.setManualAcks(true);
        adapter.setCompletionTimeout(10_000);
        DefaultPahoMessageConverter converter = new DefaultPahoMessageConverter();
        converter.setPayloadAsBytes(true);
        adapter.setConverter(converter);
        adapter.setOutputChannel(pilotageTelemetryChannel);
        // Started by the subscriber once it takes messages, stopped by it once it no longer does.
        adapter.setAutoStartup(false);
        LOG.info("MQTT telemetry: client {} subscribing to {}", clientId, String.join(", ", topics));
        return adapter;
    }

    @Bean
    Subscriber pilotageTelemetrySubscriber(DirectChannel pilotageTelemetryChannel, MqttPahoMessageDrivenChannelAdapter pilotageMqttInbound,
                                           TelemetryIngestion ingestion,
                                           @Value("${pilotage.ingest.mqtt.topic-prefix:pilotage}") String prefix,
                                           @Value("${pilotage.ingest.mqtt.workers:4}") int workers,
                                           List<TelemetryKind<?>> kinds) {
        Subscriber subscriber = new Subscriber(pilotageMqttInbound, ingestion, prefix,
                kinds.stream().collect(Collectors.toMap(TelemetryKind::name, Function.identity())), workers);
        pilotageTelemetryChannel.subscribe(subscriber);
        return subscriber;
    }

    /**
     * Takes each message in on one of {@code workers} threads chosen by its topic, so that one intersection's messages
     * (its topic) are taken in order while different intersections go in in parallel; retries what the database could
     * not take; and acknowledges each message once it is in or parked. A full worker holds the client's thread, and so
     * the broker: the backlog stays with the broker, not in memory.
     */
    static final class Subscriber implements MessageHandler, SmartLifecycle {

        private static final long FIRST_RETRY_MS = 500;
        private static final long LAST_RETRY_MS = 30_000;
        private static final int QUEUED_PER_WORKER = 64;

        private final MqttPahoMessageDrivenChannelAdapter adapter;
        private final TelemetryIngestion ingestion;
        private final String prefix;
        private final Map<String, TelemetryKind<?>> kinds;
        private final ThreadPoolExecutor[] workers;
        private volatile boolean running;

        Subscriber(MqttPahoMessageDrivenChannelAdapter adapter, TelemetryIngestion ingestion, String prefix,
                   Map<String, TelemetryKind<?>> kinds, int workers) {
            this.adapter = adapter;
            this.ingestion = ingestion;
            this.prefix = prefix;
            this.kinds = kinds;
            this.workers = new ThreadPoolExecutor[Math.max(1, workers)];
            for (int i = 0; i < this.workers.length; i++) {
                String name = "mqtt-telemetry-" + i;
                this.workers[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED_PER_WORKER),
                        runnable -> new Thread(runnable, name), (task, pool) -> {
                            try {
                                pool.getQueue().put(task);
                            } catch (InterruptedException interrupted) {
                                Thread.currentThread().interrupt();
                            }
                        });
            }
        }

        @Override
        public void handleMessage(Message<?> message) {
            String topic = message.getHeaders().get(MqttHeaders.RECEIVED_TOPIC, String.class);
            byte[] payload = (byte[]) message.getPayload();
            TelemetryKind<?> kind = kindOf(topic);
            SimpleAcknowledgment ack = StaticMessageHeaderAccessor.getAcknowledgment(message);
            if (kind == null) {
                LOG.warn("MQTT message on {}, which names no kind of telemetry: acknowledged and dropped", topic);
                acknowledge(ack);
                return;
            }
            if (!running) {
                return;
            }
            workers[Math.floorMod(topic.hashCode(), workers.length)].execute(() -> takeIn(kind, payload, topic, ack));
        }

        /**
         * Never throws: a worker that died would leave its topics' messages unacknowledged behind later ones. A failure
         * that is no message's fault is retried; anything else unexpected is logged and the message let go, so that one
         * message never stops the stream.
         */
        private void takeIn(TelemetryKind<?> kind, byte[] payload, String topic, SimpleAcknowledgment ack) {
            for (long delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, LAST_RETRY_MS)) {
                if (!running) {
                    return;
                }
                try {
                    ingestion.ingest(kind, payload, Transport.MQTT, topic);
                    acknowledge(ack);
                    return;
                } catch (TelemetryUnavailable unavailable) {
                    LOG.warn("MQTT message on {} not taken in, retrying in {} ms: {}", topic, delay, unavailable.getCause().toString());
                    if (!sleep(delay)) {
                        return;
                    }
                } catch (RuntimeException unexpected) {
                    LOG.warn("MQTT message on {} could not be taken in nor parked, and is let go", topic, unexpected);
                    acknowledge(ack);
                    return;
                }
            }
        }

        private TelemetryKind<?> kindOf(String topic) {
            if (topic == null || !topic.startsWith(prefix + "/")) {
                return null;
            }
            String rest = topic.substring(prefix.length() + 1);
            int slash = rest.indexOf('/');
            return kinds.get(slash < 0 ? rest : rest.substring(0, slash));
        }

        /** A client that lost its connection cannot acknowledge: the broker delivers the message again, which records nothing. */
        private static void acknowledge(SimpleAcknowledgment ack) {
            if (ack == null) {
                return;
            }
            try {
                ack.acknowledge();
            } catch (RuntimeException disconnected) {
                LOG.info("An MQTT message could not be acknowledged ({}); the broker will deliver it again", disconnected.toString());
            }
        }

        /** Sleeps in short steps, so that a stop does not wait for a long back-off to end. False when stopping. */
        private boolean sleep(long millis) {
            long until = System.nanoTime() + millis * 1_000_000;
            try {
                while (running && System.nanoTime() < until) {
                    Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                }
                return running;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void start() {
            running = true;
            adapter.start();
        }

        /**
         * Disconnects, lets the messages being taken in finish and drops those still queued, unacknowledged: the broker
         * keeps them in the session and delivers them again after the restart, where they record nothing twice.
         */
        @Override
        public void stop() {
            running = false;
            adapter.stop();
            for (ThreadPoolExecutor worker : workers) {
                worker.getQueue().clear();
                worker.shutdown();
            }
            for (ThreadPoolExecutor worker : workers) {
                try {
                    if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                        worker.shutdownNow();
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    worker.shutdownNow();
                }
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        /** Last to start (the database, the buses and the processors are up) and first to stop. */
        @Override
        public int getPhase() {
            return Integer.MAX_VALUE;
        }
    }
}
