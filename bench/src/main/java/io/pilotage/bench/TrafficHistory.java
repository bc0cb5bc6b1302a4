package io.pilotage.bench;

import io.pilotage.bench.CityHistory.CityEvent;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.traffic.Conflict;
import io.pilotage.traffic.IntersectionEvent.IntersectionRegistered;
import io.pilotage.traffic.IntersectionEvent.SignalGroupPhaseChanged;
import io.pilotage.traffic.IntersectionId;
import io.pilotage.traffic.MovementPhaseState;
import io.pilotage.traffic.SignalGroup;
import io.pilotage.traffic.TerminationCause;
import io.pilotage.traffic.TimingPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Signal controllers as Dijon runs them, for sizing the event store: {@code intersections} intersections of eight signal
 * groups in four stages of two (1 and 5, 2 and 6, 3 and 7, 4 and 8) on an 88-second cycle; each stage goes green,
 * clearance after 18 s and red after 22 s, when the next one goes green. That is 24 phase changes per cycle and
 * intersection, about 0.27 a second: 30 a second for 113 intersections, 2.6 million a day, as domain.md says. Events
 * come in time order across intersections, with the metadata the application writes for a controller's batch.
 * Stages never overlap, so no conflicting greens are reported.
 */
public final class TrafficHistory {

    public static final int DIJON_INTERSECTIONS = 113;
    static final int GROUPS = 8;
    static final int STAGE_SECONDS = 22;
    static final int CLEARANCE_AFTER = 18;
    static final int CYCLE_SECONDS = 4 * STAGE_SECONDS;

    private final int intersections;
    private final Instant start;
    private final String prefix;
    private final long seed;

    public record Summary(long events, int intersections, long phaseChanges, Instant first, Instant last) {
    }

    public TrafficHistory(int intersections, Instant start, String prefix, long seed) {
        this.intersections = intersections;
        this.start = start;
        this.prefix = prefix;
        this.seed = seed;
    }

    /** The id of intersection {@code i}, from 1. */
    public String intersectionId(int i) {
        return String.format("%s-%03d", prefix, i);
    }

    /** Emits the first {@code maxEvents} events: every registration, then phase changes second by second. */
    public Summary replay(long maxEvents, Consumer<CityEvent> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] sequence = new long[intersections + 1];
        int[] offset = new int[intersections + 1];
        long events = 0;
        long changes = 0;
        List<SignalGroup> groups = new ArrayList<>();
        for (int g = 1; g <= GROUPS; g++) {
            groups.add(new SignalGroup(g, "approach " + ((g - 1) % 4 + 1) + (g > 4 ? ", turning" : ", through")));
        }
        List<Conflict> conflicts = new ArrayList<>();
        for (int a = 1; a <= GROUPS; a++) {
            for (int b = a + 1; b <= GROUPS; b++) {
                if ((a - 1) % 4 != (b - 1) % 4) {
                    conflicts.add(new Conflict(a, b));
                }
            }
        }
        UUID importCorrelation = CityHistory.uuid(random);
        for (int i = 1; i <= intersections && events < maxEvents; i++) {
            IntersectionId id = new IntersectionId(intersectionId(i));
            offset[i] = random.nextInt(CYCLE_SECONDS);
            GeoPosition position = new GeoPosition(47.30 + random.nextDouble() * 0.05, 5.00 + random.nextDouble() * 0.08);
            sink.accept(new CityEvent(id.value(), "Intersection", sequence[i]++, CityHistory.uuid(random),
                    new IntersectionRegistered(id, Commune.DIJON, position, groups, conflicts,
                            List.of(new TimingPlan("DAY", CYCLE_SECONDS), new TimingPlan("NIGHT", 60)), "DAY", start),
                    CityHistory.metadata(null, "RegisterIntersection", "supervisor", "SUPERVISOR", "api",
                            CityHistory.uuid(random), importCorrelation), start));
            events++;
        }
        Instant last = start;
        for (long second = 1; events < maxEvents; second++) {
            Instant now = start.plusSeconds(second);
            for (int i = 1; i <= intersections && events < maxEvents; i++) {
                long inCycle = (second + offset[i]) % CYCLE_SECONDS;
                long inStage = inCycle % STAGE_SECONDS;
                int stage = (int) (inCycle / STAGE_SECONDS);
                if (inStage != 0 && inStage != CLEARANCE_AFTER) {
                    continue;
                }
                UUID command = CityHistory.uuid(random);
                var metadata = CityHistory.metadata(null, "RecordPhaseChanges", "system:device:CTRL-" + intersectionId(i), "SYSTEM",
                        "telemetry", command, command);
                List<Object[]> batch = new ArrayList<>();
                if (inStage == 0) {
                    int previous = (stage + 3) % 4;
                    batch.add(new Object[] {previous + 1, MovementPhaseState.STOP_AND_REMAIN, TerminationCause.MAX_OUT});
                    batch.add(new Object[] {previous + 5, MovementPhaseState.STOP_AND_REMAIN, TerminationCause.MAX_OUT});
                    batch.add(new Object[] {stage + 1, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, null});
                    batch.add(new Object[] {stage + 5, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, null});
                } else {
                    batch.add(new Object[] {stage + 1, MovementPhaseState.PROTECTED_CLEARANCE, TerminationCause.GAP_OUT});
                    batch.add(new Object[] {stage + 5, MovementPhaseState.PROTECTED_CLEARANCE, TerminationCause.GAP_OUT});
                }
                IntersectionId id = new IntersectionId(intersectionId(i));
                for (Object[] change : batch) {
                    if (events >= maxEvents) {
                        break;
                    }
                    MovementPhaseState state = (MovementPhaseState) change[1];
                    Instant end = now.plusSeconds(state == MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED ? CLEARANCE_AFTER
                            : state == MovementPhaseState.PROTECTED_CLEARANCE ? STAGE_SECONDS - CLEARANCE_AFTER : 3 * STAGE_SECONDS);
                    long seq = sequence[i]++;
                    sink.accept(new CityEvent(id.value(), "Intersection", seq, CityHistory.uuid(random),
                            new SignalGroupPhaseChanged(id, (Integer) change[0], state, now, seq, now.plusMillis(150), end, end, end,
                                    (TerminationCause) change[2], "DAY"), metadata, now.plusMillis(150)));
                    events++;
                    changes++;
                    last = now;
                }
            }
        }
        return new Summary(events, intersections, changes, start, last);
    }
}
