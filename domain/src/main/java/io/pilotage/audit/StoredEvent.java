package io.pilotage.audit;

/**
 * One row of the event store exactly as stored: the bytes an auditor's chain link covers. Payload and metadata
 * stay serialized, so a link proves what was written, whatever upcasters make of it when it is read.
 */
public record StoredEvent(long position, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String aggregateType, String timestamp, String payloadType, String payloadRevision,
                          byte[] payload, byte[] metadata) {
}
