package io.pilotage.lighting;

/** Who noticed a failure. */
public enum FailureSource {
    TELEMETRY, CITIZEN, PATROL
}
