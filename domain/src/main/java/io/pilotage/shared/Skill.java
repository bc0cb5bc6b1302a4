package io.pilotage.shared;

/** The trades of field work: what a crew is equipped and trained for, and what an intervention needs. */
public enum Skill {
    LIGHTING, TRAFFIC, ROADWORKS, CLEANING, WASTE
}
