package io.pilotage.bench;

import io.pilotage.lighting.LampTechnology;
import io.pilotage.shared.Commune;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A metropole's street-lighting inventory, generated from a seed: the same seed gives the same city, byte for
 * byte. By default Dijon-sized: 34,000 light points behind 1,100 control cabinets over the 23 communes of Dijon
 * Métropole. Each commune gets cabinets and points in proportion to its {@link CommuneSite#lightingWeight()};
 * cabinets stand around the commune's centre, points around their cabinet (a street's length away), so a
 * cabinet feeds its neighbourhood. Lamps are LED of 18 to 120 W, each replacing a sodium lamp of 70 to 250 W,
 * except a few sodium lamps not renewed yet.
 */
public record City(long seed, List<Cabinet> cabinets, List<LightPoint> points) {

    public static final int DIJON_POINTS = 34_000;
    public static final int DIJON_CABINETS = 1_100;

    /** A control cabinet; {@code loadW} is the rated power of the points it feeds. */
    public record Cabinet(String id, Commune commune, double latitude, double longitude, int loadW) {
    }

    public record LightPoint(String id, Commune commune, double latitude, double longitude, String cabinetId,
                             int ratedPowerW, int legacyPowerW, LampTechnology technology) {
    }

    public City {
        cabinets = List.copyOf(cabinets);
        points = List.copyOf(points);
    }

    public static City dijon(long seed) {
        return generate(seed, DIJON_POINTS, DIJON_CABINETS);
    }

    public static City generate(long seed, int pointCount, int cabinetCount) {
        if (cabinetCount < CommuneSite.DIJON_METROPOLE.size() || pointCount < cabinetCount) {
            throw new IllegalArgumentException("Needs a cabinet per commune at least, and a point per cabinet");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<CommuneSite> sites = CommuneSite.DIJON_METROPOLE;
        double[] weights = sites.stream().mapToDouble(CommuneSite::lightingWeight).toArray();
        int[] pointsPerCommune = apportion(pointCount, weights, 1);
        int[] cabinetsPerCommune = apportion(cabinetCount, toDoubles(pointsPerCommune), 1);

        List<Cabinet> cabinets = new ArrayList<>(cabinetCount);
        List<LightPoint> points = new ArrayList<>(pointCount);
        for (int c = 0; c < sites.size(); c++) {
            CommuneSite site = sites.get(c);
            int firstCabinet = cabinets.size();
            double[] cabinetLat = new double[cabinetsPerCommune[c]];
            double[] cabinetLon = new double[cabinetsPerCommune[c]];
            double[] size = new double[cabinetsPerCommune[c]];
            for (int k = 0; k < cabinetsPerCommune[c]; k++) {
                double[] at = around(random, site.latitude(), site.longitude(), site.radiusKm() / 2);
                cabinetLat[k] = at[0];
                cabinetLon[k] = at[1];
                // Cabinets differ: a cul-de-sac's feeds a handful of points, an avenue's sixty.
                size[k] = Math.exp(random.nextGaussian() * 0.45);
            }
            int[] pointsPerCabinet = apportion(pointsPerCommune[c], size, 1);
            int[] loads = new int[cabinetsPerCommune[c]];
            int number = 0;
            for (int k = 0; k < cabinetsPerCommune[c]; k++) {
                String cabinetId = String.format(Locale.ROOT, "CAB-%s-%03d", site.code(), k + 1);
                for (int p = 0; p < pointsPerCabinet[k]; p++) {
                    double[] at = around(random, cabinetLat[k], cabinetLon[k], 0.15);
                    Lamp lamp = Lamp.draw(random);
                    loads[k] += lamp.ratedPowerW;
                    points.add(new LightPoint(String.format(Locale.ROOT, "LP-%s-%06d", site.code(), ++number), site.commune(),
                            round(at[0]), round(at[1]), cabinetId, lamp.ratedPowerW, lamp.legacyPowerW, lamp.technology));
                }
            }
            for (int k = 0; k < cabinetsPerCommune[c]; k++) {
                cabinets.add(new Cabinet(String.format(Locale.ROOT, "CAB-%s-%03d", site.code(), k + 1), site.commune(),
                        round(cabinetLat[k]), round(cabinetLon[k]), loads[k]));
            }
            assert cabinets.size() - firstCabinet == cabinetsPerCommune[c];
        }
        return new City(seed, cabinets, points);
    }

    /** The inventory as the import endpoint takes it (docs/lighting.md, "Inventory import"). */
    public void writeInventoryCsv(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("light_point_id,commune,latitude,longitude,cabinet_id,rated_power_w,legacy_power_w,technology\n");
            for (LightPoint point : points) {
                out.write(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%s,%d,%d,%s%n", point.id(),
                        point.commune().displayName(), point.latitude(), point.longitude(), point.cabinetId(),
                        point.ratedPowerW(), point.legacyPowerW(), point.technology()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One cabinet a line, tab-separated: id, commune (enum name, which the API accepts), latitude, longitude,
     * load in W. The wrk scripts read it to address existing cabinets and to give new points a real one.
     */
    public void writeCabinets(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Cabinet cabinet : cabinets) {
                out.write(String.format(Locale.ROOT, "%s\t%s\t%.6f\t%.6f\t%d%n", cabinet.id(), cabinet.commune().name(),
                        cabinet.latitude(), cabinet.longitude(), cabinet.loadW()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads back what {@link #writeCabinets} wrote. */
    public static List<Cabinet> readCabinets(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).map(line -> {
                String[] cells = line.split("\t");
                return new Cabinet(cells[0], Commune.valueOf(cells[1]), Double.parseDouble(cells[2]),
                        Double.parseDouble(cells[3]), Integer.parseInt(cells[4]));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Lamp(int ratedPowerW, int legacyPowerW, LampTechnology technology) {
        private static final int[] LED_W = {18, 25, 30, 36, 40, 50, 60, 75, 90, 120};
        private static final int[] LED_WEIGHT = {4, 10, 16, 18, 18, 14, 10, 5, 3, 2};
        private static final int[] SODIUM_W = {70, 100, 150, 250};

        static Lamp draw(SplittableRandom random) {
            if (random.nextInt(100) < 3) {
                int sodium = SODIUM_W[random.nextInt(3)];
                return new Lamp(sodium, sodium, LampTechnology.HIGH_PRESSURE_SODIUM);
            }
            int led = LED_W[pick(random, LED_WEIGHT)];
            // The lamp it replaced drew about three times as much: the sodium rating nearest to that.
            int legacy = SODIUM_W[SODIUM_W.length - 1];
            for (int sodium : SODIUM_W) {
                if (sodium >= led * 2.6) {
                    legacy = sodium;
                    break;
                }
            }
            return new Lamp(led, legacy, LampTechnology.LED);
        }
    }

    static int pick(SplittableRandom random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Splits {@code total} in proportion to {@code weights} (largest remainders), each part at least {@code floor}. */
    static int[] apportion(int total, double[] weights, int floor) {
        int n = weights.length;
        int[] parts = new int[n];
        int rest = total - floor * n;
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        double[] remainders = new double[n];
        int given = 0;
        for (int i = 0; i < n; i++) {
            double exact = rest * weights[i] / sum;
            parts[i] = floor + (int) Math.floor(exact);
            remainders[i] = exact - Math.floor(exact);
            given += parts[i];
        }
        while (given < total) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = -1;
            given++;
        }
        return parts;
    }

    private static double[] toDoubles(int[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    /** A point at a normally distributed distance (sigma in km) from the given one. */
    private static double[] around(SplittableRandom random, double latitude, double longitude, double sigmaKm) {
        double north = random.nextGaussian() * sigmaKm;
        double east = random.nextGaussian() * sigmaKm;
        return new double[] {latitude + north / 111.2, longitude + east / (111.2 * Math.cos(Math.toRadians(latitude)))};
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
