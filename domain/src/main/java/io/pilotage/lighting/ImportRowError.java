package io.pilotage.lighting;

/**
 * Why one row of an inventory file was not imported. Names the row (1-based, header excluded), the
 * light point when the row had a readable id, and the field; never copies free text from the file.
 */
public record ImportRowError(int row, String lightPointId, String field, String message) {
}
