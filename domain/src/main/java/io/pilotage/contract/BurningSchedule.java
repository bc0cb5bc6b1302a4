package io.pilotage.contract;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the lights are scheduled to burn: from sunset to the next sunrise at the metropole, as the astronomical
 * clocks of the cabinets switch them. Sunset and sunrise follow the sunrise equation (the sun's centre 0.833 degrees
 * below the horizon, for refraction and the solar disc), accurate to a minute or two at this latitude. The
 * availability KPI counts a point's failure only over these hours: a lamp out at noon costs nobody any light.
 */
public final class BurningSchedule {

    /** Dijon, where the metropole's lights are. */
    public static final BurningSchedule METROPOLE = new BurningSchedule(47.322, 5.041);

    private static final double EPOCH_JULIAN_DAY = 2440587.5;
    private static final double J2000 = 2451545.0;

    private final double latitude;
    private final double longitude;
    private final Map<LocalDate, Instant[]> days = new ConcurrentHashMap<>();

    public BurningSchedule(double latitude, double longitude) {
        this.latitude = latitude;
        this.longitude = longitude;
    }

    /** Sunrise and sunset of a (UTC) date, as instants. */
    public Instant[] sunriseAndSunset(LocalDate date) {
        return days.computeIfAbsent(date, this::compute);
    }

    private Instant[] compute(LocalDate date) {
        double n = Math.ceil(date.toEpochDay() + EPOCH_JULIAN_DAY - J2000 + 0.0008);
        double meanSolarTime = n - longitude / 360.0;
        double anomaly = Math.toRadians((357.5291 + 0.98560028 * meanSolarTime) % 360.0);
        double centre = 1.9148 * Math.sin(anomaly) + 0.0200 * Math.sin(2 * anomaly) + 0.0003 * Math.sin(3 * anomaly);
        double eclipticLongitude = Math.toRadians((Math.toDegrees(anomaly) + centre + 180.0 + 102.9372) % 360.0);
        double transit = J2000 + meanSolarTime + 0.0053 * Math.sin(anomaly) - 0.0069 * Math.sin(2 * eclipticLongitude);
        double declination = Math.asin(Math.sin(eclipticLongitude) * Math.sin(Math.toRadians(23.4397)));
        double phi = Math.toRadians(latitude);
        double cosHourAngle = (Math.sin(Math.toRadians(-0.833)) - Math.sin(phi) * Math.sin(declination))
                / (Math.cos(phi) * Math.cos(declination));
        double hourAngle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cosHourAngle))));
        return new Instant[] {julian(transit - hourAngle / 360.0), julian(transit + hourAngle / 360.0)};
    }

    private static Instant julian(double julianDay) {
        return Instant.ofEpochMilli(Math.round((julianDay - EPOCH_JULIAN_DAY) * 86_400_000.0));
    }

    /** The scheduled burning time within [from, to): the nights' overlap with it. */
    public Duration burningWithin(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        long millis = 0;
        LocalDate first = LocalDate.ofInstant(from, java.time.ZoneOffset.UTC).minusDays(1);
        LocalDate last = LocalDate.ofInstant(to, java.time.ZoneOffset.UTC);
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            Instant dusk = sunriseAndSunset(date)[1];
            Instant dawn = sunriseAndSunset(date.plusDays(1))[0];
            Instant start = dusk.isAfter(from) ? dusk : from;
            Instant end = dawn.isBefore(to) ? dawn : to;
            if (end.isAfter(start)) {
                millis += Duration.between(start, end).toMillis();
            }
        }
        return Duration.ofMillis(millis);
    }
}
