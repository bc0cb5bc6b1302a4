package io.pilotage.reports;

import io.pilotage.shared.Identifiers;

/** Identifies a citizen's service request; Open311's {@code service_request_id}, given to the reporter. */
public record ServiceRequestId(String value) {

    public ServiceRequestId {
        Identifiers.require(value, "serviceRequestId");
    }

    @Override
    public String toString() {
        return value;
    }
}
