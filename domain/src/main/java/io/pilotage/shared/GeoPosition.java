package io.pilotage.shared;


/** A WGS84 position (EPSG:4326), in decimal degrees. */
public record GeoPosition(double latitude, double longitude) {

    public GeoPosition {
        InvalidValue.require(Double.isFinite(latitude) && latitude >= -90 && latitude <= 90,
                "latitude", "must be a WGS84 latitude between -90 and 90");
        InvalidValue.require(Double.isFinite(longitude) && longitude >= -180 && longitude <= 180,
                "longitude", "must be a WGS84 longitude between -180 and 180");
    }
}
