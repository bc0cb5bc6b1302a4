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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * B6, commit-to-visibility: registers light points at a fixed rate (an open loop: a send is due at its time whatever
 * the answers before it did), and watches the light point read model's table in PostgreSQL for each point answered
 * 201: one query every 2 ms for all the points still awaited. The visibility latency is the time from the 201
 * arriving to the query that first finds the point's row: how long after its commit a write is in the read model,
 * measured without adding a request per write to the application's load (an earlier version read each point back
 * through the API with {@code Pilotage-Min-Position}, which doubled the requests and measured queueing for request
 * threads instead). A point not found within 10 s counts as not visible ({@code stale}).
 */
public final class VisibilityDriver {

    /** One create and its read-back; times in nanoseconds, -1 when not reached. */
    record Sample(long due, long lateBy, int createStatus, long createNanos, int readStatus, long visibleNanos, boolean stale) {
    }

    /** {@code warmUpSeconds}: sent first at the same rate and discarded, so that neither this driver's JIT nor the
     *  application's first requests of a new shape are measured (B1 and B2 warm up the same way). */
    public record Settings(URI base, String credentials, double rate, int connections, int seconds, int warmUpSeconds,
                           List<City.Cabinet> cabinets, String idPrefix, long seed, String jdbcUrl, String dbUser,
                           String dbPassword, java.nio.file.Path samplesFile) {
    }

    /** A point answered 201 and not yet seen in the read model. */
    private record Awaited(long answered, long createNanos, long due, long lateBy, CompletableFuture<Sample> sample) {
    }

    private final Map<String, Awaited> awaited = new ConcurrentHashMap<>();
    /** Creates due and waiting for one of the {@code connections}: a gateway's pool, like wrk's connections in B1. */
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    private final Semaphore connections;
    /** Requests that got no answer at all (the connection failed), by exception: printed, so that they can be told apart. */
    private final Map<String, Integer> clientErrors = new ConcurrentHashMap<>();
    private volatile boolean watching = true;

    private final Settings settings;
    private final HttpClient client;
    private final String authorization;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "visibility-client");
        thread.setDaemon(true);
        return thread;
    });

    public VisibilityDriver(Settings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(settings.credentials().getBytes(StandardCharsets.UTF_8));
        this.connections = new Semaphore(settings.connections());
    }

    /** Runs the warm-up, then the load, and returns the load's figures as one flat JSON object. */
    public String run() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(settings.seed());
        Thread watcher = new Thread(this::watch, "visibility-watcher");
        watcher.setDaemon(true);
        watcher.start();
        if (settings.warmUpSeconds() > 0) {
            List<CompletableFuture<Sample>> warmUp = new ArrayList<>();
            send(settings.warmUpSeconds(), settings.idPrefix() + "-W", random, warmUp);
            awaitAll(warmUp);
        }
        List<CompletableFuture<Sample>> samples = new ArrayList<>();
        double sending = send(settings.seconds(), settings.idPrefix(), random, samples);
        awaitAll(samples);
        watching = false;
        watcher.join(15_000);
        List<Sample> done = new ArrayList<>(samples.size());
        for (CompletableFuture<Sample> sample : samples) {
            done.add(sample.isDone() && !sample.isCompletedExceptionally() ? sample.join() : new Sample(0, 0, -1, -1, -1, -1, false));
        }
        executor.shutdownNow();
        if (settings.samplesFile() != null) {
            writeSamples(done);
        }
        clientErrors.forEach((error, count) -> System.out.println("CLIENT_ERROR " + count + " x " + error));
        return summary(done, sending);
    }

    /** Sends {@code rate x seconds} creates on schedule (an open loop); returns how long sending took, in seconds. */
    private double send(int seconds, String prefix, SplittableRandom random, List<CompletableFuture<Sample>> samples) {
        int total = (int) Math.round(settings.rate() * seconds);
        long period = (long) (1e9 / settings.rate());
        long start = System.nanoTime() + 50_000_000;
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            City.Cabinet cabinet = settings.cabinets().get(random.nextInt(settings.cabinets().size()));
            String id = String.format(Locale.ROOT, "%s-%07d", prefix, i);
            String body = String.format(Locale.ROOT, "{\"lightPointId\":\"%s\",\"commune\":\"%s\",\"latitude\":%.6f,"
                            + "\"longitude\":%.6f,\"cabinetId\":\"%s\",\"ratedPowerW\":40,\"legacyPowerW\":150,\"technology\":\"LED\"}",
                    id, cabinet.commune().name(), cabinet.latitude() + (random.nextDouble() - 0.5) * 0.002,
                    cabinet.longitude() + (random.nextDouble() - 0.5) * 0.003, cabinet.id());
            samples.add(createThenRead(id, body, due - start, Math.max(0, System.nanoTime() - due)));
        }
        return Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    }

    private static void awaitAll(List<CompletableFuture<Sample>> samples) throws InterruptedException {
        try {
            CompletableFuture.allOf(samples.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException unfinished) {
            // Counted as unanswered by the summary.
        }
    }

    /**
     * Sends the create when one of the {@code connections} is free, as B1's wrk does with its connections; until then it
     * waits here, and its create latency (from when it was due) counts the wait. Without the bound every late answer
     * opened another connection, and at 90 % of B1's rate the application held hundreds of requests at once (B1
     * measures its rate with 16), whose answers then timed out at the driver.
     */
    private CompletableFuture<Sample> createThenRead(String id, String body, long due, long lateBy) {
        long sent = System.nanoTime();
        HttpRequest create = HttpRequest.newBuilder(settings.base().resolve("/api/lighting/light-points"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<HttpResponse<Void>> answer = new CompletableFuture<>();
        // The answer is taken (and its arrival stamped) before the freed connection sends the next create.
        queued.add(() -> client.sendAsync(create, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else {
                answer.complete(response);
            }
            connections.release();
            sendQueued();
        }));
        sendQueued();
        return answer.thenCompose(created -> {
            long answered = System.nanoTime();
            if (created.statusCode() != 201) {
                return CompletableFuture.completedFuture(new Sample(due, lateBy, created.statusCode(), answered - sent, -1, -1, false));
            }
            CompletableFuture<Sample> sample = new CompletableFuture<>();
            awaited.put(id, new Awaited(answered, answered - sent, due, lateBy, sample));
            return sample;
        }).exceptionally(failed -> {
            Throwable cause = failed instanceof java.util.concurrent.CompletionException && failed.getCause() != null ? failed.getCause() : failed;
            clientErrors.merge(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1, Integer::sum);
            return new Sample(due, lateBy, -1, -1, -1, -1, false);
        });
    }

    /** Sends queued creates while a connection is free; the permit taken for an empty queue is given back and both looked at again. */
    private void sendQueued() {
        while (!queued.isEmpty() && connections.tryAcquire()) {
            Runnable next = queued.poll();
            if (next == null) {
                connections.release();
            } else {
                next.run();
            }
        }
    }

    /** Every 2 ms, one query for every point still awaited; a point found is visible since its 201, one not found in 10 s is stale. */
    private void watch() {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT light_point_id FROM rm_lighting_light_point WHERE light_point_id = ANY (?)")) {
            while (watching || !awaited.isEmpty()) {
                if (!awaited.isEmpty()) {
                    query.setArray(1, connection.createArrayOf("varchar", awaited.keySet().toArray()));
                    try (ResultSet found = query.executeQuery()) {
                        long now = System.nanoTime();
                        while (found.next()) {
                            Awaited point = awaited.remove(found.getString(1));
                            if (point != null) {
                                point.sample().complete(new Sample(point.due(), point.lateBy(), 201, point.createNanos(), 200,
                                        now - point.answered(), false));
                            }
                        }
                        awaited.entrySet().removeIf(entry -> {
                            Awaited point = entry.getValue();
                            if (now - point.answered() < 10_000_000_000L) {
                                return false;
                            }
                            point.sample().complete(new Sample(point.due(), point.lateBy(), 201, point.createNanos(), 200, -1, true));
                            return true;
                        });
                    }
                }
                LockSupport.parkNanos(2_000_000);
            }
        } catch (SQLException e) {
            awaited.values().forEach(point -> point.sample().completeExceptionally(e));
            throw new IllegalStateException("B6 could not watch the read model", e);
        }
    }

    /** {@code seconds}: how long sending took, so the rates are the sender's, not stretched by the last answers. */
    private String summary(List<Sample> samples, double seconds) {
        int n = samples.size();
        long created = samples.stream().filter(s -> s.createStatus() == 201).count();
        long createFailures = n - created;
        long unanswered = samples.stream().filter(s -> s.createStatus() == -1).count();
        long visible = samples.stream().filter(VisibilityDriver::visible).count();
        long stale = samples.stream().filter(Sample::stale).count();
        long readFailures = samples.stream().filter(s -> s.createStatus() == 201 && s.readStatus() != 200).count();
        double[] latency = millis(samples, 0, n);
        double[] createLatency = samples.stream().filter(s -> s.createStatus() == 201).mapToDouble(s -> s.createNanos() / 1e6)
                .sorted().toArray();
        double[] firstThird = millis(samples, 0, n / 3);
        double[] lastThird = millis(samples, n - n / 3, n);
        double firstP99 = percentile(firstThird, 99);
        double lastP99 = percentile(lastThird, 99);
        boolean growing = lastP99 > 1.5 * firstP99 && lastP99 - firstP99 > 20;
        double maxLateMs = samples.stream().mapToLong(Sample::lateBy).max().orElse(0) / 1e6;
        return String.format(Locale.ROOT, "{\"target_rate\":%.1f,\"seconds\":%d,\"sent\":%d,\"created\":%d,\"visible\":%d,"
                        + "\"create_failures\":%d,\"read_failures\":%d,\"stale\":%d,\"sent_per_s\":%.1f,\"created_per_s\":%.1f,"
                        + "\"create_p50_ms\":%.2f,\"create_p99_ms\":%.2f,"
                        + "\"visible_p50_ms\":%.2f,\"visible_p90_ms\":%.2f,\"visible_p99_ms\":%.2f,\"visible_max_ms\":%.2f,"
                        + "\"first_third_p99_ms\":%.2f,\"last_third_p99_ms\":%.2f,\"growing\":%s,\"sender_max_late_ms\":%.1f,"
                        + "\"connections\":%d,\"unanswered\":%d}",
                settings.rate(), settings.seconds(), n, created, visible, createFailures, readFailures, stale,
                n / seconds, created / seconds, percentile(createLatency, 50), percentile(createLatency, 99), percentile(latency, 50),
                percentile(latency, 90), percentile(latency, 99), latency.length == 0 ? 0 : latency[latency.length - 1],
                firstP99, lastP99, growing, maxLateMs, settings.connections(), unanswered);
    }

    /** One line per create, in the order sent: when it was due (ms from the start), its answer's status and time, how
     *  long until visible (-1: never): to see whether slow ones come together (a stall) or alone. */
    private void writeSamples(List<Sample> samples) {
        StringBuilder lines = new StringBuilder("due_ms\tcreate_status\tcreate_ms\tvisible_ms\n");
        for (Sample sample : samples) {
            lines.append(String.format(Locale.ROOT, "%.1f\t%d\t%.2f\t%.2f%n", sample.due() / 1e6, sample.createStatus(),
                    sample.createNanos() / 1e6, visible(sample) ? sample.visibleNanos() / 1e6 : -1.0));
        }
        try {
            java.nio.file.Files.writeString(settings.samplesFile(), lines);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean visible(Sample sample) {
        return sample.readStatus() == 200 && !sample.stale();
    }

    private static double[] millis(List<Sample> samples, int from, int to) {
        return samples.subList(from, to).stream().filter(VisibilityDriver::visible).mapToDouble(s -> s.visibleNanos() / 1e6)
                .sorted().toArray();
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static double percentile(double[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
