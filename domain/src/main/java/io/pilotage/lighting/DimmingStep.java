package io.pilotage.lighting;

import io.pilotage.shared.InvalidValue;
import java.time.LocalTime;

/**
 * One step of a TALQ dimming program: from this moment on, burn at this level (0-100 %). A step is
 * anchored at a fixed local time or at an offset in minutes from sunset or sunrise.
 */
public record DimmingStep(Anchor anchor, LocalTime at, int offsetMinutes, int level) {

    public enum Anchor { FIXED_TIME, SUNSET, SUNRISE }

    public DimmingStep {
        InvalidValue.requireNonNull(anchor, "anchor");
        InvalidValue.require(level >= 0 && level <= 100, "level", "must be between 0 and 100");
        if (anchor == Anchor.FIXED_TIME) {
            InvalidValue.requireNonNull(at, "at");
            InvalidValue.require(offsetMinutes == 0, "offsetMinutes", "must be 0 for a fixed-time step");
        } else {
            InvalidValue.require(at == null, "at", "must be empty for a step anchored at sunset or sunrise");
            InvalidValue.require(Math.abs(offsetMinutes) <= 360, "offsetMinutes", "must be within 6 hours of sunset or sunrise");
        }
    }
}
