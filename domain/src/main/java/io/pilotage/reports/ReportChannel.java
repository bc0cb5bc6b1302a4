package io.pilotage.reports;

/** How the report reached the control centre. */
public enum ReportChannel {
    PHONE, WEB, APP, OPEN311;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
