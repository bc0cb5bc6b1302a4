package io.pilotage.reports.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.ReadModelDatabase;
import io.pilotage.reports.PersonalDataVault;
import io.pilotage.reports.PersonalDetails;
import io.pilotage.reports.ReportChannel;
import io.pilotage.reports.ReportQueries.FindPublicServiceRequests;
import io.pilotage.reports.ReportQueries.FindServiceRequest;
import io.pilotage.reports.ReportQueries.FindServiceRequests;
import io.pilotage.reports.ReportQueries.PublicServiceRequest;
import io.pilotage.reports.ReportQueries.ServiceRequestView;
import io.pilotage.reports.ReporterId;
import io.pilotage.reports.RequestPriority;
import io.pilotage.reports.RequestStatus;
import io.pilotage.reports.Sealed;
import io.pilotage.reports.ServiceCode;
import io.pilotage.reports.ServiceRequestEvent.InterventionLinked;
import io.pilotage.reports.ServiceRequestEvent.PublicUpdatePublished;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestClosed;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestQualified;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestReported;
import io.pilotage.reports.ServiceRequestId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServiceRequestsProjectionTest {

    static final Instant T0 = Instant.parse("2026-11-02T19:00:00Z");
    static final GeoPosition PLACE = new GeoPosition(47.32, 5.04);

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    /** Seals by Base64 and forgets erased reporters: enough to see the read model keep and open the sealed form. */
    static final class FakeVault implements PersonalDataVault {
        final Set<ReporterId> erased = new HashSet<>();

        @Override
        public Sealed seal(ReporterId reporter, String plaintext) {
            return new Sealed(reporter, Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Optional<String> open(Sealed sealed) {
            return erased.contains(sealed.reporterId()) ? Optional.empty()
                    : Optional.of(new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.UTF_8));
        }

        @Override
        public boolean destroy(ReporterId reporter) {
            return erased.add(reporter);
        }

        @Override
        public boolean erased(ReporterId reporter) {
            return erased.contains(reporter);
        }
    }

    FakeVault vault;
    ServiceRequestsProjection projection;

    @BeforeEach
    void setUp() {
        database.truncate();
        vault = new FakeVault();
        projection = new ServiceRequestsProjection(database.jdbc(), vault);
    }

    private ServiceRequestReported reported(String id, ServiceCode service, Instant at) {
        ReporterId reporter = new ReporterId("RPT-" + id);
        return new ServiceRequestReported(new ServiceRequestId(id), reporter, ReportChannel.PHONE, service, PLACE,
                "1 rue Chabot-Charny", Commune.DIJON, null, new PersonalDetails(vault.seal(reporter, "Zoé"), null,
                vault.seal(reporter, "zoe@example.org"), null, vault.seal(reporter, "Devant chez moi")), null, at);
    }

    @Test
    void givenAReport_whenAnOperatorReadsIt_thenTheSealedFieldsAreOpened_andOnceErasedTheyAreGone() {
        projection.on(reported("SR-1", ServiceCode.POTHOLE, T0));

        ServiceRequestView before = projection.handle(new FindServiceRequest("SR-1")).orElseThrow();
        assertThat(before.reporter().firstName()).isEqualTo("Zoé");
        assertThat(before.reporter().email()).isEqualTo("zoe@example.org");
        assertThat(before.reporter().description()).isEqualTo("Devant chez moi");
        assertThat(database.jdbc().queryForObject("SELECT sealed_first_name FROM rm_reports_request", String.class))
                .as("stored sealed, never in clear").doesNotContain("Zoé");

        vault.destroy(new ReporterId("RPT-SR-1"));

        ServiceRequestView after = projection.handle(new FindServiceRequest("SR-1")).orElseThrow();
        assertThat(after.reporter().erased()).isTrue();
        assertThat(after.reporter().firstName()).isNull();
        assertThat(after.reporter().description()).isNull();
        assertThat(after.address()).isEqualTo("1 rue Chabot-Charny");
    }

    @Test
    void givenUpdatesAndAClosure_whenRead_thenTheHistoryIsInOrderAndTheLatestNoteIsTheStatusNotes() {
        ServiceRequestId id = new ServiceRequestId("SR-2");
        projection.on(reported("SR-2", ServiceCode.GRAFFITI, T0));
        projection.on(new ServiceRequestQualified(id, ServiceCode.GRAFFITI, RequestPriority.P3, PLACE, Commune.DIJON, null, null,
                T0.plusSeconds(10)));
        projection.on(new InterventionLinked(id, "INT-SR-2", T0.plusSeconds(11)));
        projection.on(new PublicUpdatePublished(id, RequestStatus.ACTION_SCHEDULED, "Jeudi.", T0.plusSeconds(20)), 3);
        projection.on(new ServiceRequestClosed(id, new ReporterId("RPT-SR-2"), RequestStatus.FIXED, "Nettoyé.", T0.plusSeconds(30)), 4);
        projection.on(new ServiceRequestClosed(id, new ReporterId("RPT-SR-2"), RequestStatus.FIXED, "Nettoyé.", T0.plusSeconds(30)), 4);

        ServiceRequestView view = projection.handle(new FindServiceRequest("SR-2")).orElseThrow();
        assertThat(view.status()).isEqualTo(RequestStatus.FIXED);
        assertThat(view.priority()).isEqualTo(RequestPriority.P3);
        assertThat(view.interventionId()).isEqualTo("INT-SR-2");
        assertThat(view.closedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(view.updates()).extracting(update -> update.note()).containsExactly("Jeudi.", "Nettoyé.");
        PublicServiceRequest published = projection.handle(new FindPublicServiceRequests(List.of("SR-2"), null, null, null, null, 10))
                .items().get(0);
        assertThat(published.statusNotes()).isEqualTo("Nettoyé.");
        assertThat(published.status()).isEqualTo(RequestStatus.FIXED);
    }

    @Test
    void givenRequests_whenThePublicAsks_thenIdsAloneDecide_otherwiseServicesStatusesAndWindowFilterNewestFirstUpToTheLimit() {
        projection.on(reported("SR-A", ServiceCode.POTHOLE, T0));
        projection.on(reported("SR-B", ServiceCode.GRAFFITI, T0.plusSeconds(60)));
        projection.on(reported("SR-C", ServiceCode.POTHOLE, T0.plusSeconds(120)));
        projection.on(new ServiceRequestClosed(new ServiceRequestId("SR-C"), new ReporterId("RPT-SR-C"), RequestStatus.FIXED, "Fait.",
                T0.plusSeconds(200)), 1);

        assertThat(ids(new FindPublicServiceRequests(List.of("SR-A", "SR-B"), Set.of(ServiceCode.OTHER), Set.of(true), null, null, 10)))
                .containsExactly("SR-B", "SR-A");
        assertThat(ids(new FindPublicServiceRequests(null, Set.of(ServiceCode.POTHOLE), null, null, null, 10)))
                .containsExactly("SR-C", "SR-A");
        assertThat(ids(new FindPublicServiceRequests(null, null, Set.of(false), null, null, 10))).containsExactly("SR-B", "SR-A");
        assertThat(ids(new FindPublicServiceRequests(null, null, Set.of(true, false), T0.plusSeconds(30), T0.plusSeconds(90), 10)))
                .containsExactly("SR-B");
        assertThat(ids(new FindPublicServiceRequests(null, null, null, null, null, 2))).containsExactly("SR-C", "SR-B");
        assertThat(projection.handle(new FindServiceRequests(null, true, null, null, new PageRequest(0, 10))).items())
                .extracting(summary -> summary.serviceRequestId()).containsExactly("SR-C");
    }

    @Test
    void givenAReportSeenTwiceAndAReplay_whenRead_thenTheSameOneRequest() {
        ServiceRequestReported event = reported("SR-R", ServiceCode.POTHOLE, T0);
        projection.on(event);
        projection.on(event);
        ServiceRequestView first = projection.handle(new FindServiceRequest("SR-R")).orElseThrow();

        projection.reset();
        projection.on(event);

        assertThat(projection.handle(new FindServiceRequest("SR-R")).orElseThrow()).isEqualTo(first);
        assertThat(database.jdbc().queryForObject("SELECT count(*) FROM rm_reports_request", Long.class)).isEqualTo(1);
    }

    private List<String> ids(FindPublicServiceRequests query) {
        return projection.handle(query).items().stream().map(PublicServiceRequest::serviceRequestId).toList();
    }
}
