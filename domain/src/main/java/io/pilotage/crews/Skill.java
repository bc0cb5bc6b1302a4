package io.pilotage.crews;

/** What a crew is equipped and trained to do. */
public enum Skill {
    LIGHTING, TRAFFIC, ROADWORKS, CLEANING, WASTE
}
