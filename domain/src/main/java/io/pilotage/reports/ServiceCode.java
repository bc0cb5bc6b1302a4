package io.pilotage.reports;

import io.pilotage.shared.InvalidValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The catalogue of what citizens may report, as Open311 {@code services} list it. {@code code} is the stable
 * {@code service_code}; {@code assetKind} names
 * the equipment a report of this service is about, when there is one (a light point, an intersection).
 */
public enum ServiceCode {
    STREET_LIGHT_OUT("street-light-out", "Street light out", "A street light that is off, flickering or on by day.",
            "lighting", "light point"),
    TRAFFIC_SIGNAL_FAULT("traffic-signal-fault", "Traffic signal fault", "A traffic light that is dark, flashing or stuck.",
            "traffic", "intersection"),
    POTHOLE("pothole", "Pothole", "A hole or a sunken patch in a road, a cycle lane or a pavement.",
            "roads", null),
    BULKY_WASTE("bulky-waste", "Bulky waste", "Furniture, appliances or other large items left on the public space.",
            "cleanliness", null),
    ILLEGAL_DUMPING("illegal-dumping", "Illegal dumping", "Rubbish, rubble or garden waste dumped where it must not be.",
            "cleanliness", null),
    GRAFFITI("graffiti", "Graffiti", "Graffiti or posters on public buildings or street furniture.",
            "cleanliness", null),
    DAMAGED_STREET_FURNITURE("damaged-street-furniture", "Damaged street furniture",
            "A broken bench, bollard, sign, bin or railing.", "roads", null),
    CLEANLINESS("cleanliness", "Cleanliness", "A dirty street, overflowing bins, broken glass.",
            "cleanliness", null),
    OTHER("other", "Other", "Anything else on the public space.", "other", null);

    private final String code;
    private final String displayName;
    private final String description;
    private final String group;
    private final String assetKind;

    ServiceCode(String code, String displayName, String description, String group, String assetKind) {
        this.code = code;
        this.displayName = displayName;
        this.description = description;
        this.group = group;
        this.assetKind = assetKind;
    }

    public String code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public String group() {
        return group;
    }

    /** The kind of equipment a report names by id, or empty when reports of this service are about a place. */
    public Optional<String> assetKind() {
        return Optional.ofNullable(assetKind);
    }

    public static Optional<ServiceCode> lookup(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(service -> service.code.equals(wanted)).findFirst();
    }

    public static ServiceCode parse(String code, String field) {
        return lookup(code).orElseThrow(() -> new InvalidValue(field, "must be one of the service codes of GET /open311/v2/services.json"));
    }
}
