package io.pilotage.config;

import java.util.AbstractQueue;
import java.util.Collections;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue over a {@link ConcurrentLinkedQueue} whose {@link #size()} is a counter instead of a walk through every
 * element.
 * <p>
 * Axon 4.13.0's pooled processors keep a queue of events per work package (up to 1,024 in Axon's, 4,096 in our copy),
 * and the coordinator asks each queue's size before it reads every event ({@code WorkPackage.hasRemainingCapacity()}).
 * {@code ConcurrentLinkedQueue.size()} walks the queue, so a catch-up with four full queues of 1,024 walked about
 * 4,000 nodes per event: a quarter of the CPU of a projection's replay in a profile of B5 (docs/performance.md). Axon
 * leaves no way to hand it another queue, so {@code org.axonframework.eventhandling.pooled.WorkPackage} is a copy of
 * Axon 4.13.0's with this queue in place of its own, and {@code AxonPatchTest} fails when Axon's version changes under
 * that copy.
 * <p>
 * Elements go in only through {@code offer} (and {@code add}, {@code addAll}, which call it) and out only through
 * {@code poll} (and {@code clear}, which calls it), the two ways the work package uses its queue (its coordinator
 * adds, its worker polls); the iterator cannot remove. The count may lag the queue by an element while both run, as
 * {@code ConcurrentLinkedQueue.size()} itself may: the work package reads it as a capacity check, not a measure.
 */
public final class CountedQueue<E> extends AbstractQueue<E> {

    private final Queue<E> elements = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public boolean offer(E element) {
        boolean added = elements.offer(element);
        if (added) {
            count.incrementAndGet();
        }
        return added;
    }

    @Override
    public E poll() {
        E element = elements.poll();
        if (element != null) {
            count.decrementAndGet();
        }
        return element;
    }

    @Override
    public E peek() {
        return elements.peek();
    }

    @Override
    public boolean isEmpty() {
        return elements.isEmpty();
    }

    @Override
    public int size() {
        return Math.max(0, count.get());
    }

    @Override
    public Iterator<E> iterator() {
        return Collections.unmodifiableCollection(elements).iterator();
    }
}
