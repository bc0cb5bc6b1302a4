package io.pilotage;

import io.pilotage.crews.CrewEvent.CrewCommitted;
import io.pilotage.crews.CrewEvent.CrewPositionReported;
import io.pilotage.crews.CrewEvent.CrewRegistered;
import io.pilotage.crews.CrewEvent.CrewReleased;
import io.pilotage.crews.CrewEvent.ShiftPlanned;
import io.pilotage.shared.Skill;
import io.pilotage.contract.ContractCommands;
import io.pilotage.contract.ContractEvent.ContractAmended;
import io.pilotage.contract.ContractEvent.ContractSigned;
import io.pilotage.contract.PenaltyRate;
import io.pilotage.contract.Terms;
import io.pilotage.contract.TermsChange;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.CorrectableStep;
import io.pilotage.interventions.InterventionEvent.InterventionTimeCorrected;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.DeadlineKind;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.AssetClaimEvent.AssetClaimReleased;
import io.pilotage.interventions.AssetClaimEvent.AssetClaimed;
import io.pilotage.interventions.InterventionEvent;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.FaultAttached;
import io.pilotage.interventions.InterventionEvent.CrewArrived;
import io.pilotage.interventions.InterventionEvent.CrewAssigned;
import io.pilotage.interventions.InterventionEvent.CrewDeparted;
import io.pilotage.interventions.InterventionEvent.DeadlineMissed;
import io.pilotage.interventions.InterventionEvent.InterventionCancelled;
import io.pilotage.interventions.InterventionEvent.InterventionClosed;
import io.pilotage.interventions.InterventionEvent.InterventionMadeSafe;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionQualified;
import io.pilotage.interventions.InterventionEvent.InterventionReopened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import io.pilotage.lighting.CabinetEvent.CabinetRegistered;
import io.pilotage.lighting.CabinetEvent.EnergyReadingCorrected;
import io.pilotage.lighting.CabinetEvent.EnergyReadingRecorded;
import io.pilotage.contract.AdjustmentKind;
import io.pilotage.contract.BaselineMethod;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAdjusted;
import io.pilotage.contract.EnergyBaselineEvent.EnergyBaselineAgreed;
import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.DimmingProgram;
import io.pilotage.lighting.DimmingStep;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.ImportFormat;
import io.pilotage.lighting.ImportRowError;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportAbandoned;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportCompleted;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportProgressed;
import io.pilotage.lighting.InventoryImportEvent.InventoryImportStarted;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPointEvent.DimmingProgramApplied;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.lighting.LightPointId;
import io.pilotage.reports.ErasureReason;
import io.pilotage.reports.PersonalDetails;
import io.pilotage.reports.ReportChannel;
import io.pilotage.reports.ReporterEvent.ReporterErased;
import io.pilotage.reports.ReporterEvent.ReporterRequestClosed;
import io.pilotage.reports.ReporterEvent.ReporterRequestRecorded;
import io.pilotage.reports.ReporterId;
import io.pilotage.reports.RequestPriority;
import io.pilotage.reports.RequestStatus;
import io.pilotage.reports.Sealed;
import io.pilotage.reports.ServiceCode;
import io.pilotage.reports.ServiceRequestEvent.AssetLinked;
import io.pilotage.reports.ServiceRequestEvent.InterventionLinked;
import io.pilotage.reports.ServiceRequestEvent.PublicUpdatePublished;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestClosed;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestMarkedDuplicate;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestQualified;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestReported;
import io.pilotage.reports.ServiceRequestId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.traffic.Conflict;
import io.pilotage.traffic.ControllerFaultKind;
import io.pilotage.traffic.ControllerMode;
import io.pilotage.traffic.IntersectionEvent.ConflictingGreensDetected;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultCleared;
import io.pilotage.traffic.IntersectionEvent.ControllerFaultRaised;
import io.pilotage.traffic.IntersectionEvent.ControllerModeChanged;
import io.pilotage.traffic.IntersectionEvent.IntersectionRegistered;
import io.pilotage.traffic.IntersectionEvent.SignalGroupPhaseChanged;
import io.pilotage.traffic.IntersectionEvent.TimingPlanChanged;
import io.pilotage.traffic.PriorityRejection;
import io.pilotage.traffic.PriorityRequestEvent.PriorityCheckedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityGranted;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRejected;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequestTimedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequested;
import io.pilotage.traffic.PriorityRequestId;
import io.pilotage.traffic.IntersectionId;
import io.pilotage.traffic.MovementPhaseState;
import io.pilotage.traffic.SignalGroup;
import io.pilotage.traffic.TerminationCause;
import io.pilotage.traffic.TimingPlan;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sample of every event type, in its current revision, with every field set: {@link StoredEventsTest}
 * compares what the serializer makes of it with the JSON pinned under {@code stored-events/}. An event type
 * added to a sealed interface needs a sample here, and changing a sample means a new pinned file.
 */
final class StoredEventSamples {

    static final Instant AT = Instant.parse("2026-11-02T17:00:00Z");
    static final LightPointId LIGHT_POINT = new LightPointId("LP-DIJ-000123");
    static final CabinetId CABINET = new CabinetId("CAB-DIJ-0042");
    static final GeoPosition POSITION = new GeoPosition(47.3216, 5.0415);
    static final ServiceRequestId REQUEST = new ServiceRequestId("SR-3F2A9C1B7D4E");
    static final ReporterId REPORTER = new ReporterId("RPT-9C1B7D4E3F2A");
    static final IntersectionId INTERSECTION = new IntersectionId("TL-DIJ-042");
    static final PriorityRequestId PRIORITY_REQUEST = new PriorityRequestId("BUS-1042-000317");

    static final List<BigDecimal> HOURS = java.util.stream.Stream.of("400", "340", "320", "270", "230", "200", "210",
            "250", "290", "340", "370", "410.50").map(BigDecimal::new).map(h -> h.setScale(2)).toList();

    private StoredEventSamples() {
    }

    static Map<Class<?>, Object> all() {
        Map<Class<?>, Object> samples = new LinkedHashMap<>();
        for (Object sample : List.of(
                new LightPointRegistered(LIGHT_POINT, Commune.DIJON, POSITION, CABINET, 40, 150, LampTechnology.LED, AT),
                new LampFailureReported(LIGHT_POINT, "F-7f3a", FailureKind.LAMP_FAILURE, FailureSource.TELEMETRY,
                        AT.minusSeconds(30), AT, CABINET, Commune.DIJON, POSITION),
                new LampRepaired(LIGHT_POINT, "F-7f3a", FailureKind.LAMP_FAILURE, AT.plusSeconds(7200)),
                new DimmingProgramApplied(LIGHT_POINT, new DimmingProgram("night-50", List.of(
                        new DimmingStep(DimmingStep.Anchor.SUNSET, null, -15, 100),
                        new DimmingStep(DimmingStep.Anchor.FIXED_TIME, LocalTime.of(23, 30), 0, 50),
                        new DimmingStep(DimmingStep.Anchor.SUNRISE, null, 10, 0))), AT),
                new LightPointDecommissioned(LIGHT_POINT, "column removed for roadworks", List.of("F-7f3a", "F-8b21"), AT),

                new CabinetRegistered(CABINET, Commune.DIJON, AT),
                new EnergyReadingRecorded(CABINET, Commune.DIJON, AT, AT.plusSeconds(900), 1_250, AT.plusSeconds(905)),
                new EnergyReadingCorrected(CABINET, Commune.DIJON, AT, AT.plusSeconds(900), 1_250, 125,
                        "meter constant mis-set", AT.plusSeconds(86_400)),
                new EnergyBaselineAgreed(CABINET.value(), 1, BaselineMethod.B, YearMonth.of(2026, 1), HOURS, null,
                        List.of(500_000L, 450_000L, 420_000L, 360_000L, 310_000L, 270_000L, 280_000L, 330_000L, 380_000L,
                                440_000L, 300_000L, 520_000L), "metered reference year 2025", AT),
                new EnergyBaselineAdjusted(CABINET.value(), 3, YearMonth.of(2026, 12), AdjustmentKind.BURNING_HOURS_CHANGED, 0,
                        HOURS, "new switching schedule", AT),

                new InventoryImportStarted("IMP-2026-11-02-1", ImportFormat.CSV, "inventaire-dijon.csv",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 2_000, AT),
                new InventoryImportProgressed("IMP-2026-11-02-1", 500, 480, 15, 5,
                        List.of(new ImportRowError(17, "LP-DIJ-000017", "latitude", "must be a WGS84 latitude between -90 and 90")),
                        AT.plusSeconds(12)),
                new InventoryImportCompleted("IMP-2026-11-02-1", 2_000, 1_950, 40, 10, AT.plusSeconds(48)),
                new InventoryImportAbandoned("IMP-2026-11-02-1", "node stopped during the import", AT.plusSeconds(30)),

                new InterventionOpened("INT-000001", InterventionSource.LAMP_FAILURE, "F-7f3a", "LP-DIJ-000123",
                        Category.LIGHTING, Commune.DIJON, POSITION, Priority.P1,
                        new ContractDeadlines(Duration.ofHours(2), Duration.ofHours(24)), 2, AT),
                new InterventionTimeCorrected("INT-000001", CorrectableStep.RESOLVED, AT.plusSeconds(3600), AT.plusSeconds(3000),
                        "tablet clock ten minutes ahead", AT.plusSeconds(90_000)),
                new ContractSigned(ContractCommands.CONTRACT_ID, Terms.REFERENCE, Instant.parse("2020-01-01T00:00:00Z"), AT),
                new ContractAmended(ContractCommands.CONTRACT_ID, 2, Instant.parse("2026-12-01T00:00:00Z"),
                        Terms.REFERENCE.amendedBy(new TermsChange(Map.of(Priority.P3, new ContractDeadlines(null, Duration.ofHours(48))),
                                Map.of(Priority.P3, new PenaltyRate(7_500, 150_000)), new BigDecimal("0.7"), null, null,
                                EnumSet.of(PauseReason.ACCESS_IMPOSSIBLE, PauseReason.SNOW_PLAN_ACTIVE))),
                        "Amendment 2: P3 repair within 48 h", AT.plusSeconds(60)),
                new InterventionQualified("INT-000001", Priority.P3, Category.LIGHTING,
                        new ContractDeadlines(null, Duration.ofHours(72)), "single lamp out, no danger", AT.plusSeconds(300)),
                new CrewAssigned("INT-000001", "CREW-07", true, AT.plusSeconds(600)),
                new CrewDeparted("INT-000001", "CREW-07", AT.plusSeconds(900)),
                new CrewArrived("INT-000001", "CREW-07", AT.plusSeconds(1800)),
                new InterventionMadeSafe("INT-000001", AT.plusSeconds(2400)),
                new InterventionResolved("INT-000001", Resolution.REPAIRED, InterventionSource.LAMP_FAILURE, "F-7f3a",
                        "LP-DIJ-000123", "CREW-07", AT.plusSeconds(3600),
                        List.of(new InterventionEvent.AttachedFault("LP-DIJ-000124", "F-8b21"))),
                new FaultAttached("INT-000001", "LP-DIJ-000124", "F-8b21", AT.plusSeconds(120)),
                new AssetClaimed("asset-claim:LP-DIJ-000123", "LP-DIJ-000123", "INT-000001", null, AT),
                new AssetClaimReleased("asset-claim:LP-DIJ-000123", "LP-DIJ-000123", "INT-000001", AT.plusSeconds(5)),
                new InterventionClosed("INT-000001", AT.plusSeconds(86_400)),
                new InterventionReopened("INT-000001", "lamp out again the next night", AT.plusSeconds(90_000)),
                new InterventionCancelled("INT-000001", "duplicate of INT-000002", "CREW-07", AT.plusSeconds(700)),
                new ClockPaused("INT-000001", PauseReason.ACCESS_IMPOSSIBLE, AT.plusSeconds(1000)),
                new ClockResumed("INT-000001", Duration.ofMinutes(20), AT.plusSeconds(2200)),
                new DeadlineMissed("INT-000001", DeadlineKind.MAKE_SAFE, AT.plusSeconds(7200), Duration.ofSeconds(95),
                        AT.plusSeconds(7295)),

                new CrewRegistered("CREW-07", Set.of(Skill.LIGHTING), "VAN-12", AT),
                new ShiftPlanned("CREW-07", AT, AT.plus(Duration.ofHours(8))),
                new CrewPositionReported("CREW-07", POSITION, AT.plusSeconds(60)),
                new CrewCommitted("CREW-07", "INT-000001", false, AT.plusSeconds(600)),
                new CrewReleased("CREW-07", "INT-000001", AT.plusSeconds(3600)),

                new ServiceRequestReported(REQUEST, REPORTER, ReportChannel.PHONE, ServiceCode.STREET_LIGHT_OUT, POSITION,
                        "12 rue de la Liberté", Commune.DIJON, "LP-DIJ-000123",
                        new PersonalDetails(new Sealed(REPORTER, "bm9uY2UtYW5kLWNpcGhlcnRleHQ="), null,
                                new Sealed(REPORTER, "c2VhbGVkLWVtYWls"), null, new Sealed(REPORTER, "c2VhbGVkLWRlc2NyaXB0aW9u")),
                        "https://photos.example/lamp.jpg", AT),
                new ServiceRequestQualified(REQUEST, ServiceCode.POTHOLE, RequestPriority.P3, POSITION, Commune.DIJON, null,
                        "INT-CIT-SR-3F2A9C1B7D4E", AT.plusSeconds(60)),
                new ServiceRequestMarkedDuplicate(REQUEST, REPORTER, new ServiceRequestId("SR-0A1B2C3D4E5F"), AT.plusSeconds(90)),
                new AssetLinked(REQUEST, "LP-DIJ-000123", AT.plusSeconds(120)),
                new InterventionLinked(REQUEST, "INT-CIT-SR-3F2A9C1B7D4E", AT.plusSeconds(180)),
                new PublicUpdatePublished(REQUEST, RequestStatus.ACTION_SCHEDULED, "A crew is scheduled for tomorrow.",
                        AT.plusSeconds(240)),
                new ServiceRequestClosed(REQUEST, REPORTER, RequestStatus.FIXED, "The street light was repaired.",
                        AT.plusSeconds(86_400)),
                new ReporterRequestRecorded(REPORTER, REQUEST, AT),
                new ReporterRequestClosed(REPORTER, REQUEST, AT.plusSeconds(86_400), AT.plusSeconds(86_400 * 366L)),
                new ReporterErased(REPORTER, ErasureReason.REQUEST, AT.plusSeconds(90_000)),

                new IntersectionRegistered(INTERSECTION, Commune.DIJON, POSITION,
                        List.of(new SignalGroup(1, "north approach, through"), new SignalGroup(3, "east approach, through")),
                        List.of(new Conflict(1, 3)), List.of(new TimingPlan("DAY", 90), new TimingPlan("PEAK", 120)), "DAY", AT),
                new SignalGroupPhaseChanged(INTERSECTION, 1, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED, AT, 4_711,
                        AT.plusMillis(180), AT.plusSeconds(5), AT.plusSeconds(40), AT.plusSeconds(22), TerminationCause.GAP_OUT, "DAY"),
                new ConflictingGreensDetected(INTERSECTION, 1, 3, MovementPhaseState.PROTECTED_MOVEMENT_ALLOWED,
                        MovementPhaseState.PERMISSIVE_MOVEMENT_ALLOWED, Commune.DIJON, POSITION, AT),
                new ControllerModeChanged(INTERSECTION, ControllerMode.NORMAL, ControllerMode.FLASHING, Commune.DIJON, POSITION, AT),
                new ControllerFaultRaised(INTERSECTION, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, "red lamp out",
                        Commune.DIJON, POSITION, AT),
                new ControllerFaultCleared(INTERSECTION, "F-17", ControllerFaultKind.SIGNAL_GROUP, 3, AT.plusSeconds(3_600)),
                new TimingPlanChanged(INTERSECTION, "DAY", "PEAK", AT),
                new PriorityRequested(PRIORITY_REQUEST, INTERSECTION, "BUS-1042", "L5", 1, 95, AT, AT.plusSeconds(20)),
                new PriorityGranted(PRIORITY_REQUEST, INTERSECTION, "L5", AT.plusSeconds(2)),
                new PriorityRejected(PRIORITY_REQUEST, INTERSECTION, "L5", PriorityRejection.RECENTLY_SERVED, AT.plusSeconds(2)),
                new PriorityRequestTimedOut(PRIORITY_REQUEST, INTERSECTION, "L5", AT.plusSeconds(20)),
                new PriorityCheckedOut(PRIORITY_REQUEST, INTERSECTION, "L5", true, AT.plusSeconds(31)))) {
            samples.put(sample.getClass(), sample);
        }
        return samples;
    }
}
