package io.pilotage.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * When Dijon's street lights burn: from sunset to sunrise (NOAA's approximation, within a few minutes at this
 * latitude), dimmed to half between 23:00 and 05:00 local time, as the contract's programmes do.
 */
public final class Daylight {

    static final double LATITUDE = 47.32;
    static final double LONGITUDE = 5.04;
    private static final ZoneId LOCAL = ZoneId.of("Europe/Paris");
    private static final LocalTime DIM_FROM = LocalTime.of(23, 0);
    private static final LocalTime DIM_UNTIL = LocalTime.of(5, 0);

    /** Sunrise and sunset of a UTC day, in minutes after its midnight. */
    private record Sun(double riseMinute, double setMinute) {
    }

    private final Map<LocalDate, Sun> days = new HashMap<>();

    /** True between sunset and sunrise. */
    public boolean dark(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Sun sun = days.computeIfAbsent(day, Daylight::sun);
        double minute = (at.getEpochSecond() - day.toEpochDay() * 86_400) / 60.0;
        return minute < sun.riseMinute || minute > sun.setMinute;
    }

    /** The share of its rated power a point draws at that instant: 0 by day, 0.5 dimmed, 1 otherwise. */
    public double level(Instant at) {
        if (!dark(at)) {
            return 0;
        }
        LocalTime local = LocalTime.ofInstant(at, LOCAL);
        return local.isAfter(DIM_FROM) || local.isBefore(DIM_UNTIL) ? 0.5 : 1.0;
    }

    private static Sun sun(LocalDate day) {
        double gamma = 2 * Math.PI / 365 * (day.getDayOfYear() - 1);
        double equationOfTime = 229.18 * (0.000075 + 0.001868 * Math.cos(gamma) - 0.032077 * Math.sin(gamma)
                - 0.014615 * Math.cos(2 * gamma) - 0.040849 * Math.sin(2 * gamma));
        double declination = 0.006918 - 0.399912 * Math.cos(gamma) + 0.070257 * Math.sin(gamma)
                - 0.006758 * Math.cos(2 * gamma) + 0.000907 * Math.sin(2 * gamma)
                - 0.002697 * Math.cos(3 * gamma) + 0.00148 * Math.sin(3 * gamma);
        double latitude = Math.toRadians(LATITUDE);
        double hourAngle = Math.toDegrees(Math.acos(Math.cos(Math.toRadians(90.833)) / (Math.cos(latitude) * Math.cos(declination))
                - Math.tan(latitude) * Math.tan(declination)));
        return new Sun(720 - 4 * (LONGITUDE + hourAngle) - equationOfTime, 720 - 4 * (LONGITUDE - hourAngle) - equationOfTime);
    }
}
