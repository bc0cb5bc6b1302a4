package io.pilotage.bench;

import io.pilotage.lighting.CabinetEvent.CabinetRegistered;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.GeoPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A city's history as the application would have recorded it, event by event, in the order of the event store.
 * First the inventory is registered (each point, and each cabinet when a point first names it, as the policy
 * does); then every 15 minutes each cabinet's meter reports the energy of the interval that just ended, which
 * follows the points it feeds, the night and the dimming ({@link Daylight}); at night lamps fail now and then
 * (TALQ kinds from telemetry, damage reported by patrols and citizens) and are repaired 6 to 48 hours later.
 * Everything comes from the seed: ids, times, energies and the events' own ids.
 *
 * <p>Events are the domain's records with the metadata the application writes (actor, role, channel,
 * correlation, causation, command), so a read model replaying them cannot tell them from real ones. The stream
 * respects the aggregates' rules: sequence numbers without gaps, readings that move forward without overlap, no
 * second open failure of a kind on a point, repairs of open failures only.
 */
public final class CityHistory {

    public static final Duration READING_INTERVAL = Duration.ofMinutes(15);
    /** Failures per light point and year, all kinds together. */
    public static final double DEFAULT_FAILURES_PER_POINT_YEAR = 0.3;
    private static final long REGISTRATION_SPACING_MILLIS = 50;
    private static final long READINGS_SPREAD_MILLIS = 120_000;
    private static final int STANDBY_WH = 3;
    /** From a command's time to its event's row: what the application takes to decide and append. */
    private static final long HANDLING_MILLIS = 10;

    /** One event as the store will hold it: its stream, position in the stream, payload and metadata. */
    public record CityEvent(String aggregateId, String aggregateType, long sequenceNumber, UUID eventId, Object payload,
                            Map<String, Object> metadata, Instant timestamp) {
    }

    /** What a replay produced; {@code energyWh} is the sum of every reading, for checking a read model. */
    public record Summary(long events, int lightPoints, int cabinets, long readings, long failures, long repairs,
                          long energyWh, Instant first, Instant last) {
    }

    private static final FailureKind[] KINDS = FailureKind.values();
    private static final int[] KIND_WEIGHT = {60, 10, 5, 5, 5, 5, 10};

    private final City city;
    private final Instant start;
    private final double failuresPerPointYear;
    private final Daylight daylight = new Daylight();

    public CityHistory(City city, Instant start, double failuresPerPointYear) {
        if (KIND_WEIGHT.length != KINDS.length) {
            throw new IllegalStateException("A weight for every failure kind");
        }
        this.city = city;
        this.start = start;
        this.failuresPerPointYear = failuresPerPointYear;
    }

    public CityHistory(City city, Instant start) {
        this(city, start, DEFAULT_FAILURES_PER_POINT_YEAR);
    }

    /** Emits the first {@code maxEvents} events of the history, in order, and says what they were. */
    public Summary replay(long maxEvents, Consumer<CityEvent> sink) {
        return new Run(maxEvents, sink).go();
    }

    /** The keys and order the application's metadata carries (AuditMetadataProvider). */
    static Map<String, Object> metadata(UUID triggeringEvent, String commandName, String actorId, String actorRole,
                                        String channel, UUID commandId, UUID correlationId) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (triggeringEvent != null) {
            metadata.put("triggeringEventId", triggeringEvent.toString());
        }
        String command = commandId.toString();
        metadata.put("commandName", commandName);
        metadata.put("actorId", actorId);
        metadata.put("actorRole", actorRole);
        metadata.put("originCommandId", command);
        metadata.put("originCommandName", commandName);
        metadata.put("channel", channel);
        metadata.put("causationId", command);
        metadata.put("correlationId", correlationId.toString());
        metadata.put("commandId", command);
        return metadata;
    }

    /** A version 4 UUID from the history's own random source, so that a seed gives the same store twice. */
    static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private final class Run {
        private final long max;
        private final Consumer<CityEvent> sink;
        private final SplittableRandom random = new SplittableRandom(city.seed() ^ 0x5DEECE66DL);
        private final List<City.LightPoint> points = city.points();
        private final List<City.Cabinet> cabinets = city.cabinets();
        private final LightPointId[] pointIds = new LightPointId[points.size()];
        private final GeoPosition[] positions = new GeoPosition[points.size()];
        private final int[] cabinetOfPoint = new int[points.size()];
        private final CabinetId[] cabinetIds = new CabinetId[cabinets.size()];
        private final long[] pointSequence = new long[points.size()];
        private final long[] cabinetSequence = new long[cabinets.size()];
        private final boolean[] cabinetRegistered = new boolean[cabinets.size()];
        private final int[] openKinds = new int[points.size()];
        private final int[] darkLoadW = new int[cabinets.size()];
        private final PriorityQueue<Pending> repairs = new PriorityQueue<>(Comparator.comparing(Pending::at));
        private long emitted;
        private int registeredPoints;
        private int registeredCabinets;
        private long readings;
        private long failures;
        private long repaired;
        private long energyWh;
        private Instant first;
        private Instant last;

        Run(long max, Consumer<CityEvent> sink) {
            this.max = max;
            this.sink = sink;
            Map<String, Integer> cabinetIndex = new HashMap<>();
            for (int k = 0; k < cabinets.size(); k++) {
                cabinetIds[k] = new CabinetId(cabinets.get(k).id());
                cabinetIndex.put(cabinets.get(k).id(), k);
            }
            for (int p = 0; p < points.size(); p++) {
                City.LightPoint point = points.get(p);
                pointIds[p] = new LightPointId(point.id());
                positions[p] = new GeoPosition(point.latitude(), point.longitude());
                cabinetOfPoint[p] = cabinetIndex.get(point.cabinetId());
            }
        }

        Summary go() {
            registerInventory();
            Instant intervalStart = ceilToInterval(start.plusMillis(points.size() * REGISTRATION_SPACING_MILLIS)
                    .plus(READING_INTERVAL));
            while (emitted < max) {
                window(intervalStart);
                intervalStart = intervalStart.plus(READING_INTERVAL);
            }
            return new Summary(emitted, registeredPoints, registeredCabinets, readings, failures, repaired, energyWh,
                    first, last);
        }

        private void registerInventory() {
            UUID importCorrelation = uuid();
            for (int p = 0; p < points.size() && emitted < max; p++) {
                City.LightPoint point = points.get(p);
                Instant at = start.plusMillis(p * REGISTRATION_SPACING_MILLIS);
                UUID command = uuid();
                UUID registration = uuid();
                emit(new CityEvent(point.id(), "LightPoint", pointSequence[p]++, registration,
                        new LightPointRegistered(pointIds[p], point.commune(), positions[p], cabinetIds[cabinetOfPoint[p]],
                                point.ratedPowerW(), point.legacyPowerW(), point.technology(), at),
                        metadata(null, "RegisterLightPoint", "supervisor", "SUPERVISOR", "import", command, importCorrelation),
                        at.plusMillis(HANDLING_MILLIS)));
                registeredPoints++;
                int k = cabinetOfPoint[p];
                if (!cabinetRegistered[k] && emitted < max) {
                    cabinetRegistered[k] = true;
                    emit(new CityEvent(cabinets.get(k).id(), "Cabinet", cabinetSequence[k]++, uuid(),
                            new CabinetRegistered(cabinetIds[k], point.commune(), at),
                            metadata(registration, "RegisterCabinet", "system:WhenLightPointRegisteredThenRegisterCabinet",
                                    "SYSTEM", "policy", uuid(), importCorrelation),
                            at.plusMillis(3 * HANDLING_MILLIS)));
                    registeredCabinets++;
                }
                darkLoadW[k] += point.ratedPowerW();
            }
        }

        /**
         * The events stored while the interval after {@code intervalStart}'s runs: the readings of the interval that
         * just ended, and the failures and repairs of that quarter-hour, in the order they are stored.
         */
        private void window(Instant intervalStart) {
            Instant intervalEnd = intervalStart.plus(READING_INTERVAL);
            Instant windowEnd = intervalEnd.plus(READING_INTERVAL);
            List<Pending> pending = new ArrayList<>(cabinets.size() + 16);
            for (int k = 0; k < cabinets.size(); k++) {
                if (cabinetRegistered[k]) {
                    pending.add(new Pending(intervalEnd.plusMillis(2_000 + k * READINGS_SPREAD_MILLIS / cabinets.size()),
                            Pending.READING, k, 0, null, null));
                }
            }
            if (daylight.dark(intervalEnd) || daylight.dark(windowEnd)) {
                // About twelve dark hours a day on average over the year: 48 intervals.
                double expected = registeredPoints * failuresPerPointYear / (365.0 * 48);
                for (int n = poisson(expected); n > 0; n--) {
                    Instant observed = intervalEnd.plusMillis(random.nextLong(READING_INTERVAL.toMillis() - 61_000));
                    Instant stored = observed.plusMillis(random.nextLong(1_000, 60_000));
                    int point = random.nextInt(registeredPoints);
                    int kind = City.pick(random, KIND_WEIGHT);
                    if (daylight.dark(observed)) {
                        pending.add(new Pending(stored, Pending.FAILURE, point, kind, null, observed));
                    }
                }
            }
            while (!repairs.isEmpty() && repairs.peek().at().isBefore(windowEnd)) {
                pending.add(repairs.poll());
            }
            pending.sort(Comparator.comparing(Pending::at));
            double level = daylight.level(intervalStart.plus(READING_INTERVAL.dividedBy(2)));
            for (Pending next : pending) {
                if (emitted >= max) {
                    return;
                }
                switch (next.kind()) {
                    case Pending.READING -> reading(next, intervalStart, intervalEnd, level);
                    case Pending.FAILURE -> failure(next);
                    default -> repair(next);
                }
            }
        }

        private void reading(Pending next, Instant intervalStart, Instant intervalEnd, double level) {
            int k = next.index();
            long wh = STANDBY_WH + Math.round(darkLoadW[k] * level * 0.25 * (1.04 + random.nextGaussian() * 0.01));
            emit(new CityEvent(cabinets.get(k).id(), "Cabinet", cabinetSequence[k]++, uuid(),
                    new EnergyReadingRecorded(cabinetIds[k], cabinets.get(k).commune(), intervalStart, intervalEnd, wh,
                            next.at().minusMillis(HANDLING_MILLIS)),
                    metadata(null, "RecordEnergyReading", "operator", "OPERATOR", "api", uuid(), uuid()),
                    next.at()));
            readings++;
            energyWh += wh;
        }

        private void failure(Pending next) {
            int p = next.index();
            FailureKind kind = KINDS[next.detail()];
            if ((openKinds[p] & (1 << kind.ordinal())) != 0) {
                return;
            }
            openKinds[p] |= 1 << kind.ordinal();
            if (darkens(kind)) {
                darkLoadW[cabinetOfPoint[p]] -= points.get(p).ratedPowerW();
            }
            FailureSource source = kind == FailureKind.COLUMN_DAMAGE || kind == FailureKind.BROKEN_LANTERN
                    ? (random.nextBoolean() ? FailureSource.PATROL : FailureSource.CITIZEN) : FailureSource.TELEMETRY;
            String failureId = uuid().toString();
            Instant reportedAt = next.at().minusMillis(HANDLING_MILLIS);
            City.LightPoint point = points.get(p);
            emit(new CityEvent(point.id(), "LightPoint", pointSequence[p]++, uuid(),
                    new LampFailureReported(pointIds[p], failureId, kind, source, next.observed(), reportedAt,
                            cabinetIds[cabinetOfPoint[p]], point.commune(), positions[p]),
                    metadata(null, "ReportLampFailure", "operator", "OPERATOR", "api", uuid(), uuid()),
                    next.at()));
            failures++;
            Instant repairAt = next.at().plusSeconds(random.nextLong(6 * 3_600, 48 * 3_600));
            repairs.add(new Pending(repairAt, Pending.REPAIR, p, next.detail(), failureId, null));
        }

        private void repair(Pending next) {
            int p = next.index();
            FailureKind kind = KINDS[next.detail()];
            openKinds[p] &= ~(1 << kind.ordinal());
            if (darkens(kind)) {
                darkLoadW[cabinetOfPoint[p]] += points.get(p).ratedPowerW();
            }
            emit(new CityEvent(points.get(p).id(), "LightPoint", pointSequence[p]++, uuid(),
                    new LampRepaired(pointIds[p], next.failureId(), kind, next.at().minusMillis(HANDLING_MILLIS)),
                    metadata(null, "RecordLampRepair", "operator", "OPERATOR", "api", uuid(), uuid()),
                    next.at()));
            repaired++;
        }

        private void emit(CityEvent event) {
            if (first == null) {
                first = event.timestamp();
            }
            last = event.timestamp();
            emitted++;
            sink.accept(event);
        }

        private Map<String, Object> metadata(UUID triggeringEvent, String commandName, String actorId, String actorRole,
                                             String channel, UUID commandId, UUID correlationId) {
            return CityHistory.metadata(triggeringEvent, commandName, actorId, actorRole, channel, commandId, correlationId);
        }

        private UUID uuid() {
            return CityHistory.uuid(random);
        }

        private int poisson(double mean) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int n = 0;
            while (product > limit) {
                product *= random.nextDouble();
                n++;
            }
            return n;
        }
    }

    /** Failures that put the lamp out: the cabinet's meter sees the difference until the repair. */
    private static boolean darkens(FailureKind kind) {
        return kind == FailureKind.LAMP_FAILURE || kind == FailureKind.RELAY_FAILURE || kind == FailureKind.SUPPLY_LOSS
                || kind == FailureKind.BROKEN_LANTERN;
    }

    /**
     * An event due in a window, stored at {@code at}: {@code index} is the cabinet or point, {@code detail} the failure
     * kind's ordinal, {@code observed} when a failure was seen.
     */
    private record Pending(Instant at, int kind, int index, int detail, String failureId, Instant observed) {
        static final int READING = 0;
        static final int FAILURE = 1;
        static final int REPAIR = 2;
    }

    static Instant ceilToInterval(Instant instant) {
        long step = READING_INTERVAL.toSeconds();
        long seconds = instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond((seconds + step - 1) / step * step);
    }
}
