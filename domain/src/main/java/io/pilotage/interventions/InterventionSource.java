package io.pilotage.interventions;

/** What an intervention was opened from. */
public enum InterventionSource { LAMP_FAILURE, TRAFFIC_CONTROLLER_FAULT, CITIZEN_REPORT, EQUIPMENT_ALARM, PATROL }
