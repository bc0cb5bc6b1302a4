package io.pilotage.contract;

/**
 * Whether a cabinet exists, for a baseline that must name a real one. The contract context names cabinets by
 * their identifier only; the composition root answers from the cabinet's own stream, never from a read model that
 * may trail it.
 */
public interface KnownCabinets {

    boolean exists(String cabinetId);
}
