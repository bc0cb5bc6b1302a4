package io.pilotage.contract;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
        return Duration.ofMillis(cumulativeMillis(to) - cumulativeMillis(from));
    }

    /**
     * The burning time from {@link #ORIGIN} to {@code at} in milliseconds (negative before it): the burning time
     * within [a, b) is {@code cumulativeMillis(b) - cumulativeMillis(a)}. A read model that stores this figure for
     * the ends of a span sums burning hours in SQL, without walking nights one by one.
     */
    public long cumulativeMillis(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        long sinceMidnight = overlap(day.minusDays(1), day.atStartOfDay().toInstant(ZoneOffset.UTC), at)
                + overlap(day, day.atStartOfDay().toInstant(ZoneOffset.UTC), at);
        return beforeDay(day) + sinceMidnight;
    }

    /** The first instant the cumulative burning time counts from. */
    public static final Instant ORIGIN = Instant.parse("2000-01-01T00:00:00Z");
    private static final LocalDate ORIGIN_DAY = LocalDate.of(2000, 1, 1);

    /** Burning time before each day's midnight (UTC), from the origin: filled as far as asked, once. */
    private long[] prefix = {0};

    private synchronized long beforeDay(LocalDate day) {
        long index = day.toEpochDay() - ORIGIN_DAY.toEpochDay();
        if (index < 0) {
            long millis = 0;
            for (LocalDate d = day; d.isBefore(ORIGIN_DAY); d = d.plusDays(1)) {
                millis += wholeDay(d);
            }
            return -millis;
        }
        if (index >= prefix.length) {
            long[] grown = java.util.Arrays.copyOf(prefix, (int) Math.max(index + 1, prefix.length * 2L));
            for (int i = prefix.length; i < grown.length; i++) {
                grown[i] = grown[i - 1] + wholeDay(ORIGIN_DAY.plusDays(i - 1));
            }
            prefix = grown;
        }
        return prefix[(int) index];
    }

    /** The burning time within one UTC day: the end of the previous night and the start of its own. */
    private long wholeDay(LocalDate day) {
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = start.plus(Duration.ofDays(1));
        return overlap(day.minusDays(1), start, end) + overlap(day, start, end);
    }

    /** How much of the night that starts at the sunset of {@code date} lies within [from, to). */
    private long overlap(LocalDate date, Instant from, Instant to) {
        Instant dusk = sunriseAndSunset(date)[1];
        Instant dawn = sunriseAndSunset(date.plusDays(1))[0];
        Instant start = dusk.isAfter(from) ? dusk : from;
        Instant end = dawn.isBefore(to) ? dawn : to;
        return end.isAfter(start) ? Duration.between(start, end).toMillis() : 0;
    }
}
