package io.pilotage.shared;

/** Through which door a command entered the system. */
public enum Channel {
    API, IMPORT, TELEMETRY, SIMULATOR, POLICY, DEADLINE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
