package io.pilotage.interventions;

/** The steps whose recorded time a supervisor can correct: the ones the delay KPI measures. */
public enum CorrectableStep { CREW_ARRIVED, MADE_SAFE, RESOLVED }
