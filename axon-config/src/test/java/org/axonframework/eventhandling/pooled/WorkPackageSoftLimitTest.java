package org.axonframework.eventhandling.pooled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;

/**
 * Our copy of Axon 4.13.0's {@link WorkPackage} asks its coordinator to pause only when four buffers of events wait in
 * its queue, not one: the coordinator's pause is 100 ms, longer than a work package takes to drain one buffer during a
 * catch-up. The worker never runs here (its executor is a mock), so the queue only fills.
 */
class WorkPackageSoftLimitTest {

    @Test
    void givenAWorkerThatDoesNotRun_whenEventsAreScheduled_thenTheCoordinatorIsAskedToPauseAtFourBuffers() {
        ExecutorService worker = mock(ExecutorService.class);
        List<Segment> offeredSegments = new ArrayList<>();
        WorkPackage workPackage = WorkPackage.builder()
                .name("soft-limit")
                .tokenStore(mock(TokenStore.class))
                .transactionManager(NoTransactionManager.INSTANCE)
                .executorService(worker)
                .eventFilter((event, segment) -> offeredSegments.add(segment))
                .batchProcessor((events, unitOfWork, segments) -> {
                })
                .segment(Segment.ROOT_SEGMENT)
                .initialToken(null)
                .segmentStatusUpdater(update -> {
                })
                .build();

        int softLimit = 4 * WorkPackage.BUFFER_SIZE;
        for (int position = 0; position < softLimit - 1; position++) {
            assertThat(workPackage.scheduleEvent(event(position))).isTrue();
        }
        assertThat(workPackage.hasRemainingCapacity()).as("one event short of the limit").isTrue();

        workPackage.scheduleEvent(event(softLimit - 1));
        assertThat(workPackage.hasRemainingCapacity()).as("at the limit").isFalse();
        assertThat(offeredSegments).hasSize(softLimit).containsOnly(Segment.ROOT_SEGMENT);
        verify(worker, times(1)).submit(any(Runnable.class));
    }

    private static TrackedEventMessage<?> event(long position) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                GenericEventMessage.asEventMessage("reading " + position));
    }
}
