package io.pilotage.shared.ingest;

import java.util.Locale;

/** How a telemetry message reached the core. */
public enum Transport {
    MQTT, HTTP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
