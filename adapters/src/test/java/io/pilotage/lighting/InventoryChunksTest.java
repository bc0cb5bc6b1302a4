package io.pilotage.lighting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chunks of a batch that register at once never share a cabinet, so none waits for another's claim of it, nor a
 * light point, so that the first of its rows in the file is the one registered; together they hold every row once,
 * each chunk in the file's order.
 */
class InventoryChunksTest {

    private static final String HEADER = "light_point_id,commune,latitude,longitude,cabinet_id,rated_power_w,legacy_power_w,technology\n";

    @Test
    void givenRowsGroupedByCabinet_whenSplitForFourWorkers_thenNoCabinetIsInTwoChunks() {
        List<InventoryFile.Row> rows = rows("CAB-A", "CAB-A", "CAB-A", "CAB-B", "CAB-B", "CAB-C", "CAB-C", "CAB-C", "CAB-C",
                "CAB-D", "CAB-D", "CAB-A", null, "CAB-E");

        List<List<InventoryFile.Row>> chunks = InventoryImporter.chunksByCabinet(rows, 4);

        Map<String, Integer> chunkOfCabinet = new HashMap<>();
        for (int chunk = 0; chunk < chunks.size(); chunk++) {
            for (InventoryFile.Row row : chunks.get(chunk)) {
                if (row.command() != null) {
                    Integer other = chunkOfCabinet.putIfAbsent(row.command().cabinetId().value(), chunk);
                    assertThat(other).as(row.command().cabinetId().value()).isIn(null, chunk);
                }
            }
            assertThat(chunks.get(chunk)).isSortedAccordingTo((a, b) -> Integer.compare(a.number(), b.number()));
        }
        assertThat(chunks.stream().flatMap(List::stream).map(InventoryFile.Row::number))
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(InventoryFile.Row::number).toList());
        assertThat(chunks).hasSizeBetween(2, 4);
    }

    @Test
    void givenCabinetsInterleaved_whenSplit_thenEachChunkKeepsTheFilesOrder() {
        List<InventoryFile.Row> rows = rows("CAB-A", "CAB-B", "CAB-A", "CAB-C", "CAB-B", "CAB-D", "CAB-E", "CAB-F");

        List<List<InventoryFile.Row>> chunks = InventoryImporter.chunksByCabinet(rows, 2);

        assertThat(chunks.get(0)).containsExactly(rows.get(0), rows.get(1), rows.get(2), rows.get(4));
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk).isSortedAccordingTo((a, b) -> Integer.compare(a.number(), b.number())));
    }

    @Test
    void givenOnePointOnTwoRowsNamingDifferentCabinets_whenSplit_thenBothRowsAreInOneChunkInTheFilesOrder() {
        String csv = HEADER
                + "LP-DIJ-000001,Dijon,47.32,5.04,CAB-A,40,150,LED\n"
                + "LP-DIJ-000002,Dijon,47.32,5.04,CAB-B,40,150,LED\n"
                + "LP-DIJ-000003,Dijon,47.32,5.04,CAB-C,40,150,LED\n"
                + "LP-DIJ-000001,Dijon,47.32,5.04,CAB-D,40,150,LED\n";
        List<InventoryFile.Row> rows = InventoryFile.parse(ImportFormat.CSV, csv.getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-12-02T00:00:00Z"), null);

        List<List<InventoryFile.Row>> chunks = InventoryImporter.chunksByCabinet(rows, 4);

        assertThat(chunks).filteredOn(chunk -> chunk.contains(rows.get(0))).singleElement()
                .satisfies(chunk -> assertThat(chunk).containsSubsequence(rows.get(0), rows.get(3)));
    }

    @Test
    void givenOneCabinetOnly_whenSplit_thenOneChunk() {
        List<InventoryFile.Row> rows = rows("CAB-A", "CAB-A", "CAB-A", "CAB-A", "CAB-A");

        assertThat(InventoryImporter.chunksByCabinet(rows, 4)).singleElement().isEqualTo(rows);
    }

    /** One row per cabinet given, in order; {@code null}: a row the file got wrong (no command). */
    private static List<InventoryFile.Row> rows(String... cabinets) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < cabinets.length; i++) {
            csv.append(cabinets[i] == null
                    ? "LP-DIJ-%06d,Dijon,47.32,5.04,,40,150,LED%n".formatted(i)
                    : "LP-DIJ-%06d,Dijon,47.32,5.04,%s,40,150,LED%n".formatted(i, cabinets[i]));
        }
        List<InventoryFile.Row> rows = InventoryFile.parse(ImportFormat.CSV, csv.toString().getBytes(StandardCharsets.UTF_8),
                Instant.parse("2026-12-02T00:00:00Z"), null);
        assertThat(rows).hasSize(cabinets.length);
        for (int i = 0; i < cabinets.length; i++) {
            assertThat(rows.get(i).command() == null).as("row %d has no command", i).isEqualTo(cabinets[i] == null);
        }
        return rows;
    }
}
