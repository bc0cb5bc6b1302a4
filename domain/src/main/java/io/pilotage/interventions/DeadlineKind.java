package io.pilotage.interventions;

/** The contractual steps with a deadline. */
public enum DeadlineKind { MAKE_SAFE, REPAIR }
