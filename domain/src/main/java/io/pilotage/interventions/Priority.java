package io.pilotage.interventions;

/**
 * Contract priorities. P1: danger (fallen column, exposed cable, intersection dark or flashing), made safe
 * then repaired; P2: signal group fault or 3+ adjacent lamps out; P3: single lamp out, minor damage.
 */
public enum Priority { P1, P2, P3 }
