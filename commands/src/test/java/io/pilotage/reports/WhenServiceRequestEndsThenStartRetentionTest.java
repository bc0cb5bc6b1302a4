package io.pilotage.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.reports.ReporterCommands.RecordReporterRequest;
import io.pilotage.reports.ReporterCommands.RecordReporterRequestClosed;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestClosed;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestMarkedDuplicate;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestReported;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.MetadataKeys;
import java.time.Instant;
import java.time.Period;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhenServiceRequestEndsThenStartRetentionTest {

    static final ReporterId REPORTER = new ReporterId("RPT-1");
    static final ServiceRequestId SR = new ServiceRequestId("SR-1");
    static final RetentionPeriod TWELVE_MONTHS = RetentionPeriod.of(Period.ofMonths(12));

    private RecordingCommandBus bus;
    private DefaultCommandGateway gateway;
    private final WhenServiceRequestEndsThenStartRetention policy = new WhenServiceRequestEndsThenStartRetention();

    @BeforeEach
    void setUp() {
        bus = new RecordingCommandBus();
        gateway = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @Test
    void givenARequestReported_whenThePolicyRuns_thenTheReporterRecordsItAsThePolicy() {
        Instant at = Instant.parse("2026-03-02T09:00:00Z");

        policy.on(new ServiceRequestReported(SR, REPORTER, ReportChannel.PHONE, ServiceCode.POTHOLE,
                new GeoPosition(47.32, 5.04), null, Commune.DIJON, null, PersonalDetails.none(), null, at), gateway);

        CommandMessage<?> sent = bus.getDispatchedCommands().get(0);
        assertThat(sent.getPayload()).isEqualTo(new RecordReporterRequest(REPORTER, SR, at));
        assertThat(sent.getMetaData()).containsEntry(MetadataKeys.CHANNEL, "policy")
                .containsEntry(MetadataKeys.ACTOR_ROLE, "SYSTEM");
    }

    /**
     * Counted on Paris's calendar: closed at 00:30 on 29 March 2026, still winter time there, the data is kept until
     * 00:30 on 29 March 2027, by then summer time: 22:30 UTC, not the 23:30 a count in UTC would give.
     */
    @Test
    void givenARequestClosed_whenThePolicyRuns_thenRetainedTwelveCalendarMonthsOnParissClock() {
        Instant closedAt = Instant.parse("2026-03-28T23:30:00Z");

        policy.on(new ServiceRequestClosed(SR, REPORTER, RequestStatus.FIXED, "repaired", closedAt), gateway, TWELVE_MONTHS);

        assertThat(bus.getDispatchedCommands().get(0).getPayload()).isEqualTo(new RecordReporterRequestClosed(REPORTER, SR,
                closedAt, Instant.parse("2027-03-28T22:30:00Z")));
    }

    @Test
    void givenARequestMarkedDuplicate_whenThePolicyRuns_thenItEndsForTheReporterToo() {
        Instant at = Instant.parse("2026-05-10T08:00:00Z");

        policy.on(new ServiceRequestMarkedDuplicate(SR, REPORTER, new ServiceRequestId("SR-0"), at), gateway,
                RetentionPeriod.of(Period.ofDays(30)));

        assertThat(bus.getDispatchedCommands().get(0).getPayload()).isEqualTo(new RecordReporterRequestClosed(REPORTER, SR,
                at, Instant.parse("2026-06-09T08:00:00Z")));
    }
}
