package io.pilotage.interventions;

/** The reasons the contract accepts for stopping an intervention's clock. */
public enum PauseReason {
    ACCESS_IMPOSSIBLE, THIRD_PARTY_NETWORK_OUTAGE, AWAITING_POLICE_REPORT, WEATHER_ALERT, SNOW_PLAN_ACTIVE
}
