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
    /** The message that directly caused this one: for an event, its command (or deadline). */
    public static final String CAUSATION_ID = "causationId";
    /** The command, or the deadline, whose handling produced the event. Commands are not stored: these keep them. */
    public static final String COMMAND_ID = "commandId";
    public static final String COMMAND_NAME = "commandName";
    /**
     * The command that was asked for, when the event's own command is a step of it: {@code AssignCrew} for the
     * {@code CrewCommitted} its process's {@code CommitCrew} produced. Equal to the command otherwise.
     */
    public static final String ORIGIN_COMMAND_ID = "originCommandId";
    public static final String ORIGIN_COMMAND_NAME = "originCommandName";
    /**
     * The stored event that set this one in motion: the event a policy reacted to, or the event that started
     * the clock a deadline belongs to. Absent when a person asked directly.
     */
    public static final String TRIGGERING_EVENT_ID = "triggeringEventId";

    /** Every event carries these. */
    public static final java.util.List<String> ALWAYS = java.util.List.of(ACTOR_ID, ACTOR_ROLE, CHANNEL, CORRELATION_ID,
            CAUSATION_ID, COMMAND_ID, COMMAND_NAME, ORIGIN_COMMAND_ID, ORIGIN_COMMAND_NAME);
    /** The role recorded for what the system does by itself (policies, deadlines). */
    public static final String SYSTEM_ROLE = "SYSTEM";

    private MetadataKeys() {
    }
}
