package io.pilotage.traffic;

import io.pilotage.shared.RuleViolation;
import io.pilotage.traffic.PriorityCommands.CheckOutPriority;
import io.pilotage.traffic.PriorityCommands.GrantPriority;
import io.pilotage.traffic.PriorityCommands.RejectPriority;
import io.pilotage.traffic.PriorityCommands.RequestPriority;
import io.pilotage.traffic.PriorityRequestEvent.PriorityCheckedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityGranted;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRejected;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequestTimedOut;
import io.pilotage.traffic.PriorityRequestEvent.PriorityRequested;
import io.pilotage.traffic.TrafficRules.PriorityRequestIsFinal;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PriorityRequestTest {

    static final PriorityRequestId ID = new PriorityRequestId("BUS-1042-000317");
    static final IntersectionId INTERSECTION = new IntersectionId("TL-DIJ-042");
    static final Instant T0 = Instant.parse("2026-11-30T17:42:05Z");
    static final Instant ANSWER_BY = T0.plusSeconds(20);
    static final RequestPriority REQUEST = new RequestPriority(ID, INTERSECTION, "BUS-1042", "L5", 1, 95, T0, ANSWER_BY);
    static final PriorityRequested REQUESTED = new PriorityRequested(ID, INTERSECTION, "BUS-1042", "L5", 1, 95, T0, ANSWER_BY);

    private AggregateTestFixture<PriorityRequest> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PriorityRequest.class);
    }

    @Test
    void givenNothing_whenABusAsks_thenRequested_andItsAnswerIsAwaitedUntilAnswerBy() {
        fixture.givenCurrentTime(T0)
                .when(REQUEST)
                .expectResultMessagePayload(true)
                .expectEvents(REQUESTED)
                .expectScheduledDeadlineWithName(ANSWER_BY, PriorityRequest.ANSWER_DEADLINE);
    }

    @Test
    void givenARequest_whenTheSameRequestIsRedelivered_thenNothingChanges() {
        fixture.given(REQUESTED)
                .when(REQUEST)
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    /** Its answerBy follows from when it arrived: a redelivery arrives later, and is still the same request. */
    @Test
    void givenARequest_whenRedeliveredLaterWithAnotherAnswerBy_thenNothingChanges() {
        fixture.given(REQUESTED)
                .when(new RequestPriority(ID, INTERSECTION, "BUS-1042", "L5", 1, 95, T0, ANSWER_BY.plusSeconds(30)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    /** J2735 request numbers wrap: once the request is over, the same number later is a new request, answered on its own. */
    @Test
    void givenAnAnsweredRequest_whenTheBusReusesItsNumberLater_thenANewRequestIsRecordedAndAwaited() {
        Instant later = T0.plusSeconds(3_600);
        RequestPriority again = new RequestPriority(ID, INTERSECTION, "BUS-1042", "L12", 3, 10, later, later.plusSeconds(20));
        fixture.givenCurrentTime(T0).andGivenCommands(REQUEST, new GrantPriority(ID, T0.plusSeconds(2)))
                .when(again)
                .expectResultMessagePayload(true)
                .expectEvents(new PriorityRequested(ID, INTERSECTION, "BUS-1042", "L12", 3, 10, later, later.plusSeconds(20)))
                .expectScheduledDeadlineWithName(later.plusSeconds(20), PriorityRequest.ANSWER_DEADLINE);
    }

    @Test
    void givenAPendingRequest_whenItsNumberComesWithOtherFacts_thenPriorityRequestIsFinal() {
        fixture.given(REQUESTED)
                .when(new RequestPriority(ID, INTERSECTION, "BUS-1042", "L5", 1, 95, T0.plusSeconds(60), ANSWER_BY.plusSeconds(60)))
                .expectExceptionMessage(new RuleViolation(new PriorityRequestIsFinal()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenARequest_whenTheSameIdComesWithOtherFacts_thenPriorityRequestIsFinal() {
        fixture.given(REQUESTED)
                .when(new RequestPriority(ID, INTERSECTION, "BUS-1042", "L5", 2, 95, T0, ANSWER_BY))
                .expectExceptionMessage(new RuleViolation(new PriorityRequestIsFinal()).getMessage())
                .expectNoEvents();
    }

    @Test
    void givenARequest_whenGranted_thenGranted_andTheTimeOutIsCancelled() {
        fixture.givenCurrentTime(T0).andGivenCommands(REQUEST)
                .when(new GrantPriority(ID, T0.plusSeconds(2)))
                .expectEvents(new PriorityGranted(ID, INTERSECTION, "L5", T0.plusSeconds(2)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenAGrantedRequest_whenRejectedLater_thenTheFirstAnswerStands() {
        fixture.given(REQUESTED, new PriorityGranted(ID, INTERSECTION, "L5", T0.plusSeconds(2)))
                .when(new RejectPriority(ID, PriorityRejection.CONFLICTING_REQUEST, T0.plusSeconds(3)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenARequest_whenRejected_thenRejectedWithItsReason_andTheTimeOutIsCancelled() {
        fixture.givenCurrentTime(T0).andGivenCommands(REQUEST)
                .when(new RejectPriority(ID, PriorityRejection.RECENTLY_SERVED, T0.plusSeconds(1)))
                .expectEvents(new PriorityRejected(ID, INTERSECTION, "L5", PriorityRejection.RECENTLY_SERVED, T0.plusSeconds(1)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenAnUnansweredRequest_whenAnswerByPasses_thenItTimesOutAtAnswerBy() {
        fixture.givenCurrentTime(T0).andGivenCommands(REQUEST)
                .whenThenTimeElapses(Duration.ofSeconds(21))
                .expectTriggeredDeadlinesWithName(PriorityRequest.ANSWER_DEADLINE)
                .expectEvents(new PriorityRequestTimedOut(ID, INTERSECTION, "L5", ANSWER_BY));
    }

    @Test
    void givenATimedOutRequest_whenALateGrantArrives_thenNothingChanges() {
        fixture.given(REQUESTED, new PriorityRequestTimedOut(ID, INTERSECTION, "L5", ANSWER_BY))
                .when(new GrantPriority(ID, ANSWER_BY.plusSeconds(5)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenAGrantedRequest_whenTheBusChecksOutTwice_thenOneCheckOutIsRecordedAsAnswered() {
        fixture.given(REQUESTED, new PriorityGranted(ID, INTERSECTION, "L5", T0.plusSeconds(2)),
                        new PriorityCheckedOut(ID, INTERSECTION, "L5", true, T0.plusSeconds(31)))
                .when(new CheckOutPriority(ID, T0.plusSeconds(31)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void givenAnUnansweredRequest_whenTheBusGoesThrough_thenCheckedOutUnanswered_andItStillTimesOut() {
        fixture.givenCurrentTime(T0).andGivenCommands(REQUEST, new CheckOutPriority(ID, T0.plusSeconds(10)))
                .whenThenTimeElapses(Duration.ofSeconds(21))
                .expectEvents(new PriorityRequestTimedOut(ID, INTERSECTION, "L5", ANSWER_BY));
    }

    @Test
    void givenNothing_whenAnAnswerArrivesFirst_thenTheRequestIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new GrantPriority(ID, T0))
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }
}
