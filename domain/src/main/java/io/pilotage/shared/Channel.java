package io.pilotage.shared;

/**
 * Through which door a command entered the system. {@code CONFIGURATION}: the application's own configuration,
 * read on start (the contract's first terms).
 */
public enum Channel {
    API, IMPORT, TELEMETRY, SIMULATOR, POLICY, DEADLINE, CONFIGURATION;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
