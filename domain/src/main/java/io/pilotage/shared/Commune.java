package io.pilotage.shared;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import java.util.Map;

/** The 23 communes of Dijon Métropole. Light points and cabinets belong to exactly one. */
public enum Commune {
    AHUY("Ahuy"),
    BRESSEY_SUR_TILLE("Bressey-sur-Tille"),
    BRETENIERE("Bretenière"),
    CHENOVE("Chenôve"),
    CHEVIGNY_SAINT_SAUVEUR("Chevigny-Saint-Sauveur"),
    CORCELLES_LES_MONTS("Corcelles-les-Monts"),
    DAIX("Daix"),
    DIJON("Dijon"),
    FENAY("Fénay"),
    FLAVIGNEROT("Flavignerot"),
    FONTAINE_LES_DIJON("Fontaine-lès-Dijon"),
    HAUTEVILLE_LES_DIJON("Hauteville-lès-Dijon"),
    LONGVIC("Longvic"),
    MAGNY_SUR_TILLE("Magny-sur-Tille"),
    MARSANNAY_LA_COTE("Marsannay-la-Côte"),
    NEUILLY_CRIMOLOIS("Neuilly-Crimolois"),
    OUGES("Ouges"),
    PERRIGNY_LES_DIJON("Perrigny-lès-Dijon"),
    PLOMBIERES_LES_DIJON("Plombières-lès-Dijon"),
    QUETIGNY("Quetigny"),
    SAINT_APOLLINAIRE("Saint-Apollinaire"),
    SENNECEY_LES_DIJON("Sennecey-lès-Dijon"),
    TALANT("Talant");

    private final String displayName;

    Commune(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Accepts the official name, the enum constant or the name typed without accents or hyphens
     * ("fontaine les dijon"), because operators and CSV files spell communes all three ways.
     */
    public static Optional<Commune> lookup(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_FOLDED_NAME.get(fold(text)));
    }

    public static Commune parse(String text, String field) {
        return lookup(text).orElseThrow(() -> new InvalidValue(field, "must be one of the 23 communes of Dijon Métropole"));
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z]");
    /** Both spellings of every commune, folded once (a lookup runs on every request that names a commune). */
    private static final Map<String, Commune> BY_FOLDED_NAME = Arrays.stream(values())
            .flatMap(c -> Stream.of(Map.entry(fold(c.displayName), c), Map.entry(fold(c.name()), c)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (first, same) -> first));

    private static String fold(String text) {
        String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NOT_LETTERS.matcher(stripped.toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
