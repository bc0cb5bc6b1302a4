package io.pilotage.lighting;

import java.util.Arrays;
import java.util.Optional;

/**
 * What is wrong with a light point: the TALQ failure kinds reported by telemetry, plus the findings
 * patrols and citizens report. Each maps onto the FIWARE Streetlight status it shows as.
 */
public enum FailureKind {
    LAMP_FAILURE("lampFailure", StreetlightStatus.DEFECTIVE_LAMP),
    DIMMING_FAILURE("dimmingFailure", StreetlightStatus.DEFECTIVE_LAMP),
    SUPPLY_LOSS("supplyLoss", StreetlightStatus.DEFECTIVE_LAMP),
    RELAY_FAILURE("relayFailure", StreetlightStatus.DEFECTIVE_LAMP),
    LAMP_UNEXPECTED_ON("lampUnexpectedOn", StreetlightStatus.DEFECTIVE_LAMP),
    COLUMN_DAMAGE("columnDamage", StreetlightStatus.COLUMN_ISSUE),
    BROKEN_LANTERN("brokenLantern", StreetlightStatus.BROKEN_LANTERN);

    private final String talqName;
    private final StreetlightStatus status;

    FailureKind(String talqName, StreetlightStatus status) {
        this.talqName = talqName;
        this.status = status;
    }

    public String talqName() {
        return talqName;
    }

    public StreetlightStatus status() {
        return status;
    }

    /** Accepts the TALQ camelCase name or the enum constant. */
    public static Optional<FailureKind> lookup(String text) {
        return Arrays.stream(values())
                .filter(k -> k.talqName.equalsIgnoreCase(text) || k.name().equalsIgnoreCase(text))
                .findFirst();
    }
}
