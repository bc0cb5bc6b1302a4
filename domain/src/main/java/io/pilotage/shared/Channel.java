package io.pilotage.shared;

/**
 * Through which door a command entered the system. {@code CONFIGURATION}: the application's own configuration,
 * read on start (the contract's first terms). {@code OPEN311}: a citizens' app or integrator posting through the
 * Open311 GeoReport v2 endpoint with an API key.
 */
public enum Channel {
    API, IMPORT, TELEMETRY, SIMULATOR, POLICY, DEADLINE, CONFIGURATION, OPEN311;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
