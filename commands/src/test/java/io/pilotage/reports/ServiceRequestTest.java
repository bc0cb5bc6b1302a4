package io.pilotage.reports;

import io.pilotage.reports.ReportCommands.CloseServiceRequest;
import io.pilotage.reports.ReportCommands.LinkIntervention;
import io.pilotage.reports.ReportCommands.MarkDuplicate;
import io.pilotage.reports.ReportCommands.PublishUpdate;
import io.pilotage.reports.ReportCommands.QualifyServiceRequest;
import io.pilotage.reports.ReportCommands.ReportServiceRequest;
import io.pilotage.reports.ReportRules.ServiceRequestIsReportedOnce;
import io.pilotage.reports.ReportRules.ServiceRequestMustBeOpen;
import io.pilotage.reports.ServiceRequestEvent.InterventionLinked;
import io.pilotage.reports.ServiceRequestEvent.PublicUpdatePublished;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestClosed;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestMarkedDuplicate;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestQualified;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestReported;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceRequestTest {

    static final Instant T0 = Instant.parse("2026-11-02T19:00:00Z");
    static final ServiceRequestId ID = new ServiceRequestId("SR-000000000001");
    static final ReporterId REPORTER = new ReporterId("RPT-000000000001");
    static final PersonalDetails PERSONAL = new PersonalDetails(new Sealed(REPORTER, "c2VhbGVk"), null, null, null, null);
    static final ReportServiceRequest REPORT = new ReportServiceRequest(ID, REPORTER, ReportChannel.PHONE, ServiceCode.POTHOLE,
            new GeoPosition(47.32, 5.04), null, Commune.DIJON, null, PERSONAL, null, T0);
    static final ServiceRequestReported REPORTED = new ServiceRequestReported(ID, REPORTER, ReportChannel.PHONE,
            ServiceCode.POTHOLE, new GeoPosition(47.32, 5.04), null, Commune.DIJON, null, PERSONAL, null, T0);
    static final ServiceRequestClosed CLOSED = new ServiceRequestClosed(ID, REPORTER, RequestStatus.FIXED, "Filled.", T0.plusSeconds(60));

    private AggregateTestFixture<ServiceRequest> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceRequest.class);
    }

    @Test
    void givenNothing_whenAReportIsTaken_thenItIsReported() {
        fixture.givenNoPriorActivity().when(REPORT).expectEvents(REPORTED);
    }

    @Test
    void givenAReport_whenTheSameReportIsRetried_thenNothingChanges() {
        fixture.given(REPORTED).when(REPORT).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void givenAReport_whenAnotherReportComesUnderItsId_thenServiceRequestIsReportedOnce() {
        fixture.given(REPORTED)
                .when(new ReportServiceRequest(ID, REPORTER, ReportChannel.PHONE, ServiceCode.GRAFFITI, new GeoPosition(47.32, 5.04),
                        null, Commune.DIJON, null, PERSONAL, null, T0))
                .expectExceptionMessage(new RuleViolation(new ServiceRequestIsReportedOnce()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenNoPlace_whenAReportIsBuilt_thenAPositionOrAnAddressIsRequired() {
        assertThatThrownBy(() -> new ReportServiceRequest(ID, REPORTER, ReportChannel.PHONE, ServiceCode.POTHOLE, null, null,
                Commune.DIJON, null, PERSONAL, null, T0)).isInstanceOf(InvalidValue.class).hasMessageContaining("position");
    }

    @Test
    void givenAMediaUrlThatIsNotHttp_whenAReportIsBuilt_thenInvalidMediaUrl() {
        assertThatThrownBy(() -> new ReportServiceRequest(ID, REPORTER, ReportChannel.PHONE, ServiceCode.POTHOLE,
                new GeoPosition(47.32, 5.04), null, null, null, PERSONAL, "javascript:alert(1)", T0))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("mediaUrl");
    }

    @Test
    void givenAReport_whenQualifiedTwiceTheSame_thenOneQualification() {
        fixture.given(REPORTED, new ServiceRequestQualified(ID, ServiceCode.POTHOLE, RequestPriority.P2, new GeoPosition(47.32, 5.04),
                        Commune.DIJON, null, null, T0.plusSeconds(5)))
                .when(new QualifyServiceRequest(ID, ServiceCode.POTHOLE, RequestPriority.P2, T0.plusSeconds(10)))
                .expectNoEvents();
    }

    @Test
    void givenAReport_whenMarkedDuplicate_thenItClosesNamingItsReporter() {
        ServiceRequestId original = new ServiceRequestId("SR-000000000000");
        fixture.given(REPORTED)
                .when(new MarkDuplicate(ID, original, T0.plusSeconds(30)))
                .expectEvents(new ServiceRequestMarkedDuplicate(ID, REPORTER, original, T0.plusSeconds(30)));
    }

    @Test
    void givenAClosedRequest_whenAnUpdateIsPublished_thenServiceRequestMustBeOpen() {
        fixture.given(REPORTED, CLOSED)
                .when(new PublishUpdate(ID, RequestStatus.IN_PROGRESS, "On it.", T0.plusSeconds(90)))
                .expectExceptionMessage(new RuleViolation(new ServiceRequestMustBeOpen()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenAnOpenRequest_whenAnUpdateIsPublished_thenItCarriesItsStatus() {
        fixture.given(REPORTED)
                .when(new PublishUpdate(ID, RequestStatus.ACTION_SCHEDULED, "Tomorrow.", T0.plusSeconds(90)))
                .expectEvents(new PublicUpdatePublished(ID, RequestStatus.ACTION_SCHEDULED, "Tomorrow.", T0.plusSeconds(90)));
    }

    @Test
    void givenAnUpdate_whenTheSameUpdateIsPublishedAgain_thenNothingChanges() {
        fixture.given(REPORTED, new PublicUpdatePublished(ID, RequestStatus.ACTION_SCHEDULED, "Tomorrow.", T0.plusSeconds(90)))
                .when(new PublishUpdate(ID, RequestStatus.ACTION_SCHEDULED, "Tomorrow.", T0.plusSeconds(95)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void givenAClosedRequest_whenClosedAgainWithTheSameResolution_thenNothingChanges() {
        fixture.given(REPORTED, CLOSED)
                .when(new CloseServiceRequest(ID, RequestStatus.FIXED, "Again.", T0.plusSeconds(120)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void givenAnOpenRequest_whenClosed_thenTheClosureNamesTheReporter() {
        fixture.given(REPORTED)
                .when(new CloseServiceRequest(ID, RequestStatus.FIXED, "Filled.", T0.plusSeconds(60)))
                .expectEvents(CLOSED);
    }

    @Test
    void givenALinkedIntervention_whenLinkedAgain_thenNothingChanges() {
        fixture.given(REPORTED, new InterventionLinked(ID, "INT-1", T0.plusSeconds(5)))
                .when(new LinkIntervention(ID, "INT-1", T0.plusSeconds(6)))
                .expectNoEvents();
    }

    @Test
    void givenNothing_whenClosedAsDuplicate_thenTheCommandIsRefused() {
        assertThatThrownBy(() -> new CloseServiceRequest(ID, RequestStatus.DUPLICATE, "dup", T0))
                .isInstanceOf(InvalidValue.class).hasMessageContaining("resolution");
    }
}
