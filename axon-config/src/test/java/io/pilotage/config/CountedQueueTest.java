package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CountedQueueTest {

    /** Any mix of adds, polls and clears leaves the queue holding, in order, what a plain deque holds, and sized alike. */
    @Property
    void anyMixOfAddsAndPolls_keepsOrderAndSize(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 9) Integer> steps) {
        CountedQueue<Integer> queue = new CountedQueue<>();
        ArrayDeque<Integer> expected = new ArrayDeque<>();
        int next = 0;
        for (int step : steps) {
            if (step < 6) {
                assertThat(queue.add(next)).isTrue();
                expected.add(next++);
            } else if (step < 9) {
                assertThat(queue.poll()).isEqualTo(expected.poll());
            } else if (next % 7 == 0) {
                queue.clear();
                expected.clear();
            } else {
                queue.addAll(List.of(next, next + 1));
                expected.addAll(List.of(next, next + 1));
                next += 2;
            }
            assertThat(queue.size()).isEqualTo(expected.size());
            assertThat(queue.isEmpty()).isEqualTo(expected.isEmpty());
            assertThat(queue.peek()).isEqualTo(expected.peek());
        }
        assertThat(new ArrayList<>(queue)).containsExactlyElementsOf(expected);
    }

    /** The work package's use: one thread adds while another polls; every element comes out once, in order. */
    @Test
    void oneAddingThreadAndOnePollingThread_passEveryElementInOrder() {
        CountedQueue<Integer> queue = new CountedQueue<>();
        int count = 200_000;
        CompletableFuture<Void> adding = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < count; i++) {
                queue.add(i);
            }
        });
        List<Integer> polled = new ArrayList<>(count);
        while (polled.size() < count) {
            Integer element = queue.poll();
            if (element != null) {
                polled.add(element);
            }
        }
        adding.join();

        assertThat(queue.size()).isZero();
        assertThat(queue.isEmpty()).isTrue();
        for (int i = 0; i < count; i++) {
            assertThat(polled.get(i)).isEqualTo(i);
        }
    }

    /** An element removed other than by poll would leave the count wrong, so the iterator cannot remove. */
    @Test
    void theIteratorCannotRemove() {
        CountedQueue<String> queue = new CountedQueue<>();
        queue.add("a");
        Iterator<String> iterator = queue.iterator();
        iterator.next();

        assertThatThrownBy(iterator::remove).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> queue.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(queue.size()).isEqualTo(1);
    }
}
