package io.pilotage.bench;

import io.pilotage.bench.CityHistory.Summary;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The commands bench/run.sh calls ({@code java -jar bench/target/bench.jar <command> --key value ...}):
 *
 * <ul>
 *   <li>{@code city}: writes the inventory CSV for the import endpoint and the cabinets file the wrk scripts read;
 *   <li>{@code events}: appends the city's history to an event store (the application stopped) and prints what it
 *       wrote as one {@code EVENTS_JSON} line;
 *   <li>{@code visibility}: B6 at one rate, printed as one {@code VIS_JSON} line;
 *   <li>{@code compare}: the ratio table of our results.json against the peer's.
 * </ul>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "city" -> city(options);
            case "events" -> events(options);
            case "visibility" -> visibility(options);
            case "traffic-events" -> trafficEvents(options);
            case "mqtt-load" -> mqttLoad(options);
            case "compare" -> Comparison.read(Path.of(required(options, "ours")),
                    options.containsKey("peer") ? Path.of(options.get("peer")) : null, options.getOrDefault("conns", "16"))
                    .print(System.out);
            default -> usage();
        }
    }

    private static City city(Map<String, String> options) {
        City city = City.generate(Long.parseLong(options.getOrDefault("seed", "1")),
                Integer.parseInt(options.getOrDefault("points", String.valueOf(City.DIJON_POINTS))),
                Integer.parseInt(options.getOrDefault("cabinets", String.valueOf(City.DIJON_CABINETS))));
        if (options.containsKey("csv")) {
            city.writeInventoryCsv(Path.of(options.get("csv")));
        }
        if (options.containsKey("cabinets-file")) {
            city.writeCabinets(Path.of(options.get("cabinets-file")));
        }
        return city;
    }

    private static void events(Map<String, String> options) throws Exception {
        City city = city(options);
        long count = Long.parseLong(options.getOrDefault("events", "1000000"));
        Instant start = Instant.parse(options.getOrDefault("start", "2025-11-03T00:00:00Z"));
        double failures = Double.parseDouble(options.getOrDefault("failures-per-point-year",
                String.valueOf(CityHistory.DEFAULT_FAILURES_PER_POINT_YEAR)));
        String url = required(options, "url");
        String user = options.getOrDefault("user", "postgres");
        String password = options.getOrDefault("password", "");
        try (Connection events = DriverManager.getConnection(url, user, password);
             Connection links = DriverManager.getConnection(url, user, password)) {
            EventStoreFeed feed = new EventStoreFeed(events, links);
            EventStoreFeed.Result<Summary> result = feed.append(new CityHistory(city, start, failures), count,
                    !options.containsKey("no-seal"));
            double vacuum = 0;
            if (options.containsKey("vacuum")) {
                long before = System.nanoTime();
                feed.vacuumAnalyze();
                vacuum = (System.nanoTime() - before) / 1e9;
            }
            Summary s = result.history();
            System.out.printf(Locale.ROOT, "EVENTS_JSON {\"events\":%d,\"first_index\":%d,\"last_index\":%d,\"light_points\":%d,"
                            + "\"cabinets\":%d,\"readings\":%d,\"failures\":%d,\"repairs\":%d,\"energy_wh\":%d,\"sealed_before\":%d,"
                            + "\"from\":\"%s\",\"to\":\"%s\",\"write_s\":%.1f,\"vacuum_s\":%.1f}%n",
                    s.events(), result.firstIndex(), result.lastIndex(), s.lightPoints(), s.cabinets(), s.readings(),
                    s.failures(), s.repairs(), s.energyWh(), result.sealedBefore(), s.first(), s.last(), result.seconds(), vacuum);
        }
    }

    /** Appends a generated history of signal controllers to the event store (see {@link TrafficHistory}). */
    private static void trafficEvents(Map<String, String> options) throws Exception {
        long count = Long.parseLong(options.getOrDefault("events", "10000000"));
        TrafficHistory history = new TrafficHistory(Integer.parseInt(options.getOrDefault("intersections",
                String.valueOf(TrafficHistory.DIJON_INTERSECTIONS))), Instant.parse(options.getOrDefault("start", "2026-01-05T00:00:00Z")),
                options.getOrDefault("prefix", "TL-GEN"), Long.parseLong(options.getOrDefault("seed", "1")));
        String url = required(options, "url");
        try (Connection events = DriverManager.getConnection(url, options.getOrDefault("user", "postgres"), options.getOrDefault("password", ""));
             Connection links = DriverManager.getConnection(url, options.getOrDefault("user", "postgres"), options.getOrDefault("password", ""))) {
            EventStoreFeed feed = new EventStoreFeed(events, links);
            EventStoreFeed.Result<TrafficHistory.Summary> result = feed.append(sink -> history.replay(count, sink),
                    !options.containsKey("no-seal"));
            double vacuum = 0;
            if (options.containsKey("vacuum")) {
                long before = System.nanoTime();
                feed.vacuumAnalyze();
                vacuum = (System.nanoTime() - before) / 1e9;
            }
            TrafficHistory.Summary s = result.history();
            System.out.printf(Locale.ROOT, "TRAFFIC_EVENTS_JSON {\"events\":%d,\"first_index\":%d,\"last_index\":%d,\"intersections\":%d,"
                            + "\"phase_changes\":%d,\"from\":\"%s\",\"to\":\"%s\",\"write_s\":%.1f,\"vacuum_s\":%.1f}%n",
                    s.events(), result.firstIndex(), result.lastIndex(), s.intersections(), s.phaseChanges(), s.first(), s.last(),
                    result.seconds(), vacuum);
        }
    }

    private static void mqttLoad(Map<String, String> options) throws Exception {
        MqttLoad.Settings settings = new MqttLoad.Settings(options.getOrDefault("broker", "tcp://127.0.0.1:1883"),
                options.getOrDefault("topic-prefix", "pilotage"), URI.create(required(options, "base")),
                options.getOrDefault("supervisor", "supervisor:supervisor"), required(options, "url"),
                options.getOrDefault("db-user", "postgres"), options.getOrDefault("db-password", ""),
                Integer.parseInt(options.getOrDefault("intersections", String.valueOf(TrafficHistory.DIJON_INTERSECTIONS))),
                Integer.parseInt(options.getOrDefault("messages", "20000")), Integer.parseInt(options.getOrDefault("reports", "8")),
                Double.parseDouble(options.getOrDefault("redeliver", "0.1")), options.getOrDefault("prefix", "TL-MQTT"),
                Long.parseLong(options.getOrDefault("seed", "1")), Integer.parseInt(options.getOrDefault("max-wait-seconds", "600")));
        System.out.println("MQTT_JSON " + new MqttLoad(settings).run());
    }

    private static void visibility(Map<String, String> options) throws Exception {
        VisibilityDriver.Settings settings = new VisibilityDriver.Settings(URI.create(required(options, "base")),
                options.getOrDefault("user", "operator:operator"), Double.parseDouble(required(options, "rate")),
                Integer.parseInt(options.getOrDefault("connections", "16")),
                Integer.parseInt(options.getOrDefault("seconds", "30")),
                Integer.parseInt(options.getOrDefault("warm-up-seconds", "10")),
                City.readCabinets(Path.of(required(options, "cabinets-file"))), options.getOrDefault("prefix", "LP-B6"),
                Long.parseLong(options.getOrDefault("seed", "6")), required(options, "url"),
                options.getOrDefault("db-user", "postgres"), options.getOrDefault("db-password", ""),
                options.containsKey("samples-file") ? Path.of(options.get("samples-file")) : null);
        System.out.println("VIS_JSON " + new VisibilityDriver(settings).run());
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --option, got " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            options.put(key, flag ? "true" : args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }

    private static void usage() {
        System.out.println("""
                usage: java -jar bench/target/bench.jar <command> [--option value ...]
                  city       [--seed 1] [--points 34000] [--cabinets 1100] [--csv points.csv] [--cabinets-file cabinets.tsv]
                  events     --url jdbc:postgresql://host/db [--user postgres] [--password ""] [--events 1000000]
                             [--seed 1] [--points 34000] [--cabinets 1100] [--start 2025-11-03T00:00:00Z]
                             [--failures-per-point-year 0.3] [--no-seal] [--vacuum]
                  visibility --base http://127.0.0.1:18081 --rate 100 [--connections 16] --cabinets-file cabinets.tsv --url jdbc:postgresql://host/db [--db-user postgres] [--seconds 30] [--warm-up-seconds 10] [--samples-file b6.tsv]
                             [--user operator:operator] [--prefix LP-B6] [--seed 6]
                  traffic-events --url jdbc:postgresql://host/db [--events 10000000] [--intersections 113] [--prefix TL-GEN]
                             [--start 2026-01-05T00:00:00Z] [--seed 1] [--no-seal] [--vacuum]
                  mqtt-load  --base http://127.0.0.1:18081 --url jdbc:postgresql://host/db [--broker tcp://127.0.0.1:1883]
                             [--topic-prefix pilotage] [--intersections 113] [--messages 20000] [--reports 8] [--redeliver 0.1]
                             [--prefix TL-MQTT] [--max-wait-seconds 600]
                  compare    --ours results.json [--peer peer/results/latest.json] [--conns 16]""");
    }
}
