package io.pilotage.reports;

import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What happened to a service request. Personal data is only ever {@link Sealed}. The events that end a request name
 * its reporter, so that the retention clock needs no lookup.
 */
public sealed interface ServiceRequestEvent {

    ServiceRequestId serviceRequestId();

    @Revision("1")
    record ServiceRequestReported(ServiceRequestId serviceRequestId, ReporterId reporterId, ReportChannel channel,
                                  ServiceCode serviceCode, GeoPosition position, String address, Commune commune,
                                  String assetId, PersonalDetails personal, String mediaUrl,
                                  Instant reportedAt) implements ServiceRequestEvent {
    }

    /**
     * Carries where the request is and what already deals with it ({@code assetId}, {@code interventionId}, either
     * may be null), so that the policy that opens its intervention needs no read model.
     */
    @Revision("1")
    record ServiceRequestQualified(ServiceRequestId serviceRequestId, ServiceCode serviceCode, RequestPriority priority,
                                   GeoPosition position, Commune commune, String assetId, String interventionId,
                                   Instant at) implements ServiceRequestEvent {
    }

    @Revision("1")
    record ServiceRequestMarkedDuplicate(ServiceRequestId serviceRequestId, ReporterId reporterId,
                                         ServiceRequestId originalId, Instant at) implements ServiceRequestEvent {
    }

    @Revision("1")
    record AssetLinked(ServiceRequestId serviceRequestId, String assetId, Instant at) implements ServiceRequestEvent {
    }

    @Revision("1")
    record InterventionLinked(ServiceRequestId serviceRequestId, String interventionId, Instant at) implements ServiceRequestEvent {
    }

    @Revision("1")
    record PublicUpdatePublished(ServiceRequestId serviceRequestId, RequestStatus status, String note,
                                 Instant at) implements ServiceRequestEvent {
    }

    @Revision("1")
    record ServiceRequestClosed(ServiceRequestId serviceRequestId, ReporterId reporterId, RequestStatus resolution,
                                String note, Instant at) implements ServiceRequestEvent {
    }
}
