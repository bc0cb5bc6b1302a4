package io.pilotage.lighting;

/**
 * Whether a cabinet exists, for decisions in other contexts that must name a real one (an energy baseline). Read
 * from the cabinet's own stream, never from a read model that may trail it.
 */
public interface KnownCabinets {

    boolean exists(CabinetId cabinetId);
}
