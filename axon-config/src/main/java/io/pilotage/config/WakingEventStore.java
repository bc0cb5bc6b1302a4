package io.pilotage.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The event store as the processors' source (each processor's {@code source} in application.properties), waking
 * them when events are committed instead of leaving them to poll.
 *
 * <p>A pooled processor's coordinator asks its stream to call it back when events become available; the embedded
 * event store's streams cannot, so every coordinator looked again every 500 ms, and a write reached the read models
 * about half a second after its commit. Here every stream accepts the callback: after a unit of work on this node
 * that published events commits, the callbacks run within a millisecond and again 10 and 50 ms later (the store's
 * reader fetches the new events on its own thread meanwhile), each wake-up serving every commit made while it was
 * pending; and every {@code pilotage.processors.wake-interval} they run
 * anyway, for events that other nodes wrote. A callback only asks the coordinator to look: one that finds nothing
 * costs a glance at the stream. Streams that support callbacks themselves (Axon Server's) keep their own.
 */
@Component("wakingEventStore")
class WakingEventStore implements StreamableMessageSource<TrackedEventMessage<?>>, SmartInitializingSingleton, DisposableBean {

    private static final long[] AFTER_COMMIT_MILLIS = {1, 10, 50};

    private final AtomicBoolean[] pending = Stream.generate(AtomicBoolean::new).limit(AFTER_COMMIT_MILLIS.length)
            .toArray(AtomicBoolean[]::new);

    private final ObjectProvider<EventStore> eventStore;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService wakeUps = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "processor-wake-ups");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration interval;

    WakingEventStore(ObjectProvider<EventStore> eventStore, @Value("${pilotage.processors.wake-interval:PT0.25S}") Duration interval) {
        this.eventStore = eventStore;
        this.interval = interval;
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventStore.ifAvailable(store -> ((EventBus) store).subscribe(events -> {
            if (!events.isEmpty() && CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> wakeAfterCommit());
            }
        }));
        wakeUps.scheduleWithFixedDelay(this::wake, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Wakes the processors now and at each of {@link #AFTER_COMMIT_MILLIS}; a wake-up already pending for a moment
     * serves every commit until it runs, so that hundreds of commits a second wake the processors a few times each.
     */
    private void wakeAfterCommit() {
        for (int i = 0; i < AFTER_COMMIT_MILLIS.length; i++) {
            AtomicBoolean due = pending[i];
            if (due.compareAndSet(false, true)) {
                wakeUps.schedule(() -> {
                    due.set(false);
                    wake();
                }, AFTER_COMMIT_MILLIS[i], TimeUnit.MILLISECONDS);
            }
        }
    }

    private void wake() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException ignored) {
                // A coordinator that is stopping may refuse to be scheduled; the others still are.
            }
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WakingStream(eventStore.getObject().openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.getObject().createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.getObject().createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.getObject().createTokenAt(dateTime);
    }

    @Override
    public void destroy() {
        wakeUps.shutdownNow();
    }

    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        private WakingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            if (delegate.setOnAvailableCallback(callback)) {
                return true;
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
