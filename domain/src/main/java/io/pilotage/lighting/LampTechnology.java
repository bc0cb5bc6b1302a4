package io.pilotage.lighting;

/** The light source of a light point; legacy kinds remain for points not yet renewed. */
public enum LampTechnology {
    LED, HIGH_PRESSURE_SODIUM, METAL_HALIDE, MERCURY_VAPOUR, FLUORESCENT, OTHER
}
