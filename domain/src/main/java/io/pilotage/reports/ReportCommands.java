package io.pilotage.reports;

import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands addressed to one service request. Personal data arrives sealed; time comes in the command. */
public final class ReportCommands {

    public static final int ADDRESS_MAX = 250;
    public static final int NOTE_MAX = 2_000;
    public static final int MEDIA_URL_MAX = 1_000;

    private ReportCommands() {
    }

    /**
     * A new report. It says where (a position, an address, or both) and, for services about equipment, may name the
     * asset ({@code assetId}: a light point, an intersection). {@code commune} may be null when the place does not
     * tell it. {@code mediaUrl}, when given, is an http(s) URL.
     */
    public record ReportServiceRequest(@TargetAggregateIdentifier ServiceRequestId serviceRequestId, ReporterId reporterId,
                                       ReportChannel channel, ServiceCode serviceCode, GeoPosition position, String address,
                                       Commune commune, String assetId, PersonalDetails personal, String mediaUrl,
                                       Instant reportedAt) {
        public ReportServiceRequest {
            InvalidValue.requireNonNull(serviceRequestId, "serviceRequestId");
            InvalidValue.requireNonNull(reporterId, "reporterId");
            InvalidValue.requireNonNull(channel, "channel");
            InvalidValue.requireNonNull(serviceCode, "serviceCode");
            InvalidValue.require(position != null || address != null, "position", "a position or an address is required");
            if (address != null) {
                Text.requireLine(address, "address", ADDRESS_MAX);
            }
            if (assetId != null) {
                Identifiers.require(assetId, "assetId");
            }
            personal = personal == null ? PersonalDetails.none() : personal;
            if (mediaUrl != null) {
                requireMediaUrl(mediaUrl);
            }
            InvalidValue.requireNonNull(reportedAt, "reportedAt");
        }
    }

    /** An operator sets the service and the priority the request is handled with. */
    public record QualifyServiceRequest(@TargetAggregateIdentifier ServiceRequestId serviceRequestId, ServiceCode serviceCode,
                                        RequestPriority priority, Instant at) {
        public QualifyServiceRequest {
            InvalidValue.requireNonNull(serviceRequestId, "serviceRequestId");
            InvalidValue.requireNonNull(serviceCode, "serviceCode");
            InvalidValue.requireNonNull(priority, "priority");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** The request reports what another, still known, request already reported; it closes as {@code duplicate}. */
    public record MarkDuplicate(@TargetAggregateIdentifier ServiceRequestId serviceRequestId, ServiceRequestId originalId,
                                Instant at) {
        public MarkDuplicate {
            InvalidValue.requireNonNull(serviceRequestId, "serviceRequestId");
            InvalidValue.requireNonNull(originalId, "originalId");
            InvalidValue.require(!serviceRequestId.equals(originalId), "originalId", "must be another request");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** The equipment the request is about, found by the operator (or by the nearest point to the position). */
    public record LinkAsset(@TargetAggregateIdentifier ServiceRequestId serviceRequestId, String assetId, Instant at) {
        public LinkAsset {
            InvalidValue.requireNonNull(serviceRequestId, "serviceRequestId");
            Identifiers.require(assetId, "assetId");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** The intervention that deals with the request (opened for it, or joined because one was already open). */
    public record LinkIntervention(@TargetAggregateIdentifier ServiceRequestId serviceRequestId, String interventionId,
                                   Instant at) {
        public LinkIntervention {
            InvalidValue.requireNonNull(serviceRequestId, "serviceRequestId");
            Identifiers.require(interventionId, "interventionId");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** A note the reporter and the public read (Open311's {@code status_notes}), with the status it moves to. */
    public record PublishUpdate(@TargetAggregateIdentifier ServiceRequestId serviceRequestId, RequestStatus status,
                                String note, Instant at) {
        public PublishUpdate {
            InvalidValue.requireNonNull(serviceRequestId, "serviceRequestId");
            InvalidValue.requireNonNull(status, "status");
            InvalidValue.require(!status.closed(), "status", "must be an open status; close the request to end it");
            Text.requireMultiline(note, "note", NOTE_MAX);
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** Ends the request with a closed status (its resolution) and a public note. */
    public record CloseServiceRequest(@TargetAggregateIdentifier ServiceRequestId serviceRequestId, RequestStatus resolution,
                                      String note, Instant at) {
        public CloseServiceRequest {
            InvalidValue.requireNonNull(serviceRequestId, "serviceRequestId");
            InvalidValue.requireNonNull(resolution, "resolution");
            InvalidValue.require(resolution.closed() && resolution != RequestStatus.DUPLICATE, "resolution",
                    "must be a closed status other than duplicate (mark a duplicate instead)");
            Text.requireMultiline(note, "note", NOTE_MAX);
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** An http(s) URL of at most {@value #MEDIA_URL_MAX} characters. */
    public static String requireMediaUrl(String mediaUrl) {
        InvalidValue.require(mediaUrl.length() <= MEDIA_URL_MAX, "mediaUrl", "must be at most " + MEDIA_URL_MAX + " characters");
        URI uri;
        try {
            uri = URI.create(mediaUrl);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidValue("mediaUrl", "must be an http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InvalidValue.require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null, "mediaUrl",
                "must be an http or https URL");
        return mediaUrl;
    }
}
