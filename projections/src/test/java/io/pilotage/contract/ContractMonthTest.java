package io.pilotage.contract;

import static io.pilotage.EventFeed.tracked;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReadModelDatabase;
import io.pilotage.contract.AvailabilityQueries.AvailabilityKpi;
import io.pilotage.contract.AvailabilityQueries.FindAvailabilityKpi;
import io.pilotage.contract.ContractEvent.ContractAmended;
import io.pilotage.contract.ContractEvent.ContractSigned;
import io.pilotage.contract.DelayQueries.DelayKpi;
import io.pilotage.contract.DelayQueries.FindDelayKpi;
import io.pilotage.contract.DelayQueries.PenaltyLine;
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
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
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
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One scripted month, March 2026 in Dijon, through every KPI read model at once, as the event processors would feed
 * them: two light points on one cabinet, its energy baseline and readings, two lamp failures and their interventions
 * (one paused, its deadline missed, resolved late), an amendment taking effect mid-month, and on 3 April two
 * corrections (a reading and the late resolution's time). Every figure is worked out by hand in the comments; asked
 * as of 1 April the month gives its first figures exactly, asked now the corrected ones.
 */
class ContractMonthTest {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    static final YearMonth MARCH = YearMonth.of(2026, 3);
    static final Instant MARCH_START = Instant.parse("2026-02-28T23:00:00Z");
    static final Instant MARCH_END = Instant.parse("2026-03-31T22:00:00Z");
    static final Instant PUBLISHED = Instant.parse("2026-04-01T06:00:00Z");
    static final Instant CORRECTED = Instant.parse("2026-04-03T09:00:00Z");
    static final Instant NOW = Instant.parse("2026-04-10T00:00:00Z");
    static final CabinetId CABINET = new CabinetId("CAB-M1");
    static final GeoPosition HERE = new GeoPosition(47.32, 5.04);
    static final List<BigDecimal> HOURS = List.of(400, 340, 320, 270, 230, 200, 210, 250, 290, 340, 370, 410).stream()
            .map(h -> BigDecimal.valueOf(h).setScale(2)).toList();

    static final Terms SIGNED = Terms.REFERENCE;
    /** Amendment 1, recorded 10 March, in force from 15 March: P3 within 48 h at EUR 80 an hour, capped at EUR 1,000; 70%. */
    static final Terms AMENDED = SIGNED.amendedBy(new TermsChange(Map.of(Priority.P3, new ContractDeadlines(null, Duration.ofHours(48))),
            Map.of(Priority.P3, new PenaltyRate(8_000, 100_000)), new BigDecimal("0.70"), null, null, null));

    DelayKpiProjection delays;
    AvailabilityKpiProjection availability;
    EnergySavingsProjection energy;
    List<EventFeed> feeds;

    @BeforeEach
    void setUp() {
        database.truncate();
        ContractTermsProjection terms = new ContractTermsProjection(database.jdbc());
        Clock now = Clock.fixed(NOW, ZoneOffset.UTC);
        delays = new DelayKpiProjection(database.jdbc(), now);
        availability = new AvailabilityKpiProjection(database.jdbc(), now, terms);
        energy = new EnergySavingsProjection(database.jdbc(), terms);
        feeds = List.of(new EventFeed(terms), new EventFeed(delays), new EventFeed(availability), new EventFeed(energy));
        feeds.forEach(feed -> feed.apply(trackedMonth()));
    }

    /** The month as a tracking processor receives it, positions from 1. */
    static List<Object> trackedMonth() {
        List<Object> month = month();
        List<Object> tracked = new ArrayList<>();
        for (int i = 0; i < month.size(); i += 2) {
            tracked.add(tracked(i / 2 + 1, (Instant) month.get(i), month.get(i + 1)));
        }
        return tracked;
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** The month's events in the order they were recorded: each recorded time followed by the event. */
    static List<Object> month() {
        Instant opened = at("2026-03-16T18:00:00Z");
        return List.of(
                at("2020-01-01T00:00:00Z"), new ContractSigned("contract", SIGNED, at("2020-01-01T00:00:00Z"), at("2020-01-01T00:00:00Z")),
                at("2026-01-05T10:00:00Z"), point("LP-A"),
                at("2026-01-05T10:00:01Z"), point("LP-B"),
                at("2026-01-10T09:00:00Z"), new EnergyBaselineAgreed(CABINET.value(), 1, BaselineMethod.A, YearMonth.of(2026, 1), HOURS,
                        2_000, null, "legacy survey", at("2026-01-10T09:00:00Z")),
                at("2026-02-20T09:00:00Z"), new EnergyBaselineAdjusted(CABINET.value(), 1, MARCH, AdjustmentKind.POINTS_ADDED, 300, null,
                        "new street", at("2026-02-20T09:00:00Z")),
                at("2026-03-05T20:00:00Z"), failure("LP-B", "F-B", "2026-03-05T20:00:00Z"),
                at("2026-03-05T20:00:01Z"), opening("F-B", 1, SIGNED, "2026-03-05T20:00:00Z"),
                at("2026-03-06T10:00:00Z"), resolution("F-B", "2026-03-06T10:00:00Z"),
                at("2026-03-06T10:00:01Z"), new LampRepaired(new LightPointId("LP-B"), "F-B", FailureKind.LAMP_FAILURE, at("2026-03-06T10:00:00Z")),
                at("2026-03-10T09:00:00Z"), new ContractAmended("contract", 2, at("2026-03-15T00:00:00Z"), AMENDED, "Amendment 1",
                        at("2026-03-10T09:00:00Z")),
                at("2026-03-11T00:05:00Z"), reading(0, 10),
                at("2026-03-16T18:00:00Z"), failure("LP-A", "F-A", "2026-03-16T18:00:00Z"),
                at("2026-03-16T18:00:01Z"), opening("F-A", 2, AMENDED, "2026-03-16T18:00:00Z"),
                at("2026-03-17T08:00:00Z"), new ClockPaused("INT-F-A", PauseReason.ACCESS_IMPOSSIBLE, at("2026-03-17T08:00:00Z")),
                at("2026-03-17T12:00:00Z"), new ClockResumed("INT-F-A", Duration.ofHours(4), at("2026-03-17T12:00:00Z")),
                at("2026-03-18T22:00:05Z"), new DeadlineMissed("INT-F-A", DeadlineKind.REPAIR, at("2026-03-18T22:00:00Z"),
                        Duration.ofSeconds(5), at("2026-03-18T22:00:05Z")),
                at("2026-03-19T09:30:00Z"), resolution("F-A", "2026-03-19T09:30:00Z"),
                at("2026-03-19T09:30:01Z"), new LampRepaired(new LightPointId("LP-A"), "F-A", FailureKind.LAMP_FAILURE, at("2026-03-19T09:30:00Z")),
                at("2026-03-21T00:05:00Z"), reading(10, 20),
                at("2026-04-01T00:05:00Z"), reading(20, 31),
                CORRECTED, new EnergyReadingCorrected(CABINET, Commune.DIJON, MARCH_START, MARCH_START.plus(Duration.ofDays(10)),
                        100_000, 80_000, "meter constant mis-set", CORRECTED),
                CORRECTED.plusSeconds(60), new InterventionTimeCorrected("INT-F-A", CorrectableStep.RESOLVED,
                        at("2026-03-19T09:30:00Z"), at("2026-03-19T07:45:00Z"), "crew pressed late", CORRECTED.plusSeconds(60)));
    }

    static LightPointRegistered point(String id) {
        return new LightPointRegistered(new LightPointId(id), Commune.DIJON, HERE, CABINET, 40, 150, LampTechnology.LED,
                at("2026-01-05T10:00:00Z"));
    }

    static LampFailureReported failure(String point, String failureId, String observed) {
        return new LampFailureReported(new LightPointId(point), failureId, FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY,
                at(observed), at(observed), CABINET, Commune.DIJON, HERE);
    }

    static InterventionOpened opening(String failureId, int version, Terms terms, String openedAt) {
        return new InterventionOpened("INT-" + failureId, InterventionSource.LAMP_FAILURE, failureId, "LP-" + failureId.substring(2),
                Category.LIGHTING, Commune.DIJON, HERE, Priority.P3, terms.deadlinesFor(Priority.P3), version, at(openedAt));
    }

    static InterventionResolved resolution(String failureId, String when) {
        return new InterventionResolved("INT-" + failureId, Resolution.REPAIRED, InterventionSource.LAMP_FAILURE, failureId,
                "LP-" + failureId.substring(2), "CREW-1", at(when), List.of());
    }

    /** A reading from day {@code from} to day {@code to} of March (Paris), 100,000 Wh. */
    static EnergyReadingRecorded reading(int from, int to) {
        Instant start = MARCH_START.plus(Duration.ofDays(from));
        Instant end = to == 31 ? MARCH_END : MARCH_START.plus(Duration.ofDays(to));
        return new EnergyReadingRecorded(CABINET, Commune.DIJON, start, end, 100_000, end.plusSeconds(300));
    }

    @Test
    void givenTheMonthAsPublishedOn1April_thenEveryKpiIsTheCalculationByHand() {
        // Energy: baseline (2,000 + 300 W) x 320 h = 736,000 Wh; measured 3 x 100,000 = 300,000 Wh;
        // savings (736,000 - 300,000) / 736,000 = 0.5924; target 0.70 (amendment in force at the month's end): missed.
        EnergySavings savings = energy.handle(new FindEnergySavings(MARCH, Commune.DIJON, PUBLISHED));
        assertThat(savings.baselineWh()).isEqualTo(736_000);
        assertThat(savings.measuredWh()).isEqualTo(300_000);
        assertThat(savings.savings()).isEqualByComparingTo("0.5924");
        assertThat(savings.target()).isEqualByComparingTo("0.70");
        assertThat(savings.meetsTarget()).isFalse();

        // Delays: F-B (P3, v1, 72 h) resolved after 14 h: within. F-A (P3, v2, 48 h) opened 16 March 18:00, paused 4 h,
        // due 18 March 22:00, resolved 19 March 09:30: 11 h 30 late, 12 started hours x EUR 80 = EUR 960 (cap EUR 1,000).
        DelayKpi late = delays.handle(new FindDelayKpi(MARCH, Commune.DIJON, PUBLISHED));
        assertThat(late.total().due()).isEqualTo(2);
        assertThat(late.total().within()).isEqualTo(1);
        assertThat(late.total().late()).isEqualTo(1);
        assertThat(late.total().complianceRate()).isEqualByComparingTo("0.5000");
        assertThat(late.penalties()).singleElement().satisfies(line -> {
            assertThat(line.interventionId()).isEqualTo("INT-F-A");
            assertThat(line.termsVersion()).isEqualTo(2);
            assertThat(line.dueAt()).isEqualTo(at("2026-03-18T22:00:00Z"));
            assertThat(line.lateSeconds()).isEqualTo(11 * 3600 + 1800);
            assertThat(line.amountCents()).isEqualTo(96_000);
            assertThat(line.evidence()).hasSize(5);
        });
        // Repair times net of pauses: F-B 14 h, F-A 63 h 30 - 4 h = 59 h 30: mean 36 h 45 = 2,205 min.
        assertThat(late.total().meanMinutesToRepair()).isEqualByComparingTo("2205.0");

        // Availability: both points all month; dark burning hours of B (5 March 20:00 to 6 March 10:00) and of A
        // (16 March 18:00 to 19 March 09:30) over twice the month's burning hours; no point failing at the month's end.
        AvailabilityKpi lit = availability.handle(new FindAvailabilityKpi(MARCH, Commune.DIJON, PUBLISHED));
        BurningSchedule schedule = BurningSchedule.METROPOLE;
        Duration dark = schedule.burningWithin(at("2026-03-05T20:00:00Z"), at("2026-03-06T10:00:00Z"))
                .plus(schedule.burningWithin(at("2026-03-16T18:00:00Z"), at("2026-03-19T09:30:00Z")));
        Duration scheduled = schedule.burningWithin(MARCH_START, MARCH_END).multipliedBy(2);
        assertThat(lit.availability()).isEqualByComparingTo(BigDecimal.ONE.subtract(BigDecimal.valueOf(dark.toMillis())
                .divide(BigDecimal.valueOf(scheduled.toMillis()), 4, RoundingMode.HALF_EVEN)));
        assertThat(lit.availability()).isBetween(new BigDecimal("0.93"), new BigDecimal("0.95"));
        assertThat(lit.failureRate()).isEqualByComparingTo("0");
        assertThat(lit.termsVersion()).isEqualTo(2);
    }

    @Test
    void givenTheCorrectionsOf3April_whenAskedNow_thenTheCorrectedFigures_andAsOf1AprilStillThePublishedOnes() {
        // The first reading corrected to 80,000 Wh: measured 280,000; savings (736,000 - 280,000) / 736,000 = 0.6196.
        // F-A resolved at 07:45 instead of 09:30: 9 h 45 late, 10 started hours x EUR 80 = EUR 800.
        EnergySavings savings = energy.handle(new FindEnergySavings(MARCH, Commune.DIJON, null));
        DelayKpi late = delays.handle(new FindDelayKpi(MARCH, Commune.DIJON, null));

        assertThat(savings.measuredWh()).isEqualTo(280_000);
        assertThat(savings.savings()).isEqualByComparingTo("0.6196");
        assertThat(late.penalties()).extracting(PenaltyLine::amountCents).containsExactly(80_000L);
        assertThat(late.penalties().get(0).evidence()).hasSize(6);

        EnergySavings published = energy.handle(new FindEnergySavings(MARCH, Commune.DIJON, PUBLISHED));
        DelayKpi publishedDelays = delays.handle(new FindDelayKpi(MARCH, Commune.DIJON, PUBLISHED));
        assertThat(published.savings()).isEqualByComparingTo("0.5924");
        assertThat(publishedDelays.penaltyCents()).isEqualTo(96_000);
        assertThat(delays.handle(new FindDelayKpi(MARCH, Commune.DIJON, CORRECTED.plusSeconds(30))).penaltyCents())
                .as("between the two corrections").isEqualTo(96_000);
    }
}
