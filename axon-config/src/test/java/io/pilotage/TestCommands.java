package io.pilotage;

import io.pilotage.lighting.CabinetId;
import io.pilotage.lighting.LampTechnology;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.lighting.LightPointId;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.time.Instant;

/** Commands that tests send straight to the command gateway, written once. */
public final class TestCommands {

    private TestCommands() {
    }

    /** A 40 W LED point in Dijon (it replaced a 150 W lamp), next to the given cabinet. */
    public static RegisterLightPoint registerLightPoint(String point, String cabinet, Instant registeredAt) {
        return new RegisterLightPoint(new LightPointId(point), Commune.DIJON, new GeoPosition(47.3220, 5.0410),
                new CabinetId(cabinet), 40, 150, LampTechnology.LED, registeredAt);
    }
}
