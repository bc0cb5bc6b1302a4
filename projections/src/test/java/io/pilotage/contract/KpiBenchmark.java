package io.pilotage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.ReadModelDatabase;
import io.pilotage.audit.AuditQueries.ChainHead;
import io.pilotage.audit.AuditQueries.FindChainHead;
import io.pilotage.audit.chain.EventChain;
import io.pilotage.contract.AvailabilityQueries.AvailabilityKpi;
import io.pilotage.contract.AvailabilityQueries.FindAvailabilityKpi;
import io.pilotage.contract.ContractEvent.ContractAmended;
import io.pilotage.contract.ContractEvent.ContractSigned;
import io.pilotage.contract.DelayQueries.DelayKpi;
import io.pilotage.contract.DelayQueries.FindDelayKpi;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAdjusted;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAgreed;
import io.pilotage.contract.EnergyQueries.EnergySavings;
import io.pilotage.contract.EnergyQueries.FindEnergySavings;
import io.pilotage.contract.availability.AvailabilityKpiProjection;
import io.pilotage.contract.delays.DelayKpiProjection;
import io.pilotage.contract.energy.EnergySavingsProjection;
import io.pilotage.contract.terms.ContractTermsProjection;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.CorrectableStep;
import io.pilotage.interventions.DeadlineKind;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.DeadlineMissed;
import io.pilotage.interventions.InterventionEvent.InterventionCancelled;
import io.pilotage.interventions.InterventionEvent.InterventionMadeSafe;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionReopened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionEvent.InterventionTimeCorrected;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import io.pilotage.lighting.CabinetEvent.EnergyReadingCorrected;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast the KPI queries answer on two years of a metropole's history: at least a million events fed to the four
 * contract read models on a real PostgreSQL, then the latency of each KPI, current and as of an instant in the past,
 * measured from Java around the query handler (JDBC round trips included). It prints figures and asserts only that
 * the answers are not empty: a timing is a measurement, not a test. Not part of the default test run:
 * {@code ./mvnw -pl projections -am verify -Dtest=KpiBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.events=1000000}
 *
 * <p>The history (seeded, so every run feeds the same events) runs from January 2025 to December 2026: the contract
 * signed, then amended for 2026 (P3 repairs within 48 hours); 34,000 light points registered, most by the inventory
 * import of the first weeks, the rest over the months; 1,100 cabinets, each with an option-A baseline and one
 * adjustment; about 1% of the points failing each month, each failure opening an intervention that is resolved
 * (one in ten late, some paused, P1 made safe first, a few reopened, cancelled or corrected); and daily energy
 * readings per cabinet, which fill the history up to {@code bench.events}, with a few hundred corrected later. Every
 * position also gets a link in the audit chain, so the chain head is looked up among a million links.
 */
class KpiBenchmark {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    static final int MEASURED = Integer.getInteger("bench.queries", 2_000);
    static final int WARM_UP = Integer.getInteger("bench.warmup", 300);
    static final long SEED = Long.getLong("bench.seed", 2025);
    static final int BATCH = 1_000;

    static final int POINTS = 34_000;
    static final int IMPORTED_POINTS = 33_000;
    static final int CABINETS = 1_100;
    static final int CORRECTIONS = 300;
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final int DAYS = 730;
    static final Instant END = START.plus(Duration.ofDays(DAYS));
    /** The report instant of "current" queries: every event is recorded before it. */
    static final Instant NOW = END.plus(Duration.ofHours(12));
    static final YearMonth FIRST_MONTH = YearMonth.of(2025, 1);
    static final int MONTHS = 24;
    static final Instant AMENDED_AT = Instant.parse("2025-12-15T10:00:00Z");
    static final Instant AMENDMENT_EFFECTIVE = ContractMonth.start(YearMonth.of(2026, 1));
    /** Agreed burning hours of Dijon, January first. */
    static final List<BigDecimal> BURNING_HOURS = hours(450, 380, 360, 300, 260, 230, 245, 280, 330, 390, 420, 460);
    static final Terms SIGNED = Terms.REFERENCE;
    static final Terms AMENDED = SIGNED.amendedBy(new TermsChange(
            Map.of(Priority.P3, new ContractDeadlines(null, Duration.ofHours(48))),
            Map.of(Priority.P3, new PenaltyRate(8_000, 100_000)), null, null, null, null));

    private final Random random = new Random(SEED);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private ContractTermsProjection terms;
    private EnergySavingsProjection energy;
    private DelayKpiProjection delays;
    private AvailabilityKpiProjection availability;
    private EventChain chain;
    private List<AnnotationEventHandlerAdapter> adapters;
    private final Map<Class<?>, List<AnnotationEventHandlerAdapter>> handlersByType = new HashMap<>();

    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private long sequence;
    private long position;
    private final Map<String, Long> fedByType = new TreeMap<>();
    private final List<Pending> batch = new ArrayList<>(BATCH);

    /** An event waiting for its turn, in recorded-time order (then in the order it was generated). */
    private record Pending(Instant recordedAt, long sequence, Object payload) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byTime = recordedAt.compareTo(other.recordedAt);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private record Point(LightPointId id, int cabinet, Commune commune, GeoPosition position, int ratedW, int legacyW,
                         Instant registeredAt) {
    }

    private record Cabinet(CabinetId id, Commune commune, List<Point> points) {
    }

    @Test
    void kpiQueriesOnTwoYearsOfHistory() {
        jdbc = new JdbcTemplate(database.dataSource());
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
        terms = new ContractTermsProjection(jdbc);
        energy = new EnergySavingsProjection(jdbc, terms);
        delays = new DelayKpiProjection(jdbc, clock);
        availability = new AvailabilityKpiProjection(jdbc, clock, terms);
        chain = new EventChain(jdbc, new DataSourceTransactionManager(database.dataSource()), clock,
                () -> jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class));
        adapters = List.of(new AnnotationEventHandlerAdapter(terms), new AnnotationEventHandlerAdapter(energy),
                new AnnotationEventHandlerAdapter(delays), new AnnotationEventHandlerAdapter(availability));

        long loadStart = System.nanoTime();
        load();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long analyzeStart = System.nanoTime();
        for (String table : contractTables()) {
            jdbc.execute("VACUUM ANALYZE " + table);
        }
        jdbc.execute("VACUUM ANALYZE audit_chain_link");
        double analyzeSeconds = (System.nanoTime() - analyzeStart) / 1e9;

        System.out.printf(Locale.ROOT, "%n=== KPI query benchmark (%d cores, seed %d) ===%n",
                Runtime.getRuntime().availableProcessors(), SEED);
        System.out.printf(Locale.ROOT, "events fed: %,d in %.1f s (%,.0f events/s), transactions of %,d events; "
                + "VACUUM ANALYZE %.1f s%n", position, loadSeconds, position / loadSeconds, BATCH, analyzeSeconds);
        fedByType.forEach((type, count) -> System.out.printf(Locale.ROOT, "  %-26s %,10d%n", type, count));
        System.out.println("rows:");
        for (String table : contractTables()) {
            System.out.printf(Locale.ROOT, "  %-30s %,10d%n", table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        System.out.printf(Locale.ROOT, "  %-30s %,10d%n", "audit_chain_link",
                jdbc.queryForObject("SELECT count(*) FROM audit_chain_link", Long.class));

        checkSanity();
        measure();
    }

    // ----------------------------------------------------------------------------------------------------------
    // The history

    private void load() {
        List<Cabinet> cabinets = cabinets();
        List<Point> points = points(cabinets);
        contract();
        registrations(points);
        baselines(cabinets);
        failures(points);
        long others = queue.size();
        long readings = Math.max(CABINETS, EVENTS - others);
        double correctionChance = (double) CORRECTIONS / readings;
        long fed = 0;
        for (int day = 0; day < DAYS; day++) {
            long count = (day + 1) * readings / DAYS - day * readings / DAYS;
            readingsOfDay(cabinets, day, (int) count);
            Instant until = START.plus(Duration.ofDays(day + 2)).plus(Duration.ofMinutes(30));
            while (!queue.isEmpty() && queue.peek().recordedAt().isBefore(until)) {
                Pending next = queue.poll();
                if (next.payload() instanceof EnergyReadingRecorded reading && random.nextDouble() < correctionChance) {
                    correction(reading, next.recordedAt());
                }
                feed(next);
            }
        }
        while (!queue.isEmpty()) {
            feed(queue.poll());
        }
        flush();
    }

    private void at(Instant recordedAt, Object payload) {
        if (recordedAt.isBefore(NOW)) {
            queue.add(new Pending(recordedAt, sequence++, payload));
        }
    }

    private List<Cabinet> cabinets() {
        Commune[] communes = Commune.values();
        List<Cabinet> cabinets = new ArrayList<>(CABINETS);
        for (int i = 0; i < CABINETS; i++) {
            Commune commune = random.nextDouble() < 0.55 ? Commune.DIJON : communes[random.nextInt(communes.length)];
            cabinets.add(new Cabinet(new CabinetId(String.format(Locale.ROOT, "CAB-%05d", i)), commune, new ArrayList<>()));
        }
        return cabinets;
    }

    /** Most points come with the inventory import of the first two weeks; the rest are new streets, month after month. */
    private List<Point> points(List<Cabinet> cabinets) {
        List<Point> points = new ArrayList<>(POINTS);
        Instant importStart = Instant.parse("2025-01-06T08:00:00Z");
        for (int i = 0; i < POINTS; i++) {
            int cabinet = i < IMPORTED_POINTS ? i * CABINETS / IMPORTED_POINTS : random.nextInt(CABINETS);
            Instant registeredAt = i < IMPORTED_POINTS
                    ? importStart.plusMillis((long) i * Duration.ofDays(11).toMillis() / IMPORTED_POINTS)
                    : START.plus(Duration.ofDays(31)).plusSeconds((long) (random.nextDouble() * Duration.ofDays(DAYS - 45).toSeconds()));
            Commune commune = cabinets.get(cabinet).commune();
            Point point = new Point(new LightPointId(String.format(Locale.ROOT, "LP-%06d", i)), cabinet, commune,
                    new GeoPosition(47.32 + random.nextGaussian() * 0.03, 5.04 + random.nextGaussian() * 0.04),
                    20 + random.nextInt(100), 70 + random.nextInt(180), registeredAt);
            points.add(point);
            cabinets.get(cabinet).points().add(point);
        }
        return points;
    }

    private void contract() {
        at(START, new ContractSigned("contract", SIGNED, START, START));
        at(AMENDED_AT, new ContractAmended("contract", 2, AMENDMENT_EFFECTIVE, AMENDED, "Amendment 1: P3 repairs within 48 h",
                AMENDED_AT));
    }

    private void registrations(List<Point> points) {
        for (Point point : points) {
            at(point.registeredAt(), new LightPointRegistered(point.id(), point.commune(), point.position(),
                    new CabinetId(String.format(Locale.ROOT, "CAB-%05d", point.cabinet())), point.ratedW(), point.legacyW(),
                    LampTechnology.LED, point.registeredAt()));
        }
    }

    /**
     * Option A baselines agreed at the end of January 2025 on the imported points' legacy power; then one adjustment
     * per cabinet: the new points it received, or a shorter dimming schedule when it received none.
     */
    private void baselines(List<Cabinet> cabinets) {
        Instant agreed = Instant.parse("2025-01-27T09:00:00Z");
        for (int i = 0; i < cabinets.size(); i++) {
            Cabinet cabinet = cabinets.get(i);
            int legacy = cabinet.points().stream().filter(p -> !p.registeredAt().isAfter(agreed)).mapToInt(Point::legacyW).sum();
            Instant at = agreed.plusSeconds(i * 2L);
            at(at, new EnergyBaselineAgreed(cabinet.id().value(), 1, BaselineMethod.A, FIRST_MONTH, BURNING_HOURS, legacy, null,
                    "2024 survey of the legacy lanterns", at));
            List<Point> added = cabinet.points().stream().filter(p -> p.registeredAt().isAfter(agreed)).toList();
            if (!added.isEmpty()) {
                Instant first = added.stream().map(Point::registeredAt).min(Instant::compareTo).orElseThrow();
                Instant adjustedAt = first.plus(Duration.ofDays(3));
                at(adjustedAt, new EnergyBaselineAdjusted(cabinet.id().value(), 1, ContractMonth.of(first), AdjustmentKind.POINTS_ADDED,
                        added.stream().mapToInt(Point::legacyW).sum(), null, "new street lighting", adjustedAt));
            } else {
                YearMonth month = FIRST_MONTH.plusMonths(2 + random.nextInt(MONTHS - 3));
                Instant adjustedAt = ContractMonth.start(month).minus(Duration.ofDays(5));
                at(adjustedAt, new EnergyBaselineAdjusted(cabinet.id().value(), 1, month, AdjustmentKind.BURNING_HOURS_CHANGED, 0,
                        BURNING_HOURS.stream().map(h -> h.multiply(new BigDecimal("0.95"))).toList(), "switch-off at 1 am agreed",
                        adjustedAt));
            }
        }
    }

    /** About 1% of the points in service fail each month; each failure opens an intervention that repairs it. */
    private void failures(List<Point> points) {
        int number = 0;
        for (int month = 0; month < MONTHS; month++) {
            Instant from = ContractMonth.start(FIRST_MONTH.plusMonths(month));
            Instant to = ContractMonth.end(FIRST_MONTH.plusMonths(month));
            int count = (int) Math.round(POINTS * 0.01 * (0.8 + 0.4 * random.nextDouble()));
            for (int i = 0; i < count; i++) {
                Point point = points.get(random.nextInt(points.size()));
                Instant observed = from.plusSeconds((long) (random.nextDouble() * Duration.between(from, to).toSeconds()));
                if (observed.isAfter(point.registeredAt())) {
                    failure(point, String.format(Locale.ROOT, "F-%06d", number++), observed);
                }
            }
        }
    }

    private void failure(Point point, String failureId, Instant observed) {
        double kind = random.nextDouble();
        Priority priority = kind < 0.05 ? Priority.P1 : kind < 0.20 ? Priority.P2 : Priority.P3;
        FailureKind failureKind = priority == Priority.P1 ? FailureKind.COLUMN_DAMAGE
                : priority == Priority.P2 ? FailureKind.SUPPLY_LOSS : FailureKind.LAMP_FAILURE;
        CabinetId cabinet = new CabinetId(String.format(Locale.ROOT, "CAB-%05d", point.cabinet()));
        Instant reported = observed.plusSeconds(random.nextInt(60));
        at(reported.plusSeconds(5), new LampFailureReported(point.id(), failureId, failureKind, FailureSource.TELEMETRY, observed,
                reported, cabinet, point.commune(), point.position()));

        String id = "INT-" + failureId;
        Instant opened = reported.plusSeconds(60 + random.nextInt(120));
        boolean amended = !opened.isBefore(AMENDMENT_EFFECTIVE);
        ContractDeadlines deadlines = (amended ? AMENDED : SIGNED).deadlinesFor(priority);
        at(opened, new InterventionOpened(id, InterventionSource.LAMP_FAILURE, failureId, point.id().value(), Category.LIGHTING,
                point.commune(), point.position(), priority, deadlines, amended ? 2 : 1, opened));

        boolean late = random.nextDouble() < 0.10;
        Duration paused = Duration.ZERO;
        if (random.nextDouble() < 0.10) {
            Instant pauseStart = opened.plus(Duration.ofMinutes(20 + random.nextInt(60)));
            paused = Duration.ofMinutes(60 + random.nextInt(300));
            at(pauseStart, new ClockPaused(id, PauseReason.values()[random.nextInt(PauseReason.values().length)], pauseStart));
            at(pauseStart.plus(paused), new ClockResumed(id, paused, pauseStart.plus(paused)));
        }
        if (deadlines.makeSafeWithin() != null) {
            double share = late && random.nextBoolean() ? 1.05 + random.nextDouble() : 0.2 + 0.7 * random.nextDouble();
            Instant madeSafe = opened.plus(paused).plusSeconds((long) (deadlines.makeSafeWithin().toSeconds() * share));
            at(madeSafe, new InterventionMadeSafe(id, madeSafe));
        }
        double share = late ? 1.05 + random.nextDouble() : 0.1 + 0.85 * random.nextDouble();
        Instant resolved = opened.plus(paused).plusSeconds((long) (deadlines.repairWithin().toSeconds() * share));
        if (late) {
            Instant due = opened.plus(paused).plus(deadlines.repairWithin());
            at(due, new DeadlineMissed(id, DeadlineKind.REPAIR, due, Duration.ZERO, due));
        }
        double fate = random.nextDouble();
        if (fate < 0.01) {
            at(resolved, new InterventionCancelled(id, "duplicate of another intervention", null, resolved));
        } else {
            at(resolved, resolution(id, failureId, point, resolved));
            if (fate < 0.02) {
                Instant reopened = resolved.plus(Duration.ofHours(20));
                at(reopened, new InterventionReopened(id, "lamp out again", reopened));
                at(reopened.plus(Duration.ofHours(6)), resolution(id, failureId, point, reopened.plus(Duration.ofHours(6))));
            } else if (fate < 0.03) {
                Instant correctedAt = resolved.plus(Duration.ofDays(2));
                at(correctedAt, new InterventionTimeCorrected(id, CorrectableStep.RESOLVED, resolved, resolved.minus(Duration.ofMinutes(30)),
                        "crew entered the end late", correctedAt));
            }
        }
        at(resolved.plusSeconds(1), new LampRepaired(point.id(), failureId, failureKind, resolved));
    }

    private static InterventionResolved resolution(String id, String failureId, Point point, Instant at) {
        return new InterventionResolved(id, Resolution.REPAIRED, InterventionSource.LAMP_FAILURE, failureId, point.id().value(),
                "CREW-L" + (point.cabinet() % 40), at, List.of());
    }

    /**
     * The day's readings, sent by the meters' concentrator in the small hours of the next day: spread over the cabinets,
     * a cabinet sending several when there are more readings than cabinets (each covering its share of the day).
     * Energy is what the cabinet's points draw over the night's burning hours, dimmed, with some noise.
     */
    private void readingsOfDay(List<Cabinet> cabinets, int day, int count) {
        Instant dayStart = START.plus(Duration.ofDays(day));
        int[] parts = new int[CABINETS];
        int offset = (int) ((long) day * count % CABINETS);
        for (int j = 0; j < count; j++) {
            parts[(j + offset) % CABINETS]++;
        }
        Instant sent = dayStart.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30));
        long spacing = Duration.ofHours(3).toMillis() / Math.max(1, count);
        int sentCount = 0;
        for (int c = 0; c < CABINETS; c++) {
            Cabinet cabinet = cabinets.get(c);
            long watts = cabinet.points().stream().filter(p -> p.registeredAt().isBefore(dayStart)).mapToLong(Point::ratedW).sum();
            for (int part = 0; part < parts[c]; part++) {
                Instant from = dayStart.plusMillis(Duration.ofDays(1).toMillis() * part / parts[c]);
                Instant to = dayStart.plusMillis(Duration.ofDays(1).toMillis() * (part + 1) / parts[c]);
                double burning = BurningSchedule.METROPOLE.burningWithin(from, to).toMillis() / 3_600_000.0;
                long wh = Math.round(watts * burning * 0.85 * (0.95 + 0.1 * random.nextDouble()));
                Instant recordedAt = sent.plusMillis(spacing * sentCount++);
                at(recordedAt, new EnergyReadingRecorded(cabinet.id(), cabinet.commune(), from, to, wh, recordedAt));
            }
        }
    }

    private void correction(EnergyReadingRecorded reading, Instant recordedAt) {
        Instant at = recordedAt.plus(Duration.ofDays(2 + random.nextInt(18))).plusSeconds(random.nextInt(3600));
        at(at, new EnergyReadingCorrected(reading.cabinetId(), reading.commune(), reading.intervalStart(), reading.intervalEnd(),
                reading.energyWh(), Math.round(reading.energyWh() * (random.nextBoolean() ? 0.9 : 1.1)), "meter constant mis-set", at));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Feeding, in transactions of BATCH events, as a tracking processor applies a batch within its token's transaction

    private void feed(Pending pending) {
        batch.add(pending);
        if (batch.size() == BATCH) {
            flush();
        }
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            Long[] positions = new Long[batch.size()];
            Long[] recorded = new Long[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                Pending pending = batch.get(i);
                positions[i] = ++position;
                recorded[i] = pending.recordedAt().toEpochMilli();
                dispatch(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                        new GenericEventMessage<>("event-" + position, pending.payload(), Map.of(), pending.recordedAt())));
                fedByType.merge(pending.payload().getClass().getSimpleName(), 1L, Long::sum);
            }
            jdbc.update(connection -> {
                var statement = connection.prepareStatement("""
                        INSERT INTO audit_chain_link (global_index, event_identifier, link, sealed_at, recorded_at)
                        SELECT p, 'event-' || p, decode(md5('link-' || p) || md5('chain-' || p), 'hex'),
                               to_timestamp(r / 1000.0), to_timestamp(r / 1000.0)
                        FROM unnest(?::bigint[], ?::bigint[]) AS t(p, r)""");
                statement.setArray(1, connection.createArrayOf("bigint", positions));
                statement.setArray(2, connection.createArrayOf("bigint", recorded));
                return statement;
            });
        });
        batch.clear();
    }

    private void dispatch(EventMessage<?> message) {
        List<AnnotationEventHandlerAdapter> handlers = handlersByType.computeIfAbsent(message.getPayloadType(),
                type -> adapters.stream().filter(adapter -> adapter.canHandle(message)).toList());
        for (AnnotationEventHandlerAdapter handler : handlers) {
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException("Handling " + message.getPayloadType().getSimpleName() + " at " + position + " failed", e);
            }
        }
    }

    private List<String> contractTables() {
        return jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name LIKE 'rm\\_contract\\_%' ORDER BY table_name""", String.class);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Queries

    /** A month of the metropole as the adapters would ask it: measured cabinets, due interventions, points in service. */
    private void checkSanity() {
        YearMonth june = YearMonth.of(2026, 6);
        EnergySavings savings = energy.handle(new FindEnergySavings(june, null, null));
        DelayKpi delay = delays.handle(new FindDelayKpi(june, null, null));
        AvailabilityKpi available = availability.handle(new FindAvailabilityKpi(june, null, null));
        Instant asOf = ContractMonth.end(june).plus(Duration.ofDays(3));
        EnergySavings savingsThen = energy.handle(new FindEnergySavings(june, null, asOf));
        DelayKpi delayThen = delays.handle(new FindDelayKpi(june, null, asOf));
        AvailabilityKpi availableThen = availability.handle(new FindAvailabilityKpi(june, null, asOf));
        ChainHead head = chain.handle(new FindChainHead(null)).orElseThrow();
        ChainHead headThen = chain.handle(new FindChainHead(asOf)).orElseThrow();

        assertThat(savings.cabinets()).isNotEmpty();
        assertThat(savings.measuredWh()).isPositive();
        assertThat(savingsThen.cabinets()).isNotEmpty();
        assertThat(delay.total().due()).isPositive();
        assertThat(delayThen.total().due()).isPositive();
        assertThat(available.pointsInService()).isGreaterThan(IMPORTED_POINTS);
        assertThat(availableThen.pointsInService()).isGreaterThan(IMPORTED_POINTS);
        assertThat(available.availability()).isNotNull();
        assertThat(head.position()).isEqualTo(position);
        assertThat(headThen.position()).isBetween(1L, position - 1);
        System.out.printf(Locale.ROOT, "June 2026, metropole: %d cabinets, savings %s (target %s); %d interventions due, "
                        + "%d within, penalties EUR %,.2f; availability %s, failure rate %s; chain head %d%n",
                savings.cabinets().size(), savings.savings(), savings.target(), delay.total().due(), delay.total().within(),
                delay.penaltyCents() / 100.0, available.availability(), available.failureRate(), head.position());
    }

    private record Ask(YearMonth month, Commune commune, Instant asOf) {
    }

    private Ask ask(boolean past) {
        YearMonth month = FIRST_MONTH.plusMonths(random.nextInt(MONTHS));
        Commune commune = random.nextBoolean() ? null : Commune.values()[random.nextInt(Commune.values().length)];
        Instant asOf = null;
        if (past) {
            Instant from = ContractMonth.start(month).plus(Duration.ofDays(1));
            asOf = from.plusMillis((long) (random.nextDouble() * Duration.between(from, NOW).toMillis()));
        }
        return new Ask(month, commune, asOf);
    }

    private void measure() {
        Map<String, Function<Ask, Object>> kpis = new LinkedHashMap<>();
        kpis.put("energy", a -> energy.handle(new FindEnergySavings(a.month(), a.commune(), a.asOf())));
        kpis.put("delays", a -> delays.handle(new FindDelayKpi(a.month(), a.commune(), a.asOf())));
        kpis.put("availability", a -> availability.handle(new FindAvailabilityKpi(a.month(), a.commune(), a.asOf())));
        kpis.put("chain head", a -> chain.handle(new FindChainHead(a.asOf())));
        // As KpiController composes it: energy and delays asked on other threads (each on a connection of its own, as a
        // pool gives them), availability and the chain head on the caller's.
        JdbcTemplate energyConnection = ownConnection();
        EnergySavingsProjection reportEnergy = new EnergySavingsProjection(energyConnection, new ContractTermsProjection(energyConnection));
        DelayKpiProjection reportDelays = new DelayKpiProjection(ownConnection(), clock);
        ExecutorService side = Executors.newFixedThreadPool(2);
        kpis.put("contract report", a -> {
            CompletableFuture<Object> energyAsked = CompletableFuture.supplyAsync(
                    () -> reportEnergy.handle(new FindEnergySavings(a.month(), a.commune(), a.asOf())), side);
            CompletableFuture<Object> delaysAsked = CompletableFuture.supplyAsync(
                    () -> reportDelays.handle(new FindDelayKpi(a.month(), a.commune(), a.asOf())), side);
            Object lit = availability.handle(new FindAvailabilityKpi(a.month(), a.commune(), a.asOf()));
            Object head = chain.handle(new FindChainHead(a.asOf()));
            return List.of(energyAsked.join(), delaysAsked.join(), lit, head);
        });

        System.out.printf(Locale.ROOT, "%nlatency from Java around the query handler, JDBC round trips included; random month of %d, "
                + "commune null or random; %d warm-up then %d measured per line (ms)%n", MONTHS, WARM_UP, MEASURED);
        System.out.printf(Locale.ROOT, "%-16s %-8s %6s %8s %8s %8s %8s%n", "KPI", "mode", "n", "p50", "p90", "p99", "max");
        for (Map.Entry<String, Function<Ask, Object>> kpi : kpis.entrySet()) {
            for (boolean past : new boolean[] {false, true}) {
                for (int i = 0; i < WARM_UP; i++) {
                    assertThat(kpi.getValue().apply(ask(past))).isNotNull();
                }
                long[] nanos = new long[MEASURED];
                for (int i = 0; i < MEASURED; i++) {
                    Ask ask = ask(past);
                    long start = System.nanoTime();
                    Object answer = kpi.getValue().apply(ask);
                    nanos[i] = System.nanoTime() - start;
                    assertThat(answer).isNotNull();
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "%-16s %-8s %6d %8.2f %8.2f %8.2f %8.2f%n", kpi.getKey(), past ? "asOf" : "current",
                        MEASURED, percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99), nanos[nanos.length - 1] / 1e6);
            }
        }
    }

    /** A connection of its own on the benchmark's schema, for a query asked beside others. */
    private JdbcTemplate ownConnection() {
        String url = ((org.springframework.jdbc.datasource.SingleConnectionDataSource) database.dataSource()).getUrl();
        return new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(url, "postgres", "", true));
    }

    /** Nearest rank, in milliseconds. */
    private static double percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static List<BigDecimal> hours(int... values) {
        return Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
    }
}
