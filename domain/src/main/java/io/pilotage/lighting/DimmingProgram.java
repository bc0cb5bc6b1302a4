package io.pilotage.lighting;

import io.pilotage.shared.InvalidValue;
import java.util.List;

/** A named TALQ dimming program: the ordered steps a light point follows every night. */
public record DimmingProgram(String name, List<DimmingStep> steps) {

    public DimmingProgram {
        InvalidValue.require(name != null && !name.isBlank() && name.length() <= 64, "name", "must be 1 to 64 characters");
        InvalidValue.require(steps != null && !steps.isEmpty() && steps.size() <= 24, "steps", "must hold 1 to 24 steps");
        steps = List.copyOf(steps);
    }
}
