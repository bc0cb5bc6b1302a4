package io.pilotage.traffic;

import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;

/** One signal group of an intersection: J2735's SignalGroupID (1 to 255) and the movement it controls. */
public record SignalGroup(int id, String movement) {

    public SignalGroup {
        requireId(id, "signalGroups.id");
        Text.requireLine(movement, "signalGroups.movement", 120);
    }

    /** J2735 reserves 0 for "not available"; 255 is its largest value. */
    public static void requireId(int id, String field) {
        InvalidValue.require(id >= 1 && id <= 255, field, "must be a signal group id from 1 to 255");
    }
}
