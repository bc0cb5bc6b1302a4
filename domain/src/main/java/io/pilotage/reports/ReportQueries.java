package io.pilotage.reports;

import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What operators and the public ask of the service requests read model. Operators' answers carry the reporter's
 * details, opened from their sealed form at the moment of asking (or shown as erased); public answers have no field
 * that could hold personal data, so an adapter cannot leak what it is never given.
 */
public final class ReportQueries {

    /** Open311's cap on one answer. */
    public static final int PUBLIC_LIMIT = 1_000;

    private ReportQueries() {
    }

    /** One request as an operator sees it. Answers an empty Optional for an unknown id. */
    public record FindServiceRequest(String serviceRequestId) {
    }

    /** The reporter's details, opened when asked; all null and {@code erased} once the reporter's key is destroyed. */
    public record ReporterDetails(String reporterId, String firstName, String lastName, String email, String phone,
                                  String description, boolean erased) {
        @Override
        public String toString() {
            return "ReporterDetails[" + reporterId + (erased ? ", erased]" : "]");
        }
    }

    public record PublicUpdate(RequestStatus status, String note, Instant at) {
    }

    public record ServiceRequestView(String serviceRequestId, ReportChannel channel, ServiceCode serviceCode,
                                     RequestStatus status, RequestPriority priority, GeoPosition position, String address,
                                     Commune commune, String assetId, String interventionId, String duplicateOf,
                                     String mediaUrl, ReporterDetails reporter, List<PublicUpdate> updates,
                                     Instant requestedAt, Instant updatedAt, Instant closedAt) {
    }

    /** Requests for the operators' list, newest first; a null filter means any. */
    public record FindServiceRequests(RequestStatus status, Boolean closed, ServiceCode serviceCode, Commune commune,
                                      PageRequest page) {
        public FindServiceRequests {
            InvalidValue.requireNonNull(page, "page");
        }
    }

    /** A line of the operators' list: no personal data, open the request for that. */
    public record ServiceRequestSummary(String serviceRequestId, ReportChannel channel, ServiceCode serviceCode,
                                        RequestStatus status, RequestPriority priority, String address, Commune commune,
                                        String assetId, String interventionId, Instant requestedAt, Instant updatedAt) {
    }

    public record ServiceRequestPage(List<ServiceRequestSummary> items, int page, int size, long totalItems) {
    }

    /**
     * Open311's {@code GET requests}: by ids (then nothing else filters), or by services, statuses and a window on
     * the time requested, newest first, at most {@code limit}. Empty sets mean any.
     */
    public record FindPublicServiceRequests(List<String> serviceRequestIds, Set<ServiceCode> serviceCodes,
                                            Set<Boolean> closed, Instant start, Instant end, int limit) {
        public FindPublicServiceRequests {
            serviceRequestIds = serviceRequestIds == null ? List.of() : List.copyOf(serviceRequestIds);
            serviceCodes = serviceCodes == null ? Set.of() : Set.copyOf(serviceCodes);
            closed = closed == null ? Set.of() : Set.copyOf(closed);
            InvalidValue.require(limit >= 1 && limit <= PUBLIC_LIMIT, "limit", "must be 1 to " + PUBLIC_LIMIT);
        }
    }

    /**
     * A request as the public sees it (Open311): where, what, how it stands; never who, nor their words. The address
     * the citizen typed is their words too (free text is not published unless scrubbed): the position stands for it.
     */
    public record PublicServiceRequest(String serviceRequestId, ServiceCode serviceCode, RequestStatus status,
                                       String statusNotes, Instant requestedAt, Instant updatedAt, GeoPosition position,
                                       String mediaUrl) {
    }

    public record PublicServiceRequests(List<PublicServiceRequest> items) {
    }
}
