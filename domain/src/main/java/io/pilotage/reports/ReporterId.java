package io.pilotage.reports;

import io.pilotage.shared.Identifiers;

/**
 * A pseudonym for the person who reported: the key that encrypts their personal data is kept per reporter, so that
 * destroying it erases them from every event at once. Carries nothing about the person.
 */
public record ReporterId(String value) {

    public ReporterId {
        Identifiers.require(value, "reporterId");
    }

    @Override
    public String toString() {
        return value;
    }
}
