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
    void measure() {
        Api operator = new Api(port, "operator");
        round(operator, 50, true);
        round(operator, 50, false);

        long[] head = new long[ROUNDS];
        long[] check = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            long position = positions.head().orElseThrow();
            head[i] = System.nanoTime() - start;
            start = System.nanoTime();
            positions.reached(position);
            check[i] = System.nanoTime() - start;
        }
        Rounds with = round(operator, ROUNDS, true);
        Rounds without = round(operator, ROUNDS, false);

        System.out.println("READ-YOUR-WRITES " + ROUNDS + " rounds");
        System.out.println("  head query (every 2xx write)      " + stats(head));
        System.out.println("  one positions check               " + stats(check));
        System.out.println("  POST register                     " + stats(with.writes));
        System.out.println("  GET right after, with position    " + stats(with.reads) + ", missed " + with.missed
                + ", stale " + with.stale);
        System.out.println("  GET right after, without position " + stats(without.reads) + ", missed " + without.missed);
        System.out.println("  GET again, position already reached " + stats(with.rereads));
        System.out.println("  GET again, without position       " + stats(without.rereads));
    }

    record Rounds(long[] writes, long[] reads, long[] rereads, int missed, int stale) {
    }

    private static Rounds round(Api operator, int rounds, boolean withPosition) {
        long[] writes = new long[rounds];
        long[] reads = new long[rounds];
        long[] rereads = new long[rounds];
        int missed = 0;
        int stale = 0;
        for (int i = 0; i < rounds; i++) {
            String id = TestIds.next("LP");
            long start = System.nanoTime();
            Api.Response written = operator.post("/api/lighting/light-points",
                    TestPayloads.lightPoint(id, "CAB-BENCH-" + i % 20, "Quetigny", 30));
            writes[i] = System.nanoTime() - start;
            Api reader = withPosition ? operator.with("Pilotage-Min-Position", written.header("Pilotage-Position")) : operator;
            start = System.nanoTime();
            Api.Response read = reader.get("/api/lighting/light-points/" + id);
            reads[i] = System.nanoTime() - start;
            start = System.nanoTime();
            reader.get("/api/lighting/light-points/" + id);
            rereads[i] = System.nanoTime() - start;
            missed += read.status() == 200 ? 0 : 1;
            stale += "true".equals(read.header("Pilotage-Stale")) ? 1 : 0;
        }
        return new Rounds(writes, reads, rereads, missed, stale);
    }

    private static String stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.2f ms, p95 %.2f ms, max %.2f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
