package io.pilotage.shared.ingest;

/**
 * The message could not be taken in for a reason that is not its own (the database is unreachable, another node kept
 * writing the same stream): nothing of it was written, and it must be delivered again, not parked.
 */
public class TelemetryUnavailable extends RuntimeException {

    TelemetryUnavailable(Throwable cause) {
        super("Telemetry could not be recorded now: " + cause, cause);
    }
}
