package io.pilotage.shared.ingest;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
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
 * <p>Messages are handled one at a time on the client's thread, in the order the broker delivers them, and acknowledged
 * only once {@link TelemetryIngestion} has committed them or parked them: a crash before that gets them delivered again,
 * and redelivery records nothing twice. Keeping the order matters: a controller's earlier batch handled after its later
 * one would find its reports older than the last and absorb them as stale. When the database is unavailable the same
 * message is retried, backing off to 30 s, until it goes in or the application stops; nothing behind it is taken
 * meanwhile. Run it on one node: with several, each would take every message (harmless, but work done twice).
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
        DefaultMqttPahoClientFactory factory = new DefaultMqttPahoClientFactory();
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
        LOG.info("MQTT telemetry: client {} subscribing to {}", clientId, String.join(", ", topics));
        return adapter;
    }

    @Bean
    Subscriber pilotageTelemetrySubscriber(DirectChannel pilotageTelemetryChannel, TelemetryIngestion ingestion,
                                           @Value("${pilotage.ingest.mqtt.topic-prefix:pilotage}") String prefix,
                                           List<TelemetryKind<?>> kinds) {
        Subscriber subscriber = new Subscriber(ingestion, prefix,
                kinds.stream().collect(Collectors.toMap(TelemetryKind::name, Function.identity())));
        pilotageTelemetryChannel.subscribe(subscriber);
        return subscriber;
    }

    /** Takes each message in, retrying what the database could not take, and acknowledges it once it is in or parked. */
    static final class Subscriber implements MessageHandler, SmartLifecycle {

        private static final long FIRST_RETRY_MS = 500;
        private static final long LAST_RETRY_MS = 30_000;

        private final TelemetryIngestion ingestion;
        private final String prefix;
        private final Map<String, TelemetryKind<?>> kinds;
        private volatile boolean running;

        Subscriber(TelemetryIngestion ingestion, String prefix, Map<String, TelemetryKind<?>> kinds) {
            this.ingestion = ingestion;
            this.prefix = prefix;
            this.kinds = kinds;
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
            for (long delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, LAST_RETRY_MS)) {
                try {
                    ingestion.ingest(kind, payload, Transport.MQTT, topic);
                    acknowledge(ack);
                    return;
                } catch (TelemetryUnavailable unavailable) {
                    if (!running) {
                        LOG.info("MQTT message on {} left for the broker to deliver again after the restart", topic);
                        return;
                    }
                    LOG.warn("MQTT message on {} not taken in, retrying in {} ms: {}", topic, delay, unavailable.getCause().toString());
                    if (!sleep(delay)) {
                        return;
                    }
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

        private static void acknowledge(SimpleAcknowledgment ack) {
            if (ack != null) {
                ack.acknowledge();
            }
        }

        private static boolean sleep(long millis) {
            try {
                Thread.sleep(millis);
                return true;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        /** Stops before the adapter does, so that a message being retried is let go and the client can disconnect. */
        @Override
        public int getPhase() {
            return Integer.MAX_VALUE;
        }
    }
}
