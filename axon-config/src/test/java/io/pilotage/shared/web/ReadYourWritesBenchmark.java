package io.pilotage.shared.web;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.TestPayloads;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What read-your-writes costs: the head query every write pays, one check of the processors' positions,
 * and the latency of a read sent right after a write with and without the position. Prints figures, asserts
 * nothing about time. Not part of the default test run:
 * {@code ./mvnw -pl axon-config -am verify -Dtest=ReadYourWritesBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@IntegrationTest
class ReadYourWritesBenchmark {

    static final int ROUNDS = Integer.getInteger("bench.rounds", 300);

    @LocalServerPort
    int port;

    @Autowired
    ReadModelPositions positions;

    @Test
    void measure() throws InterruptedException {
        Api operator = new Api(port, "operator");
        round(operator, 50, true);
        round(operator, 50, false);

        long[] head = new long[ROUNDS];
        long[] check = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            long position = positions.head().orElseThrow();
            head[i] = System.nanoTime() - start;
            while (!positions.reached(position)) {
                Thread.sleep(5);
            }
            start = System.nanoTime();
            positions.reached(position);
            check[i] = System.nanoTime() - start;
        }
        Rounds with = round(operator, ROUNDS, true);
        Rounds without = round(operator, ROUNDS, false);
        Rounds keyed = round(operator, ROUNDS, true, true);
        long[][] quiet = alreadyReached(operator);

        System.out.println("READ-YOUR-WRITES " + ROUNDS + " rounds");
        System.out.println("  head query (every 2xx write)      " + stats(head));
        System.out.println("  one positions check               " + stats(check));
        System.out.println("  POST register                     " + stats(with.writes));
        System.out.println("  GET right after, with position    " + stats(with.reads) + ", missed " + with.missed
                + ", stale " + with.stale);
        System.out.println("  GET right after, without position " + stats(without.reads) + ", missed " + without.missed);
        System.out.println("  POST register with Idempotency-Key " + stats(keyed.writes));
        System.out.println("  GET right after it, with position " + stats(keyed.reads) + ", missed " + keyed.missed
                + ", stale " + keyed.stale);
        System.out.println("  GET, position long reached        " + stats(quiet[0]));
        System.out.println("  GET, without position (same time) " + stats(quiet[1]));
    }

    record Rounds(long[] writes, long[] reads, int missed, int stale) {
    }

    private static Rounds round(Api operator, int rounds, boolean withPosition) {
        return round(operator, rounds, withPosition, false);
    }

    private static Rounds round(Api operator, int rounds, boolean withPosition, boolean keyed) {
        long[] writes = new long[rounds];
        long[] reads = new long[rounds];
        int missed = 0;
        int stale = 0;
        for (int i = 0; i < rounds; i++) {
            String id = TestIds.next("LP");
            long start = System.nanoTime();
            Api writer = keyed ? operator.with("Idempotency-Key", TestIds.next("bench-key")) : operator;
            Api.Response written = writer.post("/api/lighting/light-points",
                    TestPayloads.lightPoint(id, "CAB-BENCH-" + i % 20, "Quetigny", 30));
            writes[i] = System.nanoTime() - start;
            Api reader = withPosition ? operator.with("Pilotage-Min-Position", written.header("Pilotage-Position")) : operator;
            start = System.nanoTime();
            Api.Response read = reader.get("/api/lighting/light-points/" + id);
            reads[i] = System.nanoTime() - start;
            missed += read.status() == 200 ? 0 : 1;
            stale += "true".equals(read.header("Pilotage-Stale")) ? 1 : 0;
        }
        return new Rounds(writes, reads, missed, stale);
    }

    /** A point written long ago, read alternately with and without its position: the check's own cost. */
    private long[][] alreadyReached(Api operator) throws InterruptedException {
        String id = TestIds.next("LP");
        String position = operator.post("/api/lighting/light-points",
                TestPayloads.lightPoint(id, "CAB-BENCH-0", "Quetigny", 30)).header("Pilotage-Position");
        Api withPosition = operator.with("Pilotage-Min-Position", position);
        withPosition.get("/api/lighting/light-points/" + id);
        Thread.sleep(1000);
        long[] with = new long[ROUNDS];
        long[] without = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            withPosition.get("/api/lighting/light-points/" + id);
            with[i] = System.nanoTime() - start;
            start = System.nanoTime();
            operator.get("/api/lighting/light-points/" + id);
            without[i] = System.nanoTime() - start;
        }
        return new long[][] {with, without};
    }

    private static String stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.2f ms, p95 %.2f ms, max %.2f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
