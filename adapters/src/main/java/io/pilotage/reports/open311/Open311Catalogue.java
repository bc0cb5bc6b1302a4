package io.pilotage.reports.open311;

import io.pilotage.reports.ReportIntake;
import io.pilotage.reports.ServiceCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Open311 says about each service of the domain's catalogue beyond its name: the search keywords, and the
 * attributes a client may send with a request ({@code attribute[code]}). A service about equipment has one, naming
 * the equipment by its id; the others have none. Every service of {@link ServiceCode} has an entry.
 */
public final class Open311Catalogue {

    /** One attribute of a service definition, as GeoReport v2 describes it. Always a free string here. */
    public record Attribute(String code, String datatype, boolean required, String datatypeDescription, int order,
                            String description) {
    }

    public static final String LIGHT_POINT_ID = "light_point_id";
    public static final String INTERSECTION_ID = "intersection_id";

    private static final Map<ServiceCode, String> KEYWORDS = new EnumMap<>(Map.of(
            ServiceCode.STREET_LIGHT_OUT, "street light, lamp, lighting, dark, flickering",
            ServiceCode.TRAFFIC_SIGNAL_FAULT, "traffic light, signal, intersection, red, flashing",
            ServiceCode.POTHOLE, "pothole, road, pavement, cycle lane",
            ServiceCode.BULKY_WASTE, "bulky waste, furniture, appliance, mattress",
            ServiceCode.ILLEGAL_DUMPING, "dumping, fly-tipping, rubbish, rubble",
            ServiceCode.GRAFFITI, "graffiti, tag, poster",
            ServiceCode.DAMAGED_STREET_FURNITURE, "bench, bollard, sign, bin, railing",
            ServiceCode.CLEANLINESS, "dirty, litter, glass, bins",
            ServiceCode.OTHER, "other"));

    private static final Map<ServiceCode, List<Attribute>> ATTRIBUTES = new EnumMap<>(Map.of(
            ServiceCode.STREET_LIGHT_OUT, List.of(new Attribute(LIGHT_POINT_ID, "string", false,
                    "The light point's id as painted on its column, e.g. LP-DIJ-000123", 1,
                    "Light point id; when absent, the nearest light point within " + ReportIntake.NEAREST_POINT_METRES
                            + " m of lat/long")),
            ServiceCode.TRAFFIC_SIGNAL_FAULT, List.of(new Attribute(INTERSECTION_ID, "string", false,
                    "The intersection's id as shown on its controller cabinet, e.g. INT-DIJ-042", 1,
                    "Intersection id"))));

    private Open311Catalogue() {
    }

    public static String keywords(ServiceCode service) {
        return KEYWORDS.get(service);
    }

    public static List<Attribute> attributes(ServiceCode service) {
        return ATTRIBUTES.getOrDefault(service, List.of());
    }

    /** The attribute of {@code service} named {@code code}, if the service has one by that name. */
    public static Optional<Attribute> attribute(ServiceCode service, String code) {
        return attributes(service).stream().filter(attribute -> attribute.code().equals(code)).findFirst();
    }
}
