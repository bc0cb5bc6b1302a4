package io.pilotage.bench;

import io.pilotage.shared.Commune;
import java.util.Arrays;
import java.util.List;

/**
 * Where each commune of Dijon Métropole lies and how big it is: the town hall's position (WGS84) and the
 * population, rounded (INSEE, about 2021). The generator spreads a commune's cabinets around its centre over
 * a radius that grows with the population, and gives it a share of the light points that grows with it too,
 * with a floor: a village of 300 still lights its streets.
 */
public record CommuneSite(Commune commune, String code, double latitude, double longitude, int population) {

    public static final List<CommuneSite> DIJON_METROPOLE = List.of(
            new CommuneSite(Commune.AHUY, "AHU", 47.3697, 5.0206, 1_300),
            new CommuneSite(Commune.BRESSEY_SUR_TILLE, "BRE", 47.3103, 5.1839, 1_000),
            new CommuneSite(Commune.BRETENIERE, "BRT", 47.2392, 5.1119, 900),
            new CommuneSite(Commune.CHENOVE, "CHE", 47.2928, 5.0053, 14_000),
            new CommuneSite(Commune.CHEVIGNY_SAINT_SAUVEUR, "CHV", 47.2997, 5.1353, 11_000),
            new CommuneSite(Commune.CORCELLES_LES_MONTS, "COR", 47.2986, 4.9392, 700),
            new CommuneSite(Commune.DAIX, "DAI", 47.3506, 4.9983, 1_500),
            new CommuneSite(Commune.DIJON, "DIJ", 47.3220, 5.0415, 159_000),
            new CommuneSite(Commune.FENAY, "FEN", 47.2353, 5.0608, 1_700),
            new CommuneSite(Commune.FLAVIGNEROT, "FLA", 47.2889, 4.9475, 200),
            new CommuneSite(Commune.FONTAINE_LES_DIJON, "FON", 47.3422, 5.0211, 9_000),
            new CommuneSite(Commune.HAUTEVILLE_LES_DIJON, "HAU", 47.3658, 4.9944, 1_200),
            new CommuneSite(Commune.LONGVIC, "LON", 47.2886, 5.0622, 9_000),
            new CommuneSite(Commune.MAGNY_SUR_TILLE, "MAG", 47.2819, 5.1725, 900),
            new CommuneSite(Commune.MARSANNAY_LA_COTE, "MAR", 47.2711, 4.9894, 5_300),
            new CommuneSite(Commune.NEUILLY_CRIMOLOIS, "NEU", 47.2650, 5.1108, 2_500),
            new CommuneSite(Commune.OUGES, "OUG", 47.2639, 5.0725, 1_500),
            new CommuneSite(Commune.PERRIGNY_LES_DIJON, "PER", 47.2658, 5.0069, 1_700),
            new CommuneSite(Commune.PLOMBIERES_LES_DIJON, "PLO", 47.3378, 4.9678, 2_800),
            new CommuneSite(Commune.QUETIGNY, "QUE", 47.3147, 5.1075, 9_500),
            new CommuneSite(Commune.SAINT_APOLLINAIRE, "SAP", 47.3314, 5.0844, 7_500),
            new CommuneSite(Commune.SENNECEY_LES_DIJON, "SEN", 47.2897, 5.1033, 2_300),
            new CommuneSite(Commune.TALANT, "TAL", 47.3369, 5.0072, 11_000));

    /** Light points follow population, but no commune has fewer than a small town's share. */
    double lightingWeight() {
        return population + 2_000;
    }

    /** How far from the centre its streets reach: about 2.6 km for Dijon, under 1 km for a village. */
    double radiusKm() {
        return 0.6 + Math.sqrt(population) / 200;
    }

    public static CommuneSite of(Commune commune) {
        return DIJON_METROPOLE.stream().filter(site -> site.commune == commune).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No site for " + commune));
    }

    static boolean coversEveryCommune() {
        return Arrays.stream(Commune.values()).allMatch(c -> DIJON_METROPOLE.stream().anyMatch(s -> s.commune == c));
    }
}
