package io.pilotage.contract.delays;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.ReadModelDatabase;
import io.pilotage.contract.ContractEvent.ContractAmended;
import io.pilotage.contract.ContractEvent.ContractSigned;
import io.pilotage.contract.DelayQueries.DelayKpi;
import io.pilotage.contract.DelayQueries.DelayLine;
import io.pilotage.contract.DelayQueries.FindDelayKpi;
import io.pilotage.contract.DelayQueries.PenaltyLine;
import io.pilotage.contract.PenaltyRate;
import io.pilotage.contract.Terms;
import io.pilotage.contract.TermsChange;
import io.pilotage.contract.terms.ContractTermsProjection;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.CorrectableStep;
import io.pilotage.interventions.DeadlineKind;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.InterventionCancelled;
import io.pilotage.interventions.InterventionEvent.InterventionMadeSafe;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionEvent.InterventionTimeCorrected;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The delay KPI of a month, fed the events the aggregates write, each with its position and recorded time: figures
 * equal to a calculation by hand, priced under the terms each intervention opened under, and the month as it was
 * known before a correction reproduced exactly.
 */
class DelayKpiProjectionTest {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    static final YearMonth MARCH = YearMonth.of(2026, 3);
    static final Instant REPORTED = Instant.parse("2026-04-01T00:00:00Z");
    static final Terms SIGNED = Terms.REFERENCE;

    DelayKpiProjection projection;
    ContractTermsProjection terms;
    long position;

    @BeforeEach
    void setUp() {
        database.truncate();
        projection = new DelayKpiProjection(database.jdbc(), Clock.fixed(REPORTED, ZoneOffset.UTC));
        terms = new ContractTermsProjection(database.jdbc());
        position = 0;
        terms.on(new ContractSigned("contract", SIGNED, Instant.parse("2020-01-01T00:00:00Z"), at("2020-01-01T00:00:00Z")),
                at("2020-01-01T00:00:00Z"));
        terms.on(new ContractAmended("contract", 2, at("2026-03-15T00:00:00Z"), SIGNED.amendedBy(P3_IN_48H), "Amendment 1",
                at("2026-03-14T09:00:00Z")), at("2026-03-14T09:00:00Z"));
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private GlobalSequenceTrackingToken next() {
        return new GlobalSequenceTrackingToken(++position);
    }

    private void opened(String id, Priority priority, Commune commune, int termsVersion, String openedAt) {
        Terms used = termsVersion == 1 ? SIGNED : SIGNED.amendedBy(P3_IN_48H);
        projection.on(new InterventionOpened(id, InterventionSource.LAMP_FAILURE, "F-" + id, "LP-" + id, Category.LIGHTING,
                commune, new GeoPosition(47.32, 5.04), priority, used.deadlinesFor(priority), termsVersion, at(openedAt)),
                at(openedAt), next());
    }

    private void resolved(String id, String when) {
        projection.on(new InterventionResolved(id, Resolution.REPAIRED, InterventionSource.LAMP_FAILURE, "F-" + id, "LP-" + id,
                "CREW-1", at(when), List.of()), at(when), next());
    }

    static final TermsChange P3_IN_48H = new TermsChange(Map.of(Priority.P3, new ContractDeadlines(null, Duration.ofHours(48))),
            Map.of(Priority.P3, new PenaltyRate(8_000, 100_000)), null, null, null, null);

    /**
     * March, by hand (rates: P1 EUR 500/h, P3 EUR 50/h under version 1; P3 EUR 80/h and 48 h under version 2 from 15 March):
     * A P3 opened 2 March 08:00, resolved 4 March: within. B P3 opened 10 March 08:00, paused 10:00-12:00, due 13 March
     * 10:00, resolved 13 March 12:30: 2 h 30 late, 3 started hours, EUR 150. C P1 opened 20 March 20:00, made safe 23:10
     * (due 22:00: 1 h 10 late, 2 started hours, EUR 1,000), resolved 21 March 12:00: repaired within 24 h, late overall.
     * D P3 opened 16 March 09:00 under version 2 (48 h): due 18 March 09:00, resolved 18 March 13:00: 4 started hours at
     * EUR 80 = EUR 320. E P2 opened 30 March 12:00, due 31 March 12:00, not resolved at 1 April 00:00 UTC: 12 h late,
     * EUR 1,800 so far (provisional). F P3 cancelled: not counted. Total EUR 3,270.
     */
    private void scriptedMarch() {
        opened("A", Priority.P3, Commune.DIJON, 1, "2026-03-02T08:00:00Z");
        resolved("A", "2026-03-04T08:00:00Z");
        opened("B", Priority.P3, Commune.DIJON, 1, "2026-03-10T08:00:00Z");
        projection.on(new ClockPaused("B", PauseReason.ACCESS_IMPOSSIBLE, at("2026-03-10T10:00:00Z")), at("2026-03-10T10:00:00Z"), next());
        projection.on(new ClockResumed("B", Duration.ofHours(2), at("2026-03-10T12:00:00Z")), at("2026-03-10T12:00:00Z"), next());
        resolved("B", "2026-03-13T12:30:00Z");
        opened("C", Priority.P1, Commune.CHENOVE, 1, "2026-03-20T20:00:00Z");
        projection.on(new InterventionMadeSafe("C", at("2026-03-20T23:10:00Z")), at("2026-03-20T23:10:00Z"), next());
        resolved("C", "2026-03-21T12:00:00Z");
        opened("D", Priority.P3, Commune.DIJON, 2, "2026-03-16T09:00:00Z");
        resolved("D", "2026-03-18T13:00:00Z");
        opened("E", Priority.P2, Commune.DIJON, 1, "2026-03-30T12:00:00Z");
        opened("F", Priority.P3, Commune.DIJON, 1, "2026-03-05T12:00:00Z");
        projection.on(new InterventionCancelled("F", "duplicate", null, at("2026-03-05T13:00:00Z")), at("2026-03-05T13:00:00Z"), next());
    }

    @Test
    void givenAScriptedMarch_whenTheKpiIsAsked_thenItsFiguresEqualTheCalculationByHand() {
        scriptedMarch();

        DelayKpi kpi = projection.handle(new FindDelayKpi(MARCH, null, REPORTED));

        assertThat(kpi.penaltyCents()).isEqualTo(327_000);
        assertThat(kpi.penalties()).extracting(PenaltyLine::interventionId, PenaltyLine::step, PenaltyLine::lateSeconds,
                PenaltyLine::startedHours, PenaltyLine::amountCents, PenaltyLine::provisional).containsExactly(
                org.assertj.core.groups.Tuple.tuple("B", DeadlineKind.REPAIR, 9_000L, 3L, 15_000L, false),
                org.assertj.core.groups.Tuple.tuple("C", DeadlineKind.MAKE_SAFE, 4_200L, 2L, 100_000L, false),
                org.assertj.core.groups.Tuple.tuple("D", DeadlineKind.REPAIR, 14_400L, 4L, 32_000L, false),
                org.assertj.core.groups.Tuple.tuple("E", DeadlineKind.REPAIR, 43_200L, 12L, 180_000L, true));
        DelayLine total = kpi.total();
        assertThat(List.of(total.due(), total.within(), total.late(), total.overdue(), total.pending())).containsExactly(5L, 1L, 3L, 1L, 0L);
        assertThat(total.complianceRate()).isEqualByComparingTo("0.2000");
        // Repair times net of pauses: A 48 h, B 74.5 h, C 16 h, D 52 h: mean 47.625 h = 2857.5 min; p95 = the largest.
        assertThat(total.meanMinutesToRepair()).isEqualByComparingTo("2857.5");
        assertThat(total.p95MinutesToRepair()).isEqualByComparingTo("4470.0");
        assertThat(total.meanMinutesToMakeSafe()).isEqualByComparingTo("190.0");
        assertThat(kpi.lines()).extracting(DelayLine::priority).containsExactly(Priority.P1, Priority.P2, Priority.P3);
        assertThat(kpi.penalties().get(0).evidence()).hasSize(4);
    }

    /** docs/contract.md states the example's penalty lines; they must be what the read model gives. */
    @Test
    void givenTheWorkedExampleOfTheDocs_whenTheKpiIsAsked_thenItGivesTheLinesTheDocsState() throws java.io.IOException {
        scriptedMarch();
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/contract.md"));
        String table = doc.substring(doc.indexOf("<!-- delay-example -->"), doc.indexOf("<!-- /delay-example -->"));
        List<List<String>> rows = table.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| intervention")
                && !line.startsWith("| ---")).map(line -> java.util.Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                .map(String::trim).toList()).toList();

        DelayKpi kpi = projection.handle(new FindDelayKpi(MARCH, null, REPORTED));

        List<List<String>> lines = rows.subList(0, rows.size() - 1);
        assertThat(kpi.penalties()).hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            List<String> expected = lines.get(i);
            PenaltyLine actual = kpi.penalties().get(i);
            assertThat(List.of(actual.interventionId(), actual.step().name(), String.valueOf(actual.startedHours()),
                    String.valueOf(actual.centsPerStartedHour() / 100), euros(actual.amountCents()), actual.provisional() ? "yes" : "no"))
                    .isEqualTo(List.of(expected.get(0), expected.get(1), expected.get(3), expected.get(4), expected.get(5), expected.get(6)));
        }
        assertThat(euros(kpi.penaltyCents())).isEqualTo(rows.get(rows.size() - 1).get(5));
    }

    private static String euros(long cents) {
        java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.UK));
        return format.format(cents / 100.0);
    }

    @Test
    void givenACorrectionRecordedAfterTheReport_whenAskedAsOfTheReport_thenTheFirstFigureIsReproduced_andNowTheCorrectedOne() {
        scriptedMarch();
        Instant correctedAt = at("2026-04-03T09:00:00Z");
        projection.on(new InterventionTimeCorrected("B", CorrectableStep.RESOLVED, at("2026-03-13T12:30:00Z"),
                at("2026-03-13T10:30:00Z"), "crew pressed late", correctedAt), correctedAt, next());

        DelayKpi asReported = projection.handle(new FindDelayKpi(MARCH, null, REPORTED));
        DelayKpi corrected = projection.handle(new FindDelayKpi(MARCH, null, at("2026-04-05T00:00:00Z")));

        assertThat(asReported.penalties()).filteredOn(p -> p.interventionId().equals("B"))
                .extracting(PenaltyLine::amountCents).containsExactly(15_000L);
        assertThat(corrected.penalties()).filteredOn(p -> p.interventionId().equals("B"))
                .extracting(PenaltyLine::amountCents).containsExactly(5_000L);
        assertThat(asReported.penaltyCents()).isEqualTo(327_000);
        // E, still open, has reached the P2 cap of EUR 3,000 by 5 April.
        assertThat(corrected.penaltyCents()).isEqualTo(5_000 + 100_000 + 32_000 + 300_000);
    }

    @Test
    void givenEventsSeenTwice_whenTheKpiIsAsked_thenEachCountsOnce() {
        opened("A", Priority.P3, Commune.DIJON, 1, "2026-03-02T08:00:00Z");
        GlobalSequenceTrackingToken resolution = next();
        InterventionResolved resolvedEvent = new InterventionResolved("A", Resolution.REPAIRED, InterventionSource.LAMP_FAILURE,
                "F-A", "LP-A", "CREW-1", at("2026-03-06T08:00:00Z"), List.of());
        projection.on(resolvedEvent, at("2026-03-06T08:00:00Z"), resolution);
        projection.on(resolvedEvent, at("2026-03-06T08:00:00Z"), resolution);
        opened("A", Priority.P3, Commune.DIJON, 1, "2026-03-02T08:00:00Z");

        DelayKpi kpi = projection.handle(new FindDelayKpi(MARCH, null, null));

        assertThat(kpi.total().due()).isEqualTo(1);
        assertThat(kpi.penalties()).singleElement().extracting(PenaltyLine::evidence).isEqualTo(List.of(1L, 2L));
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM rm_contract_delay", Long.class)).isEqualTo(2);
    }

    @Test
    void givenACommune_whenTheKpiIsAsked_thenOnlyItsInterventionsCount() {
        scriptedMarch();

        DelayKpi chenove = projection.handle(new FindDelayKpi(MARCH, Commune.CHENOVE, REPORTED));

        assertThat(chenove.total().due()).isEqualTo(1);
        assertThat(chenove.penaltyCents()).isEqualTo(100_000);
    }
}
