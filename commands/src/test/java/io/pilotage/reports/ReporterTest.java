package io.pilotage.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.reports.ReporterCommands.EraseReporter;
import io.pilotage.reports.ReporterCommands.RecordReporterRequest;
import io.pilotage.reports.ReporterCommands.RecordReporterRequestClosed;
import io.pilotage.reports.ReporterCommands.ReporterErasure;
import io.pilotage.reports.ReporterEvent.ReporterErased;
import io.pilotage.reports.ReporterEvent.ReporterRequestClosed;
import io.pilotage.reports.ReporterEvent.ReporterRequestRecorded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReporterTest {

    static final ReporterId REPORTER = new ReporterId("RPT-1");
    static final ServiceRequestId SR1 = new ServiceRequestId("SR-1");
    static final ServiceRequestId SR2 = new ServiceRequestId("SR-2");
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant CLOSED_AT = T0.plus(Duration.ofDays(3));
    static final Instant RETAIN_UNTIL = Instant.parse("2027-03-05T09:00:00Z");
    static final ReporterRequestRecorded SR1_RECORDED = new ReporterRequestRecorded(REPORTER, SR1, T0);
    static final ReporterRequestRecorded SR2_RECORDED = new ReporterRequestRecorded(REPORTER, SR2, T0.plusSeconds(60));
    static final ReporterRequestClosed SR1_CLOSED = new ReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL);

    private AggregateTestFixture<Reporter> fixture;
    private KeysInMemory vault;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Reporter.class);
        vault = new KeysInMemory();
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(new FixtureClock(fixture::currentTime));
    }

    @Test
    void givenNothing_whenARequestIsRecorded_thenRecordedAndNothingIsDue() {
        fixture.givenNoPriorActivity()
                .when(new RecordReporterRequest(REPORTER, SR1, T0))
                .expectEvents(SR1_RECORDED)
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenARecordedRequest_whenRecordedAgain_thenNothingChanges() {
        fixture.given(SR1_RECORDED)
                .when(new RecordReporterRequest(REPORTER, SR1, T0.plusSeconds(5)))
                .expectNoEvents();
    }

    @Test
    void givenTheOnlyOpenRequest_whenItCloses_thenRetainedUntilTheGivenTimeWithADeadlineThere() {
        fixture.givenCurrentTime(CLOSED_AT)
                .andGiven(SR1_RECORDED)
                .when(new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL))
                .expectEvents(SR1_CLOSED)
                .expectScheduledDeadline(Duration.between(CLOSED_AT, RETAIN_UNTIL), REPORTER)
                .expectScheduledDeadlineWithName(RETAIN_UNTIL, Reporter.RETENTION_DEADLINE);
    }

    @Test
    void givenTwoOpenRequests_whenOneCloses_thenNothingIsDueWhileTheOtherIsOpen() {
        fixture.given(SR1_RECORDED, SR2_RECORDED)
                .when(new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL))
                .expectEvents(new ReporterRequestClosed(REPORTER, SR1, CLOSED_AT, null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenAClosedRequest_whenItClosesAgain_thenNothingChanges() {
        fixture.given(SR1_RECORDED, SR1_CLOSED)
                .when(new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT.plusSeconds(9), RETAIN_UNTIL.plusSeconds(9)))
                .expectNoEvents();
    }

    @Test
    void givenARequestNeverRecorded_whenItCloses_thenItCountsAsMadeAndClosed() {
        fixture.givenCurrentTime(CLOSED_AT)
                .when(new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL))
                .expectEvents(SR1_CLOSED)
                .expectScheduledDeadlineWithName(RETAIN_UNTIL, Reporter.RETENTION_DEADLINE);
    }

    @Test
    void givenAnEarlierRetentionStillRunning_whenALaterClosureGivesAnEarlierDate_thenTheLaterDateIsKept() {
        fixture.givenCurrentTime(CLOSED_AT)
                .andGivenCommands(new RecordReporterRequest(REPORTER, SR1, T0),
                        new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL))
                .when(new RecordReporterRequestClosed(REPORTER, SR2, CLOSED_AT, RETAIN_UNTIL.minusSeconds(3600)))
                .expectEvents(new ReporterRequestClosed(REPORTER, SR2, CLOSED_AT, RETAIN_UNTIL))
                .expectScheduledDeadlineWithName(RETAIN_UNTIL, Reporter.RETENTION_DEADLINE);
    }

    @Test
    void givenARetentionDeadline_whenANewRequestIsRecorded_thenTheDeadlineIsCancelled() {
        fixture.givenCurrentTime(CLOSED_AT)
                .andGivenCommands(new RecordReporterRequest(REPORTER, SR1, T0),
                        new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL))
                .when(new RecordReporterRequest(REPORTER, SR2, CLOSED_AT.plusSeconds(60)))
                .expectEvents(new ReporterRequestRecorded(REPORTER, SR2, CLOSED_AT.plusSeconds(60)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenTheLastRequestClosed_whenTheRetentionPeriodEnds_thenTheKeyIsDestroyedAndTheReporterErasedForRetention() {
        vault.keys.add(REPORTER);
        fixture.givenCurrentTime(CLOSED_AT)
                .andGivenCommands(new RecordReporterRequest(REPORTER, SR1, T0),
                        new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL))
                .whenThenTimeElapses(Duration.between(CLOSED_AT, RETAIN_UNTIL).plusSeconds(1))
                .expectDeadlinesMetMatching(org.axonframework.test.matchers.Matchers.listWithAnyOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(org.hamcrest.CoreMatchers.equalTo(REPORTER))))
                .expectEvents(new ReporterErased(REPORTER, ErasureReason.RETENTION, RETAIN_UNTIL));
        assertThat(vault.destroyed).containsExactly(REPORTER);
    }

    @Test
    void givenARetentionDeadline_whenARequestReopensTheHoldBeforeItEnds_thenNothingIsErased() {
        vault.keys.add(REPORTER);
        fixture.givenCurrentTime(CLOSED_AT)
                .andGivenCommands(new RecordReporterRequest(REPORTER, SR1, T0),
                        new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL),
                        new RecordReporterRequest(REPORTER, SR2, CLOSED_AT))
                .whenThenTimeElapses(Duration.between(CLOSED_AT, RETAIN_UNTIL).plusSeconds(1))
                .expectNoEvents();
        assertThat(vault.destroyed).isEmpty();
    }

    @Test
    void givenAKnownReporter_whenErasedOnRequest_thenTheKeyIsDestroyedTheReporterErasedAndTheRetentionCancelled() {
        vault.keys.add(REPORTER);
        Instant at = CLOSED_AT.plusSeconds(60);
        fixture.givenCurrentTime(CLOSED_AT)
                .andGivenCommands(new RecordReporterRequest(REPORTER, SR1, T0),
                        new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL))
                .when(new EraseReporter(REPORTER, ErasureReason.REQUEST, at))
                .expectEvents(new ReporterErased(REPORTER, ErasureReason.REQUEST, at))
                .expectResultMessagePayload(new ReporterErasure(REPORTER, ErasureReason.REQUEST, at))
                .expectNoScheduledDeadlines();
        assertThat(vault.destroyed).containsExactly(REPORTER);
    }

    @Test
    void givenAnErasedReporter_whenErasedAgain_thenNothingIsWrittenAndTheFirstErasureIsAnswered() {
        fixture.given(SR1_RECORDED, new ReporterErased(REPORTER, ErasureReason.RETENTION, RETAIN_UNTIL))
                .when(new EraseReporter(REPORTER, ErasureReason.REQUEST, RETAIN_UNTIL.plusSeconds(600)))
                .expectNoEvents()
                .expectResultMessagePayload(new ReporterErasure(REPORTER, ErasureReason.RETENTION, RETAIN_UNTIL));
        assertThat(vault.destroyed).isEmpty();
    }

    /** The edge sealed with the reporter's key, and the policy has not recorded the request yet. */
    @Test
    void givenAReporterKnownOnlyByTheirKey_whenErased_thenErased() {
        vault.keys.add(REPORTER);
        fixture.givenNoPriorActivity()
                .when(new EraseReporter(REPORTER, ErasureReason.REQUEST, T0))
                .expectEvents(new ReporterErased(REPORTER, ErasureReason.REQUEST, T0))
                .expectResultMessagePayload(new ReporterErasure(REPORTER, ErasureReason.REQUEST, T0));
    }

    @Test
    void givenAReporterNeverSeen_whenErased_thenNotFoundAndNothingWritten() {
        fixture.givenNoPriorActivity()
                .when(new EraseReporter(REPORTER, ErasureReason.REQUEST, T0))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void givenAnErasedReporter_whenTheirRequestsAreRecordedOrClosed_thenAbsorbedWithoutAnEvent() {
        ReporterErased erased = new ReporterErased(REPORTER, ErasureReason.REQUEST, T0);
        fixture.given(SR1_RECORDED, erased)
                .when(new RecordReporterRequest(REPORTER, SR2, T0.plusSeconds(60)))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
        new AggregateTestFixture<>(Reporter.class).registerInjectableResource(vault)
                .registerInjectableResource(new FixtureClock(fixture::currentTime))
                .given(SR1_RECORDED, erased)
                .when(new RecordReporterRequestClosed(REPORTER, SR1, CLOSED_AT, RETAIN_UNTIL))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    /** Destroys what it holds; answers as the JDBC vault does. */
    static final class KeysInMemory implements PersonalDataVault {
        final Set<ReporterId> keys = new HashSet<>();
        final Set<ReporterId> destroyed = new HashSet<>();

        @Override
        public Sealed seal(ReporterId reporter, String plaintext) {
            throw new UnsupportedOperationException("the aggregate never seals");
        }

        @Override
        public Optional<String> open(Sealed sealed) {
            throw new UnsupportedOperationException("the aggregate never opens");
        }

        @Override
        public boolean destroy(ReporterId reporter) {
            destroyed.add(reporter);
            return keys.remove(reporter);
        }

        @Override
        public boolean erased(ReporterId reporter) {
            return destroyed.contains(reporter);
        }
    }

    /** The application's clock as the fixture's deadline manager sees time. */
    static final class FixtureClock extends Clock {
        private final Supplier<Instant> now;

        FixtureClock(Supplier<Instant> now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
