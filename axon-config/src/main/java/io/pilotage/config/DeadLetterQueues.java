package io.pilotage.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotage.shared.web.DeadLetterAdmin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The dead letters of every processing group: counted per group in {@code pilotage.dead_letters}, retried on a
 * schedule (a letter parked by a passing fault goes through on the next round; one that fails for good stays,
 * visible), and shown to administrators. Several nodes may retry at once: the queue claims a sequence before
 * processing it.
 */
@Component
class DeadLetterQueues implements DeadLetterAdmin, SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueues.class);
    /** Sequences retried per group and round, so that a long queue cannot hold the scheduler. */
    private static final int RETRIES_PER_ROUND = 20;

    private final EventProcessingConfiguration processing;
    private final MeterRegistry meters;

    DeadLetterQueues(EventProcessingConfiguration processing, MeterRegistry meters) {
        this.processing = processing;
        this.meters = meters;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String group : processingGroups()) {
            processing.deadLetterQueue(group).ifPresent(queue -> Gauge.builder("pilotage.dead_letters", queue,
                            SequencedDeadLetterQueue::size)
                    .tag("processing_group", group).description("Events parked in the group's dead-letter queue")
                    .register(meters));
        }
    }

    @Override
    public List<String> processingGroups() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    @Override
    public DeadLetters parked() {
        List<ParkedSequence> items = new ArrayList<>();
        long total = 0;
        for (String group : processingGroups()) {
            Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(group);
            if (queue.isEmpty()) {
                continue;
            }
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.get().deadLetters()) {
                long letters = 0;
                DeadLetter<? extends EventMessage<?>> first = null;
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    first = first == null ? letter : first;
                    letters++;
                }
                if (first != null) {
                    total += letters;
                    items.add(view(group, first, letters));
                }
            }
        }
        items.sort(Comparator.comparing(ParkedSequence::enqueuedAt));
        return new DeadLetters(items, total);
    }

    @Override
    public Optional<Boolean> retry(String processingGroup, String sequenceIdentifier) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(processingGroup);
        if (queue.isEmpty() || !queue.get().contains(sequenceIdentifier)) {
            return Optional.empty();
        }
        return processing.sequencedDeadLetterProcessor(processingGroup).map(processor -> processor.process(
                letter -> sequenceOf(letter).equals(sequenceIdentifier)));
    }

    /** Each round gives every parked sequence another chance, a bounded number per group. */
    @Scheduled(fixedDelayString = "${pilotage.dead-letters.retry-interval:PT1M}",
            initialDelayString = "${pilotage.dead-letters.retry-interval:PT1M}")
    void retryParked() {
        for (String group : processingGroups()) {
            Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor = processing.sequencedDeadLetterProcessor(group);
            if (processor.isEmpty() || processing.deadLetterQueue(group).map(SequencedDeadLetterQueue::size).orElse(0L) == 0) {
                continue;
            }
            int handled = 0;
            for (int attempt = 0; attempt < RETRIES_PER_ROUND && processor.get().processAny(); attempt++) {
                handled++;
            }
            if (handled > 0) {
                LOG.info("Retried dead letters of {}: {} sequence(s) handled", group, handled);
            }
        }
    }

    private static ParkedSequence view(String group, DeadLetter<? extends EventMessage<?>> first, long letters) {
        EventMessage<?> message = first.message();
        Optional<Cause> cause = first.cause();
        return new ParkedSequence(group, sequenceOf(first), letters, message.getIdentifier(),
                message.getPayloadType().getSimpleName(), cause.map(Cause::type).orElse(null),
                cause.map(Cause::message).orElse(null), first.enqueuedAt(), first.lastTouched());
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : String.valueOf(letter.message());
    }
}
