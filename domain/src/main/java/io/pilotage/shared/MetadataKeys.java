package io.pilotage.shared;

/**
 * Keys of the metadata every command and event carries. Auditors read history from these, so the
 * names are part of the message contract and never change.
 */
public final class MetadataKeys {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String CHANNEL = "channel";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    private MetadataKeys() {
    }
}
