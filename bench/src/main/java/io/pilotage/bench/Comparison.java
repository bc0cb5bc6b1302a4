package io.pilotage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The ratio table: our figures over the peer's (plain Axon, {@code ../shared/peer-bench}) from the same sitting, with
 * the goals of issue 8, and the goals that need no peer (B6, the import, errors). Reads both {@code results.json}.
 */
public final class Comparison {

    private final JsonNode ours;
    private final JsonNode peer;
    private final String conns;

    public Comparison(JsonNode ours, JsonNode peer, String conns) {
        this.ours = ours;
        this.peer = peer;
        this.conns = "c" + conns;
    }

    public static Comparison read(Path ours, Path peer, String conns) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        return new Comparison(mapper.readTree(ours.toFile()), peer == null ? null : mapper.readTree(peer.toFile()), conns);
    }

    public void print(PrintStream out) {
        if (peer != null) {
            out.printf(Locale.ROOT, "%nRatios to the peer (plain Axon 4.13, %s) at %s connections%n", peer.path("when").asText("?"),
                    conns.substring(1));
            row(out, "figure", "peer", "ours", "ratio", "goal", "met");
            ratio(out, "B1/P1 create over HTTP, ok/s", peer.at("/p1_issue_card_http/" + conns + "/ok_per_s"),
                    ours.at("/b1_create_light_point_http/" + conns + "/ok_per_s"), 1.2, true);
            ratio(out, "B1/P1 create over HTTP, p99 ms", peer.at("/p1_issue_card_http/" + conns + "/p99_ms"),
                    ours.at("/b1_create_light_point_http/" + conns + "/p99_ms"), 1.0, false);
            ratio(out, "B2/P2 update an aggregate, ok/s", peer.at("/p2_redeem_card_http/" + conns + "/ok_per_s"),
                    ours.at("/b2_energy_reading_http/" + conns + "/ok_per_s"), 2.0, true);
            ratio(out, "B2/P2 update an aggregate, p99 ms", peer.at("/p2_redeem_card_http/" + conns + "/p99_ms"),
                    ours.at("/b2_energy_reading_http/" + conns + "/p99_ms"), Double.NaN, false);
            ratio(out, "B5/P3 catch-up, events/s", peer.at("/p3_projection_catch_up/events_per_s"),
                    ours.at("/b5_catch_up/events_per_s"), 10.0, true);
            ratio(out, "B5/P3 catch-up steady, events/s", peer.at("/p3_projection_catch_up/events_per_s_steady"),
                    ours.at("/b5_catch_up/events_per_s_steady"), Double.NaN, true);
            long theirEvents = peer.at("/p3_projection_catch_up/events").asLong(-1);
            long ourEvents = ours.at("/b5_catch_up/events").asLong(-1);
            if (Math.abs(theirEvents - ourEvents) > theirEvents / 100) {
                out.printf(Locale.ROOT, "B5 replayed %,d events, P3 %,d: a catch-up ratio over different lengths means little%n",
                        ourEvents, theirEvents);
            }
            if (!ours.at("/knobs/duration").asText().equals(peer.at("/p1_issue_card_http/seconds").asText())) {
                out.printf(Locale.ROOT, "measured runs: ours %s s, the peer's %s s%n", ours.at("/knobs/duration").asText("?"),
                        peer.at("/p1_issue_card_http/seconds").asText("?"));
            }
        }
        out.printf(Locale.ROOT, "%nGoals without the peer%n");
        goal(out, "B6 p99 at 50% load < 100 ms", ours.at("/b6_visibility/at_50/visible_p99_ms"),
                v -> v.isNumber() && v.asDouble() < 100, " ms");
        goal(out, "B6 at 90% load not growing (last third p99 vs first)", ours.at("/b6_visibility/at_90/growing"),
                v -> v.isBoolean() && !v.asBoolean(), "");
        goal(out, "import of the inventory < 20 s", ours.at("/import/seconds"), v -> v.isNumber() && v.asDouble() < 20, " s");
        goal(out, "non-2xx answers, all runs = 0", ours.at("/non2xx_total"), v -> v.isNumber() && v.asLong() == 0, "");
        goal(out, "ERROR lines in the application's log = 0", ours.at("/app_log_errors"), v -> v.isNumber() && v.asLong() == 0, "");
        if (peer != null) {
            goal(out, "ERROR lines in the peer's log", peer.at("/app_log_errors"), v -> true, "");
        }
    }

    private void ratio(PrintStream out, String figure, JsonNode theirs, JsonNode mine, double goal, boolean higherIsBetter) {
        if (!theirs.isNumber() || !mine.isNumber() || theirs.asDouble() == 0) {
            row(out, figure, text(theirs), text(mine), "-", goalText(goal, higherIsBetter), "-");
            return;
        }
        double ratio = mine.asDouble() / theirs.asDouble();
        String met = Double.isNaN(goal) ? "-" : (higherIsBetter ? ratio >= goal : ratio <= goal) ? "yes" : "NO";
        row(out, figure, text(theirs), text(mine), String.format(Locale.ROOT, "%.2fx", ratio), goalText(goal, higherIsBetter), met);
    }

    private static String goalText(double goal, boolean higherIsBetter) {
        return Double.isNaN(goal) ? "" : String.format(Locale.ROOT, "%s %.1fx", higherIsBetter ? ">=" : "<=", goal);
    }

    private static void goal(PrintStream out, String what, JsonNode value, java.util.function.Predicate<JsonNode> met, String unit) {
        String shown = value.isMissingNode() || value.isNull() ? "not measured" : text(value) + unit;
        String verdict = value.isMissingNode() || value.isNull() ? "-" : met.test(value) ? "yes" : "NO";
        out.printf(Locale.ROOT, "  %-56s %14s   %s%n", what, shown, verdict);
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "?";
        }
        if (value.isIntegralNumber()) {
            return String.format(Locale.ROOT, "%,d", value.asLong());
        }
        if (value.isNumber()) {
            double number = value.asDouble();
            return number >= 100 ? String.format(Locale.ROOT, "%,.0f", number) : String.format(Locale.ROOT, "%.2f", number);
        }
        return value.asText();
    }

    private static void row(PrintStream out, String figure, String peer, String ours, String ratio, String goal, String met) {
        out.printf(Locale.ROOT, "%-36s %12s %12s %8s %9s %4s%n", figure, peer, ours, ratio, goal, met);
    }
}
