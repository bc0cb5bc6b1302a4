package io.pilotage.lighting;

import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import java.util.List;

/** A named TALQ dimming program: the ordered steps a light point follows every night. */
public record DimmingProgram(String name, List<DimmingStep> steps) {

    public DimmingProgram {
        Text.requireLine(name, "name", 64);
        InvalidValue.require(steps != null && !steps.isEmpty() && steps.size() <= 24, "steps", "must hold 1 to 24 steps");
        steps = List.copyOf(steps);
    }
}
