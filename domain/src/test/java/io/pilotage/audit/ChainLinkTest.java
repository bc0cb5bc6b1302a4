package io.pilotage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChainLinkTest {

    private static final StoredEvent EVENT = new StoredEvent(42, "e-1", "LP-1", 3, "LightPoint", "2026-11-30T10:00:00Z",
            "io.pilotage.lighting.LightPointEvent$LampFailed", "1", "{\"kind\":\"supplyLoss\"}".getBytes(StandardCharsets.UTF_8),
            "{\"actorId\":\"operator\"}".getBytes(StandardCharsets.UTF_8));

    /**
     * Pinned to the value docs/audit.md derives with a dozen lines of Python (32 zero bytes, then each field
     * length-prefixed, big-endian): an auditor can recompute a link without this code, and changing the
     * encoding, which would break every chain already sealed, cannot happen by accident.
     */
    @Test
    void givenTheGenesisAndAKnownRow_thenTheLinkIsTheOneAnIndependentImplementationComputes() {
        assertThat(ChainLink.hex(ChainLink.next(ChainLink.genesis(), EVENT)))
                .isEqualTo("5f5f5318d59f8c980b7b7a688e3158fe2a5607747bd3ffb0dfa45987cb7a737a");
    }

    @Test
    void givenAnyColumnChanged_thenTheLinkChanges() {
        byte[] original = ChainLink.next(ChainLink.genesis(), EVENT);
        List<UnaryOperator<StoredEvent>> changes = List.of(
                e -> new StoredEvent(43, e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metadata()),
                e -> new StoredEvent(e.position(), "e-2", e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metadata()),
                e -> new StoredEvent(e.position(), e.eventIdentifier(), "LP-2", e.sequenceNumber(), e.aggregateType(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metadata()),
                e -> new StoredEvent(e.position(), e.eventIdentifier(), e.aggregateIdentifier(), 4, e.aggregateType(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metadata()),
                e -> new StoredEvent(e.position(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), "Cabinet", e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), e.metadata()),
                e -> new StoredEvent(e.position(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), "2026-11-30T10:00:01Z", e.payloadType(), e.payloadRevision(), e.payload(), e.metadata()),
                e -> new StoredEvent(e.position(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), e.timestamp(), "Other", e.payloadRevision(), e.payload(), e.metadata()),
                e -> new StoredEvent(e.position(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), e.timestamp(), e.payloadType(), null, e.payload(), e.metadata()),
                e -> new StoredEvent(e.position(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), e.timestamp(), e.payloadType(), e.payloadRevision(), "{}".getBytes(StandardCharsets.UTF_8), e.metadata()),
                e -> new StoredEvent(e.position(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(), e.timestamp(), e.payloadType(), e.payloadRevision(), e.payload(), null));

        for (UnaryOperator<StoredEvent> change : changes) {
            assertThat(ChainLink.next(ChainLink.genesis(), change.apply(EVENT))).isNotEqualTo(original);
        }
    }

    /** Length prefixes keep field boundaries: moving bytes from one field to the next is a different row. */
    @Test
    void givenBytesMovedAcrossAFieldBoundary_thenTheLinkChanges() {
        StoredEvent a = new StoredEvent(1, "ab", "c", 0, null, "t", "p", null, new byte[0], null);
        StoredEvent b = new StoredEvent(1, "a", "bc", 0, null, "t", "p", null, new byte[0], null);
        StoredEvent empty = new StoredEvent(1, "a", "bc", 0, "", "t", "p", null, new byte[0], null);

        assertThat(ChainLink.next(ChainLink.genesis(), a)).isNotEqualTo(ChainLink.next(ChainLink.genesis(), b));
        assertThat(ChainLink.next(ChainLink.genesis(), b)).isNotEqualTo(ChainLink.next(ChainLink.genesis(), empty));
    }

    @Test
    void givenADifferentPreviousLink_thenTheLinkChanges() {
        byte[] first = ChainLink.next(ChainLink.genesis(), EVENT);

        assertThat(ChainLink.next(first, EVENT)).isNotEqualTo(first);
    }
}
