package io.pilotage.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The causal timeline of one intervention, read from the event store: every stored event that touched it, from the
 * lamp failure that caused it to the lamp back on, with who did what, through which channel and what set it in
 * motion. An auditor reconstructs the intervention from these, as it was known at any moment.
 */
public final class AuditTimeline {

    private AuditTimeline() {
    }

    /**
     * The events about the intervention recorded before {@code asOf} (all of them when null). Empty when the
     * intervention had not been opened by then.
     */
    public record FindInterventionTimeline(String interventionId, Instant asOf) {
    }

    /**
     * One stored event. {@code position} is its global index; {@code recordedAt} the time the store recorded it,
     * {@code occurredAt} the time its payload states (null when the payload states none). The actor, role, channel,
     * command, correlation, causation and triggering event come from its metadata (null when a key is absent or
     * the metadata cannot be read); {@code payload} is its payload's fields as stored, before any upcaster (null
     * when the stored bytes are not a JSON object).
     */
    public record TimelineEntry(long position, Instant occurredAt, Instant recordedAt, String eventType,
                                String payloadRevision, String eventId, String aggregateId, long sequenceNumber,
                                String actorId, String actorRole, String channel, String commandName,
                                String correlationId, String causationId, String triggeringEventId,
                                Map<String, Object> payload) {
    }

    /** The entries in position order. */
    public record InterventionTimeline(String interventionId, Instant asOf, List<TimelineEntry> entries) {
        public InterventionTimeline {
            entries = List.copyOf(entries);
        }
    }
}
