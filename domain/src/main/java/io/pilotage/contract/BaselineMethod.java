package io.pilotage.contract;

/** The IPMVP option a cabinet's baseline was agreed under. */
public enum BaselineMethod {
    /** Key parameters measured, the rest agreed: the legacy lamps' power times the agreed burning hours. */
    A,
    /** The cabinet's sub-meter over a reference period: twelve metered monthly figures. */
    B
}
