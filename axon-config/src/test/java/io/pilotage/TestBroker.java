package io.pilotage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The MQTT broker the integration tests' application subscribes to: a Mosquitto of the test run's own, on a free port,
 * when Mosquitto is installed (as on CI and these machines); else one already listening on 127.0.0.1:1883; else none,
 * and MQTT stays off ({@link #url()} empty, the MQTT tests abort saying why). Started once per test JVM, before the
 * shared application context, whose {@code pilotage.ingest.mqtt.url} reads {@code pilotage.test.mqtt-url}.
 */
public final class TestBroker implements BeforeAllCallback {

    private static final String PROPERTY = "pilotage.test.mqtt-url";
    private static String url;
    private static Process process;

    @Override
    public void beforeAll(ExtensionContext context) {
        url();
    }

    /** tcp://127.0.0.1:port of the broker, or "" when none could be had. */
    public static synchronized String url() {
        if (url == null) {
            url = start();
            System.setProperty(PROPERTY, url);
        }
        return url;
    }

    public static boolean available() {
        return !url().isEmpty();
    }

    /** A publisher connected to the broker, with a clean session. */
    public static MqttClient publisher() throws MqttException {
        MqttClient publisher = new MqttClient(url(), "test-publisher-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        // Paho's synchronous publish returns before its callback thread counts the publish as done
        // (eclipse-paho/paho.mqtt.java#551): with the default window of 10, a run of QoS 1 publishes on a busy machine
        // is refused with "Too many publishes in progress".
        options.setMaxInflight(1_000);
        publisher.connect(options);
        return publisher;
    }

    private static String start() {
        Optional<Path> mosquitto = Stream.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")
                .map(Path::of).filter(Files::isExecutable).findFirst();
        if (mosquitto.isPresent()) {
            try {
                int port = freePort();
                Path dir = Files.createTempDirectory("pilotage-mosquitto");
                Path config = dir.resolve("mosquitto.conf");
                Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                        + "log_dest stderr\nmax_queued_messages 100000\n");
                process = new ProcessBuilder(mosquitto.get().toString(), "-c", config.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
                if (listening(port, Duration.ofSeconds(10))) {
                    return "tcp://127.0.0.1:" + port;
                }
                process.destroy();
            } catch (IOException notStarted) {
                // Fall back to the machine's broker.
            }
        }
        return listening(1883, Duration.ofMillis(500)) ? "tcp://127.0.0.1:1883" : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port, Duration within) {
        Instant deadline = Instant.now().plus(within);
        do {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        } while (Instant.now().isBefore(deadline));
        return false;
    }
}
