package io.pilotage.contract.energy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReadModelDatabase;
import io.pilotage.ReplayContract;
import io.pilotage.contract.AdjustmentKind;
import io.pilotage.contract.BaselineMethod;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAdjusted;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAgreed;
import io.pilotage.contract.EnergyQueries.CabinetSavings;
import io.pilotage.contract.EnergyQueries.CommuneSavings;
import io.pilotage.contract.EnergyQueries.EnergyBaselineView;
import io.pilotage.contract.EnergyQueries.EnergySavings;
import io.pilotage.contract.EnergyQueries.FindEnergyBaseline;
import io.pilotage.contract.EnergyQueries.FindEnergySavings;
import io.pilotage.contract.PenaltyRate;
import io.pilotage.contract.Terms;
import io.pilotage.contract.TermsVersion;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.Priority;
import io.pilotage.lighting.CabinetEvent.EnergyReadingCorrected;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.lighting.CabinetId;
import io.pilotage.shared.Commune;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The energy KPI's read model, fed the worked example of docs/contract.md: the figures it gives as known before
 * and after the correction are the ones the page's two tables state, read from the page itself.
 */
class EnergySavingsProjectionTest extends ReplayContract {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final CabinetId A = new CabinetId("CAB-EX-A");
    static final CabinetId B = new CabinetId("CAB-EX-B");
    static final CabinetId C = new CabinetId("CAB-EX-C");
    static final List<BigDecimal> HOURS = hours(400, 340, 320, 270, 230, 200, 210, 250, 290, 340, 370, 410);
    static final List<BigDecimal> NOVEMBER_SHORTER = hours(400, 340, 320, 270, 230, 200, 210, 250, 290, 340, 333, 410);
    static final List<Long> REFERENCE = List.of(500_000L, 450_000L, 420_000L, 360_000L, 310_000L, 270_000L, 280_000L,
            330_000L, 380_000L, 440_000L, 300_000L, 520_000L);
    /** November 1st, 00:00 in Paris. */
    static final Instant MONTH_START = Instant.parse("2026-10-31T23:00:00Z");
    static final Instant BEFORE_CORRECTION = Instant.parse("2026-12-05T00:00:00Z");
    static final Instant CORRECTED_AT = Instant.parse("2026-12-10T10:00:00Z");
    static final TermsVersion TERMS = new TermsVersion(1, Instant.parse("2020-01-01T00:00:00Z"), terms("0.65"), "signed",
            Instant.parse("2020-01-01T00:00:00Z"));

    private final AtomicReference<Instant[]> termsAsked = new AtomicReference<>();
    private EnergySavingsProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp() {
        database.truncate();
        projection = new EnergySavingsProjection(database.jdbc(), (at, asOf) -> {
            termsAsked.set(new Instant[] {at, asOf});
            return Optional.of(TERMS);
        });
        feed = new EventFeed(projection);
    }

    @Override
    protected ReadModelDatabase database() {
        return database;
    }

    @Override
    protected EventFeed feed() {
        return feed;
    }

    /** The worked example, each event at its position and recorded time. */
    @Override
    protected List<Object> history() {
        List<Object> events = new ArrayList<>();
        Instant agreed = Instant.parse("2026-10-20T09:00:00Z");
        events.add(new EnergyBaselineAgreed(A.value(), 1, BaselineMethod.A, YearMonth.of(2026, 1), HOURS, 2_000, null, "survey", agreed));
        events.add(new EnergyBaselineAgreed(B.value(), 1, BaselineMethod.B, YearMonth.of(2026, 1), HOURS, null, REFERENCE, "metered 2025", agreed));
        events.add(new EnergyBaselineAdjusted(A.value(), 1, NOVEMBER, AdjustmentKind.POINTS_ADDED, 300, null, "new street", agreed));
        events.add(new EnergyBaselineAdjusted(B.value(), 1, NOVEMBER, AdjustmentKind.BURNING_HOURS_CHANGED, 0, NOVEMBER_SHORTER,
                "schedule", agreed));
        events.add(reading(A, Commune.DIJON, 0, 100_000));
        events.add(reading(B, Commune.TALANT, 0, 50_000));
        events.add(reading(C, Commune.TALANT, 0, 50_000));
        events.add(reading(A, Commune.DIJON, 10, 100_000));
        events.add(reading(B, Commune.TALANT, 10, 50_000));
        events.add(reading(A, Commune.DIJON, 20, 100_000));
        events.add(new EnergyReadingCorrected(A, Commune.DIJON, MONTH_START, MONTH_START.plus(Duration.ofDays(10)), 100_000,
                80_000, "meter constant mis-set", CORRECTED_AT));
        List<Object> tracked = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            tracked.add(tracked(i + 1, recordedAt(events.get(i)), events.get(i)));
        }
        return tracked;
    }

    @Override
    protected void checkOnePass(Map<String, List<Map<String, Object>>> rows) {
        assertThat(rows.get("rm_contract_energy_month")).hasSize(7);
        assertThat(rows.get("rm_contract_energy_baseline")).hasSize(4);
    }

    @Test
    void givenTheWorkedExample_whenAskedAsOfBeforeTheCorrection_thenTheFiguresOfTheDocsFirstTable() throws IOException {
        feed.apply(history());

        EnergySavings before = projection.handle(new FindEnergySavings(NOVEMBER, null, BEFORE_CORRECTION));

        assertThat(rows(before)).isEqualTo(documentedTables().get(0));
        assertThat(before.withoutBaseline()).isEqualTo(1);
        assertThat(before.target()).isEqualByComparingTo("0.65");
        assertThat(before.termsVersion()).isEqualTo(1);
        assertThat(before.meetsTarget()).isFalse();
        assertThat(before.asOf()).isEqualTo(BEFORE_CORRECTION);
        assertThat(termsAsked.get()).containsExactly(Instant.parse("2026-11-30T22:59:59Z"), BEFORE_CORRECTION);
        assertThat(before.cabinets()).extracting(CabinetSavings::readings).containsExactly(3, 2, 1);
    }

    @Test
    void givenTheWorkedExample_whenAskedNow_thenTheCorrectedFiguresOfTheDocsSecondTable() throws IOException {
        feed.apply(history());

        EnergySavings now = projection.handle(new FindEnergySavings(NOVEMBER, null, null));

        assertThat(rows(now)).isEqualTo(documentedTables().get(1));
        assertThat(now.meetsTarget()).isTrue();
        assertThat(projection.handle(new FindEnergySavings(NOVEMBER, null, CORRECTED_AT.plusMillis(1))))
                .isEqualTo(new EnergySavings(NOVEMBER, null, CORRECTED_AT.plusMillis(1), now.target(), now.termsVersion(),
                        now.baselineWh(), now.measuredWh(), now.savings(), now.meetsTarget(), now.withoutBaseline(),
                        now.cabinets(), now.communes()));
    }

    @Test
    void givenReadingsOverTheMonth_whenAskedAsOfBetweenThem_thenOnlyThoseRecordedBefore() {
        feed.apply(history());
        Instant afterFirstReadingOfA = readingEnd(0).plusSeconds(300).plusMillis(1);

        EnergySavings early = projection.handle(new FindEnergySavings(NOVEMBER, Commune.DIJON, afterFirstReadingOfA));

        assertThat(early.cabinets()).containsExactly(new CabinetSavings("CAB-EX-A", Commune.DIJON, 851_000L, 100_000,
                new BigDecimal("0.8825"), 1));
        assertThat(early.commune()).isEqualTo(Commune.DIJON);
        assertThat(early.communes()).containsExactly(new CommuneSavings(Commune.DIJON, 851_000, 100_000, new BigDecimal("0.8825")));
        assertThat(projection.handle(new FindEnergySavings(NOVEMBER, null, readingEnd(0))).cabinets()).isEmpty();
    }

    @Test
    void givenACorrection_thenTheMonthKeepsOneVersionPerEventAndOneCurrent() {
        feed.apply(history());

        List<Map<String, Object>> versions = database.jdbc().queryForList("""
                SELECT measured_wh, recorded_from, recorded_to FROM rm_contract_energy_month
                WHERE cabinet_id = 'CAB-EX-A' ORDER BY from_position""");

        assertThat(versions).extracting(v -> ((Number) v.get("measured_wh")).longValue())
                .containsExactly(100_000L, 200_000L, 300_000L, 280_000L);
        assertThat(versions).filteredOn(v -> v.get("recorded_to") == null).hasSize(1);
        for (int i = 0; i + 1 < versions.size(); i++) {
            assertThat(versions.get(i).get("recorded_to")).isEqualTo(versions.get(i + 1).get("recorded_from"));
        }
    }

    @Test
    void givenARecordedTimeEarlierThanTheLatestVersion_thenTheVersionStartsNoEarlier() {
        Instant late = Instant.parse("2026-11-20T00:00:00Z");
        feed.apply(List.of(tracked(1, late, reading(A, Commune.DIJON, 0, 1_000)),
                tracked(2, late.minusMillis(5), reading(A, Commune.DIJON, 10, 2_000))));

        assertThat(projection.handle(new FindEnergySavings(NOVEMBER, null, late.plusMillis(1))).cabinets().get(0).measuredWh())
                .isEqualTo(3_000);
        assertThat(projection.handle(new FindEnergySavings(NOVEMBER, null, late)).cabinets()).isEmpty();
    }

    /**
     * In a processor's batch the month's versions are written when the batch commits, three statements for the batch:
     * a batch that starts on stored versions, closes them, delivers every event twice and carries a recorded time
     * earlier than the version before it leaves the rows of one by one.
     */
    @Test
    void givenTheRestOfAHistoryInOneBatch_afterStoredVersions_thenNothingIsWrittenBeforeItCommits_andTheRowsOfOneByOne() {
        List<Object> events = new ArrayList<>(history());
        Instant late = CORRECTED_AT.plusSeconds(3_600);
        events.add(tracked(events.size() + 1, late, reading(A, Commune.DIJON, 25, 10_000)));
        events.add(tracked(events.size() + 1, late.minusMillis(5), reading(A, Commune.DIJON, 26, 20_000)));
        feed.apply(events);
        Map<String, List<Map<String, Object>>> oneByOne = database.rows();
        feed.reset();

        feed.apply(events.subList(0, 6));
        Map<String, List<Map<String, Object>>> beforeTheBatch = database.rows();
        feed.applyInOneBatch(events.subList(6, events.size()).stream().flatMap(event -> List.of(event, event).stream()).toList(),
                () -> assertThat(database.rows()).as("nothing written before the batch commits").isEqualTo(beforeTheBatch));

        assertThat(database.rows()).isEqualTo(oneByOne);
        assertThat(oneByOne.get("rm_contract_energy_month")).hasSize(9);
    }

    @Test
    void givenAReadingStartingAtMidnightInParis_thenItCountsInTheParisMonth() {
        feed.apply(List.of(tracked(1, Instant.parse("2026-11-01T00:00:00Z"), new EnergyReadingRecorded(A, Commune.DIJON,
                MONTH_START, MONTH_START.plusSeconds(900), 1_000, MONTH_START.plusSeconds(900)))));

        assertThat(projection.handle(new FindEnergySavings(NOVEMBER, null, null)).measuredWh()).isZero();
        assertThat(projection.handle(new FindEnergySavings(NOVEMBER, null, null)).cabinets()).hasSize(1);
        assertThat(projection.handle(new FindEnergySavings(YearMonth.of(2026, 10), null, null)).cabinets()).isEmpty();
    }

    @Test
    void givenBaselineFacts_whenOneCabinetsBaselineIsAsked_thenItsVersionsAndAdjustmentsAsKnownThen() {
        feed.apply(history());

        EnergyBaselineView baseline = projection.handle(new FindEnergyBaseline(B.value(), null)).orElseThrow();

        assertThat(baseline.versions()).hasSize(1);
        assertThat(baseline.versions().get(0).referenceMonthlyWh()).isEqualTo(REFERENCE);
        assertThat(baseline.versions().get(0).monthlyBurningHours()).isEqualTo(HOURS);
        assertThat(baseline.adjustments()).singleElement()
                .satisfies(a -> assertThat(a.monthlyBurningHours()).isEqualTo(NOVEMBER_SHORTER));
        assertThat(projection.handle(new FindEnergyBaseline(B.value(), Instant.parse("2026-10-20T09:00:00Z")))).isEmpty();
        assertThat(projection.handle(new FindEnergyBaseline(C.value(), null))).isEmpty();
    }

    /** The rows of the answer in the docs' table form: row, baseline, measured, savings. */
    static List<List<String>> rows(EnergySavings savings) {
        List<List<String>> rows = new ArrayList<>();
        for (CabinetSavings cabinet : savings.cabinets()) {
            rows.add(List.of("cabinet " + cabinet.cabinetId(), text(cabinet.baselineWh()), text(cabinet.measuredWh()),
                    text(cabinet.savings())));
        }
        for (CommuneSavings commune : savings.communes()) {
            rows.add(List.of("commune " + commune.commune().displayName(), text(commune.baselineWh()),
                    text(commune.measuredWh()), text(commune.savings())));
        }
        rows.add(List.of("metropole", text(savings.baselineWh()), text(savings.measuredWh()), text(savings.savings())));
        return rows;
    }

    private static String text(Object value) {
        return value == null ? "none" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** The tables of the "Energy worked example" section, thousands separators removed. */
    static List<List<List<String>>> documentedTables() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "contract.md"));
        int start = lines.indexOf("### Energy worked example");
        assertThat(start).as("the worked example's heading in docs/contract.md").isNotNegative();
        List<List<List<String>>> tables = new ArrayList<>();
        List<List<String>> table = null;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("| row ")) {
                table = new ArrayList<>();
                tables.add(table);
            } else if (line.startsWith("| ---")) {
                continue;
            } else if (line.startsWith("|") && table != null) {
                table.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(cell -> cell.trim().replace(",", "")).toList());
            } else {
                table = null;
            }
        }
        assertThat(tables).as("two tables in the worked example").hasSize(2);
        return tables;
    }

    static EnergyReadingRecorded reading(CabinetId cabinet, Commune commune, int fromDay, long wh) {
        return new EnergyReadingRecorded(cabinet, commune, readingStart(fromDay), readingEnd(fromDay), wh, readingEnd(fromDay));
    }

    static Instant readingStart(int fromDay) {
        return MONTH_START.plus(Duration.ofDays(fromDay));
    }

    static Instant readingEnd(int fromDay) {
        return MONTH_START.plus(Duration.ofDays(fromDay + 10));
    }

    /** A reading is recorded five minutes after it ends; the other facts at the time they carry. */
    private static Instant recordedAt(Object event) {
        if (event instanceof EnergyReadingRecorded reading) {
            return reading.intervalEnd().plusSeconds(300);
        }
        if (event instanceof EnergyReadingCorrected correction) {
            return correction.at();
        }
        if (event instanceof EnergyBaselineAgreed agreed) {
            return agreed.at();
        }
        return ((EnergyBaselineAdjusted) event).at();
    }

    static EventMessage<?> tracked(long position, Instant recordedAt, Object payload) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericEventMessage<>("event-" + position, payload, Map.of(), recordedAt));
    }

    static List<BigDecimal> hours(int... values) {
        return Arrays.stream(values).mapToObj(v -> BigDecimal.valueOf(v).setScale(2)).toList();
    }

    static Terms terms(String energyTarget) {
        Map<Priority, ContractDeadlines> deadlines = new EnumMap<>(Priority.class);
        Map<Priority, PenaltyRate> penalties = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            deadlines.put(priority, new ContractDeadlines(null, Duration.ofHours(72)));
            penalties.put(priority, new PenaltyRate(5_000, 100_000));
        }
        return new Terms(deadlines, penalties, new BigDecimal(energyTarget), new BigDecimal("0.99"), new BigDecimal("0.01"),
                Set.of());
    }
}
