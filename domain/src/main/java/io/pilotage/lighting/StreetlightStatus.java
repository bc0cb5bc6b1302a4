package io.pilotage.lighting;

/**
 * The FIWARE Smart Data Models Streetlight status vocabulary, plus the one state FIWARE lacks: a
 * decommissioned point, which no longer counts in any KPI.
 */
public enum StreetlightStatus {
    OK("ok"),
    DEFECTIVE_LAMP("defectiveLamp"),
    COLUMN_ISSUE("columnIssue"),
    BROKEN_LANTERN("brokenLantern"),
    DECOMMISSIONED("decommissioned");

    private final String fiwareName;

    StreetlightStatus(String fiwareName) {
        this.fiwareName = fiwareName;
    }

    public String fiwareName() {
        return fiwareName;
    }

    /**
     * When several failures are open, the most severe decides what the point shows: a damaged column
     * is a danger, a broken lantern a hazard, a dark lamp a nuisance.
     */
    public int severity() {
        return switch (this) {
            case OK, DECOMMISSIONED -> 0;
            case DEFECTIVE_LAMP -> 1;
            case BROKEN_LANTERN -> 2;
            case COLUMN_ISSUE -> 3;
        };
    }
}
