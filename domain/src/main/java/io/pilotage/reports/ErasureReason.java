package io.pilotage.reports;

/** Why a reporter's personal data was erased: the person asked (through the DPO), or the retention period ended. */
public enum ErasureReason {
    REQUEST, RETENTION
}
