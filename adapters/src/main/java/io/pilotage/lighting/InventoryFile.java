package io.pilotage.lighting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.lighting.LightPointCommands.RegisterLightPoint;
import io.pilotage.shared.InvalidValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * An inventory file read into rows, each either a registration command or the reason it cannot be one.
 * CSV (comma or semicolon separated, with a header naming the columns) and GeoJSON (a FeatureCollection
 * of Points) say the same thing; a file that is neither is refused whole, before anything is written.
 */
final class InventoryFile {

    static final List<String> COLUMNS = List.of("light_point_id", "commune", "latitude", "longitude", "cabinet_id",
            "rated_power_w", "legacy_power_w", "technology");
    private static final List<String> REQUIRED = List.of("light_point_id", "commune", "latitude", "longitude",
            "cabinet_id", "rated_power_w");

    /** One row: the command to send, or the error that stops it. */
    record Row(int number, String lightPointId, RegisterLightPoint command, ImportRowError error) {
    }

    /** The file's structure is wrong (no header, a missing column, not a FeatureCollection). */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private InventoryFile() {
    }

    static List<Row> parse(ImportFormat format, byte[] content, Instant registeredAt, ObjectMapper mapper) {
        return switch (format) {
            case CSV -> csv(new String(content, StandardCharsets.UTF_8), registeredAt);
            case GEOJSON -> geoJson(content, registeredAt, mapper);
        };
    }

    private static List<Row> csv(String text, Instant registeredAt) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        int headerIndex = 0;
        while (headerIndex < lines.size() && lines.get(headerIndex).isBlank()) {
            headerIndex++;
        }
        if (headerIndex == lines.size()) {
            throw new Unreadable("The CSV file is empty: it needs a header line naming the columns " + COLUMNS + ".");
        }
        String headerLine = lines.get(headerIndex);
        char separator = headerLine.indexOf(';') >= 0 && headerLine.indexOf(',') < 0 ? ';' : ',';
        List<String> header = split(headerLine, separator).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        List<String> missing = REQUIRED.stream().filter(column -> !header.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new Unreadable("The CSV header lacks the columns " + missing + "; expected " + COLUMNS + ".");
        }
        List<Row> rows = new ArrayList<>();
        int number = 0;
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            number++;
            List<String> cells = split(lines.get(i), separator);
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                String cell = cells.get(c).trim();
                values.put(header.get(c), cell.isEmpty() ? null : cell);
            }
            if (cells.size() != header.size()) {
                rows.add(new Row(number, values.get("light_point_id"), null, new ImportRowError(number,
                        safeId(values.get("light_point_id")), null,
                        "has " + cells.size() + " cells where the header has " + header.size())));
                continue;
            }
            rows.add(row(number, values::get, registeredAt));
        }
        return rows;
    }

    private static List<Row> geoJson(byte[] content, Instant registeredAt, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (IOException e) {
            throw new Unreadable("The GeoJSON file is not well-formed JSON.");
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText()) || !root.path("features").isArray()) {
            throw new Unreadable("The GeoJSON file must be a FeatureCollection with a features array (RFC 7946).");
        }
        List<Row> rows = new ArrayList<>();
        int number = 0;
        for (JsonNode feature : root.path("features")) {
            number++;
            JsonNode properties = feature.path("properties");
            JsonNode geometry = feature.path("geometry");
            Map<String, String> values = new HashMap<>();
            properties.fields().forEachRemaining(field -> values.put(snake(field.getKey()),
                    field.getValue().isNull() ? null : field.getValue().asText()));
            if (!"Point".equals(geometry.path("type").asText()) || geometry.path("coordinates").size() < 2
                    || !geometry.path("coordinates").get(0).isNumber() || !geometry.path("coordinates").get(1).isNumber()) {
                rows.add(new Row(number, values.get("light_point_id"), null, new ImportRowError(number,
                        safeId(values.get("light_point_id")), "geometry", "must be a Point with [longitude, latitude]")));
                continue;
            }
            values.put("longitude", geometry.path("coordinates").get(0).asText());
            values.put("latitude", geometry.path("coordinates").get(1).asText());
            rows.add(row(number, values::get, registeredAt));
        }
        return rows;
    }

    private static Row row(int number, Function<String, String> value, Instant registeredAt) {
        String id = value.apply("light_point_id");
        try {
            RegisterLightPoint command = new LightingRequests.RegisterLightPointRequest(id, value.apply("commune"),
                    decimal(value.apply("latitude"), "latitude"), decimal(value.apply("longitude"), "longitude"),
                    value.apply("cabinet_id"), integer(value.apply("rated_power_w"), "ratedPowerW"),
                    integer(value.apply("legacy_power_w"), "legacyPowerW"), value.apply("technology"))
                    .toCommand(registeredAt);
            return new Row(number, id, command, null);
        } catch (InvalidValue invalid) {
            return new Row(number, id, null, new ImportRowError(number, safeId(id), invalid.field(), invalid.reason()));
        }
    }

    /** Only ids of a safe shape are echoed in the report; anything else might be free text. */
    static String safeId(String id) {
        return id != null && id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}") ? id : null;
    }

    private static Double decimal(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new InvalidValue(field, "must be a decimal number");
        }
    }

    private static Integer integer(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidValue(field, "must be a whole number");
        }
    }

    private static String snake(String key) {
        return key.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** RFC 4180 fields: separators inside double quotes do not split, and "" is a quote. */
    static List<String> split(String line, char separator) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
