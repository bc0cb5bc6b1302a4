package io.pilotage.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.contract.TermsOnFile;
import io.pilotage.interventions.Category;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.InterventionCommands;
import io.pilotage.interventions.InterventionCommands.AttachFault;
import io.pilotage.interventions.InterventionCommands.QualifyIntervention;
import io.pilotage.interventions.InterventionCommands.RequestIntervention;
import io.pilotage.interventions.InterventionCommands.Resolution;
import io.pilotage.interventions.InterventionEvent.AttachedFault;
import io.pilotage.interventions.InterventionEvent.FaultAttached;
import io.pilotage.interventions.InterventionEvent.InterventionOpened;
import io.pilotage.interventions.InterventionEvent.InterventionResolved;
import io.pilotage.interventions.InterventionRules.OneOpenInterventionPerAsset;
import io.pilotage.interventions.InterventionSource;
import io.pilotage.interventions.Priority;
import io.pilotage.lighting.FailureKind;
import io.pilotage.lighting.FailureSource;
import io.pilotage.lighting.LightPointCommands.ReportLampFailure;
import io.pilotage.lighting.LightPointId;
import io.pilotage.reports.ReportCommands.CloseServiceRequest;
import io.pilotage.reports.ReportCommands.LinkIntervention;
import io.pilotage.reports.ReportCommands.PublishUpdate;
import io.pilotage.reports.ServiceRequestEvent.InterventionLinked;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestQualified;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestReported;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportPoliciesTest {

    static final Instant T0 = Instant.parse("2026-11-02T19:00:00Z");
    static final ServiceRequestId REQUEST = new ServiceRequestId("SR-00000000000A");
    static final ReporterId REPORTER = new ReporterId("RPT-00000000000A");
    static final GeoPosition PLACE = new GeoPosition(47.32, 5.04);

    RecordingCommandBus bus;
    DefaultCommandGateway gateway;

    @BeforeEach
    void setUp() {
        bus = new RecordingCommandBus();
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    private List<Object> sent() {
        return bus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }

    private static ServiceRequestReported reported(ServiceCode service, String assetId) {
        return new ServiceRequestReported(REQUEST, REPORTER, ReportChannel.OPEN311, service, PLACE, null, Commune.DIJON, assetId,
                PersonalDetails.none(), null, T0);
    }

    @Test
    void givenAStreetLightReportedOnAPoint_whenThePolicyRuns_thenThePointFailsWithSourceCitizenUnderAnIdNamingTheRequest() {
        new WhenStreetLightReportedThenReportLampFailure().on(reported(ServiceCode.STREET_LIGHT_OUT, "LP-1"), gateway);

        assertThat(sent()).containsExactly(new ReportLampFailure(new LightPointId("LP-1"), "CIT-SR-00000000000A",
                FailureKind.LAMP_FAILURE, FailureSource.CITIZEN, T0, T0));
    }

    @Test
    void givenAReportWithoutAPointOrOfAnotherService_whenThePolicyRuns_thenNoCommand() {
        WhenStreetLightReportedThenReportLampFailure policy = new WhenStreetLightReportedThenReportLampFailure();
        policy.on(reported(ServiceCode.STREET_LIGHT_OUT, null), gateway);
        policy.on(reported(ServiceCode.POTHOLE, "LP-1"), gateway);

        assertThat(sent()).isEmpty();
    }

    @Test
    void givenTheCitizensFailureTakenByAnIntervention_whenThePolicyRuns_thenTheRequestIsLinkedToIt() {
        WhenStreetLightReportedThenReportLampFailure policy = new WhenStreetLightReportedThenReportLampFailure();
        ContractDeadlines deadlines = new ContractDeadlines(null, Duration.ofHours(72));
        policy.on(new InterventionOpened("INT-CIT-SR-00000000000A", InterventionSource.LAMP_FAILURE, "CIT-SR-00000000000A", "LP-1",
                Category.LIGHTING, Commune.DIJON, PLACE, Priority.P3, deadlines, 1, T0), gateway);
        policy.on(new FaultAttached("INT-9", "LP-1", "CIT-SR-00000000000A", T0), gateway);
        policy.on(new FaultAttached("INT-9", "LP-2", "F-TELEMETRY-1", T0), gateway);

        assertThat(sent()).containsExactly(
                new LinkIntervention(REQUEST, "INT-CIT-SR-00000000000A", T0),
                new LinkIntervention(REQUEST, "INT-9", T0));
    }

    @Test
    void givenAQualifiedPothole_whenThePolicyRuns_thenAnInterventionIsRequestedForItsPlaceWithTheChosenPriorityAndLinked() {
        bus.setCallbackBehavior((command, metaData) -> command instanceof RequestIntervention request
                ? request.opening().interventionId() : null);

        new WhenServiceRequestQualifiedThenOpenIntervention().on(new ServiceRequestQualified(REQUEST, ServiceCode.POTHOLE,
                RequestPriority.P2, PLACE, Commune.DIJON, null, null, T0), gateway, TermsOnFile.signed());

        RequestIntervention requested = (RequestIntervention) sent().get(0);
        assertThat(requested.opening().assetId()).isNull();
        assertThat(requested.opening().claimKey()).isEqualTo(InterventionCommands.placeKey(Category.ROADWORKS, PLACE));
        assertThat(requested.opening().priority()).isEqualTo(Priority.P2);
        assertThat(requested.opening().source()).isEqualTo(InterventionSource.CITIZEN_REPORT);
        assertThat(requested.opening().sourceRef()).isEqualTo(REQUEST.value());
        assertThat(sent()).hasSize(2).last().isEqualTo(new LinkIntervention(REQUEST, "INT-SR-00000000000A", T0));
    }

    @Test
    void givenAPlaceWithAnOpenIntervention_whenAnotherReportThereIsQualified_thenItJoinsItAsAnAttachedFault() {
        bus.setCallbackBehavior((command, metaData) -> {
            if (command instanceof RequestIntervention) {
                throw new RuleViolation(new OneOpenInterventionPerAsset("INT-SR-FIRST"));
            }
            return null;
        });

        new WhenServiceRequestQualifiedThenOpenIntervention().on(new ServiceRequestQualified(REQUEST, ServiceCode.POTHOLE,
                RequestPriority.P3, PLACE, Commune.DIJON, null, null, T0), gateway, TermsOnFile.signed());

        assertThat(sent()).hasSize(3);
        assertThat(sent().get(1)).isEqualTo(new AttachFault("INT-SR-FIRST", InterventionCommands.placeKey(Category.ROADWORKS, PLACE),
                "CIT-SR-00000000000A", T0));
        assertThat(sent().get(2)).isEqualTo(new LinkIntervention(REQUEST, "INT-SR-FIRST", T0));
    }

    @Test
    void givenAStreetLightOnAKnownPointOrAnAlreadyLinkedRequest_whenQualified_thenNoInterventionIsRequested() {
        WhenServiceRequestQualifiedThenOpenIntervention policy = new WhenServiceRequestQualifiedThenOpenIntervention();
        policy.on(new ServiceRequestQualified(REQUEST, ServiceCode.STREET_LIGHT_OUT, RequestPriority.P3, PLACE, Commune.DIJON,
                "LP-1", null, T0), gateway, TermsOnFile.signed());
        policy.on(new ServiceRequestQualified(REQUEST, ServiceCode.POTHOLE, RequestPriority.P1, PLACE, Commune.DIJON, null,
                "INT-PATROL-1", T0), gateway, TermsOnFile.signed());
        policy.on(new ServiceRequestQualified(REQUEST, ServiceCode.POTHOLE, RequestPriority.P1, null, null, null, null, T0),
                gateway, TermsOnFile.signed());

        assertThat(sent()).isEmpty();
    }

    @Test
    void givenAnyInterventionResolved_whenThePolicyRuns_thenEveryReportItDealtWithClosesWithTheOutcomeOfItsResolution() {
        WhenServiceRequestQualifiedThenOpenIntervention policy = new WhenServiceRequestQualifiedThenOpenIntervention();
        policy.on(new InterventionResolved("INT-SR-00000000000A", Resolution.NO_FAULT_FOUND, InterventionSource.CITIZEN_REPORT,
                REQUEST.value(), null, "CREW-1", T0, List.of(new AttachedFault("place:ROADWORKS:1:2", "CIT-SR-00000000000B"))), gateway);
        policy.on(new InterventionResolved("INT-CIT-SR-00000000000C", Resolution.REPAIRED, InterventionSource.LAMP_FAILURE,
                "CIT-SR-00000000000C", "LP-1", "CREW-1", T0, List.of(new AttachedFault("LP-1", "F-TELEMETRY-1"))), gateway);
        policy.on(new InterventionResolved("INT-PATROL-1", Resolution.MADE_SAFE_ONLY, InterventionSource.PATROL, "PATROL-1", "ASSET-1",
                "CREW-1", T0, List.of(new AttachedFault("report:SR-00000000000D", "CIT-SR-00000000000D"))), gateway);

        assertThat(sent()).containsExactly(
                new CloseServiceRequest(REQUEST, RequestStatus.NO_FURTHER_ACTION, "The crew found nothing to repair.", T0),
                new CloseServiceRequest(new ServiceRequestId("SR-00000000000B"), RequestStatus.NO_FURTHER_ACTION,
                        "The crew found nothing to repair.", T0),
                new CloseServiceRequest(new ServiceRequestId("SR-00000000000C"), RequestStatus.FIXED, "The problem was fixed.", T0),
                new PublishUpdate(new ServiceRequestId("SR-00000000000D"), RequestStatus.ACTION_SCHEDULED,
                        "The place was made safe; the repair is to follow.", T0));
    }

    @Test
    void givenARequestLinkedToAnInterventionNotOpenedForIt_whenThePolicyRuns_thenItIsAttachedThereSoTheResolutionNamesIt() {
        WhenServiceRequestQualifiedThenOpenIntervention policy = new WhenServiceRequestQualifiedThenOpenIntervention();
        policy.on(new InterventionLinked(REQUEST, "INT-PATROL-1", T0), gateway);
        policy.on(new InterventionLinked(REQUEST, "INT-SR-00000000000A", T0), gateway);
        policy.on(new InterventionLinked(REQUEST, "INT-CIT-SR-00000000000A", T0), gateway);

        assertThat(sent()).containsExactly(new AttachFault("INT-PATROL-1", "report:SR-00000000000A", "CIT-SR-00000000000A", T0));
    }

    @Test
    void givenARequestWithItsOwnIntervention_whenQualifiedAgain_thenTheInterventionTakesTheNewPriorityAndTrade() {
        new WhenServiceRequestQualifiedThenOpenIntervention().on(new ServiceRequestQualified(REQUEST, ServiceCode.ILLEGAL_DUMPING,
                RequestPriority.P1, PLACE, Commune.DIJON, null, "INT-SR-00000000000A", T0), gateway, TermsOnFile.signed());

        assertThat(sent()).containsExactly(new QualifyIntervention("INT-SR-00000000000A", Priority.P1, Category.WASTE,
                WhenServiceRequestQualifiedThenOpenIntervention.REQUALIFIED, T0));
    }
}
