package io.pilotage.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Ingestion throughput over MQTT: registers {@code intersections} intersections through the API, then publishes
 * {@code messages} controllers' messages of {@code reports} phase changes each (QoS 1, round-robin over the
 * intersections, in each controller's order), a share of them published a second time as a broker would redeliver
 * them, and waits until every distinct report is an event in the store. Prints the rate at which events were committed,
 * from the first publish to the last commit, and checks that no report was stored twice.
 */
final class MqttLoad {

    record Settings(String broker, String topicPrefix, URI base, String supervisor, String jdbcUrl, String dbUser, String dbPassword,
                    int intersections, int messages, int reports, double redeliver, String prefix, long seed, int maxWaitSeconds) {
    }

    private final Settings settings;

    MqttLoad(Settings settings) {
        this.settings = settings;
    }

    String run() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString(settings.supervisor().getBytes(StandardCharsets.UTF_8));
        StringBuilder groups = new StringBuilder();
        for (int g = 1; g <= 8; g++) {
            groups.append(g > 1 ? "," : "").append("{\"id\":").append(g).append(",\"movement\":\"group ").append(g).append("\"}");
        }
        for (int i = 1; i <= settings.intersections(); i++) {
            String body = "{\"intersectionId\":\"" + id(i) + "\",\"commune\":\"Dijon\",\"latitude\":47.32,\"longitude\":5.04,"
                    + "\"signalGroups\":[" + groups + "],\"conflicts\":[{\"first\":1,\"second\":2}],"
                    + "\"timingPlans\":[{\"id\":\"DAY\",\"cycleSeconds\":88}],\"activePlan\":\"DAY\"}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(settings.base().resolve("/api/traffic/intersections"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Registering " + id(i) + " answered " + response.statusCode() + " " + response.body());
            }
        }
        try (Connection store = DriverManager.getConnection(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword())) {
            return publishAndWait(store);
        }
    }

    private String publishAndWait(Connection store) throws Exception {
        long before = count(store);
        SplittableRandom random = new SplittableRandom(settings.seed());
        long[] sequence = new long[settings.intersections() + 1];
        Instant t0 = Instant.parse("2026-11-30T06:00:00Z");
        MqttAsyncClient client = new MqttAsyncClient(settings.broker(), "pilotage-bench-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1_000);
        client.connect(options).waitForCompletion(10_000);
        long redelivered = 0;
        long started = System.nanoTime();
        byte[] previous = null;
        String previousTopic = null;
        for (int m = 0; m < settings.messages(); m++) {
            int i = m % settings.intersections() + 1;
            StringBuilder changes = new StringBuilder();
            for (int r = 0; r < settings.reports(); r++) {
                long seq = ++sequence[i];
                changes.append(r > 0 ? "," : "").append("{\"signalGroup\":").append(seq % 8 + 1)
                        .append(",\"state\":\"").append(seq % 3 == 0 ? "stop_and_remain" : seq % 3 == 1 ? "protected_movement_allowed" : "protected_clearance")
                        .append("\",\"controllerTime\":\"").append(t0.plusMillis(seq * 3_000)).append("\",\"sequence\":").append(seq).append('}');
            }
            byte[] payload = ("{\"messageId\":\"" + id(i) + "-" + m + "\",\"device\":\"CTRL-" + id(i) + "\",\"intersectionId\":\""
                    + id(i) + "\",\"phaseChanges\":[" + changes + "]}").getBytes(StandardCharsets.UTF_8);
            String topic = settings.topicPrefix() + "/traffic/" + id(i);
            publish(client, topic, payload);
            if (previous != null && random.nextDouble() < settings.redeliver()) {
                publish(client, previousTopic, previous);
                redelivered++;
            }
            previous = payload;
            previousTopic = topic;
        }
        double published = (System.nanoTime() - started) / 1e9;
        long expected = (long) settings.messages() * settings.reports();
        long stored;
        long deadline = System.nanoTime() + settings.maxWaitSeconds() * 1_000_000_000L;
        do {
            Thread.sleep(100);
            stored = count(store) - before;
        } while (stored < expected && System.nanoTime() < deadline);
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(2_000);
        long finalCount = count(store) - before;
        client.disconnect().waitForCompletion(10_000);
        client.close();
        return String.format(Locale.ROOT, "{\"messages\":%d,\"redelivered\":%d,\"reports_per_message\":%d,\"expected_events\":%d,"
                        + "\"stored_events\":%d,\"stored_events_2s_later\":%d,\"publish_s\":%.2f,\"seconds\":%.2f,\"events_per_s\":%.0f,"
                        + "\"messages_per_s\":%.0f,\"exactly_once\":%b}",
                settings.messages(), redelivered, settings.reports(), expected, stored, finalCount, published, seconds,
                stored / seconds, (settings.messages() + redelivered) / seconds, finalCount == expected);
    }

    private static void publish(MqttAsyncClient client, String topic, byte[] payload) throws Exception {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        while (true) {
            try {
                client.publish(topic, message);
                return;
            } catch (org.eclipse.paho.client.mqttv3.MqttException full) {
                if (full.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw full;
                }
                Thread.sleep(1);
            }
        }
    }

    private String id(int i) {
        return String.format("%s-%03d", settings.prefix(), i);
    }

    /** Polled every 100 ms on one connection. */
    private long count(Connection store) throws SQLException {
        try (PreparedStatement query = store.prepareStatement("SELECT count(*) FROM domainevententry WHERE payloadtype = ? "
                + "AND aggregateidentifier LIKE ?")) {
            query.setString(1, "io.pilotage.traffic.IntersectionEvent$SignalGroupPhaseChanged");
            query.setString(2, settings.prefix() + "-%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
