package io.pilotage.shared.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an administrator sees of, and does to, the events that processing groups parked. Implemented where Axon
 * is wired; the edge only asks.
 */
public interface DeadLetterAdmin {

    /** One parked sequence: the events of one aggregate waiting behind the first that failed. */
    record ParkedSequence(String processingGroup, String sequenceIdentifier, long letters, String firstEventId,
                          String firstEventType, String causeType, String causeMessage, Instant enqueuedAt,
                          Instant lastTouched) {
    }

    record DeadLetters(List<ParkedSequence> items, long totalLetters) {
    }

    List<String> processingGroups();

    DeadLetters parked();

    /**
     * Retries a parked sequence now. Empty when the group or the sequence is unknown; otherwise whether every
     * letter of it was handled (false: it failed again and stays parked).
     */
    Optional<Boolean> retry(String processingGroup, String sequenceIdentifier);
}
