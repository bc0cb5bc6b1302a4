package io.pilotage.lighting;

/** File formats the light-point inventory can be imported from. */
public enum ImportFormat { CSV, GEOJSON }
