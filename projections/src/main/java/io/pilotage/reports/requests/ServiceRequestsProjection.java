package io.pilotage.reports.requests;

import io.pilotage.reports.PersonalDataVault;
import io.pilotage.reports.PersonalDetails;
import io.pilotage.reports.ReportChannel;
import io.pilotage.reports.ReportQueries.FindPublicServiceRequests;
import io.pilotage.reports.ReportQueries.FindServiceRequest;
import io.pilotage.reports.ReportQueries.FindServiceRequests;
import io.pilotage.reports.ReportQueries.PublicServiceRequest;
import io.pilotage.reports.ReportQueries.PublicServiceRequests;
import io.pilotage.reports.ReportQueries.PublicUpdate;
import io.pilotage.reports.ReportQueries.ReporterDetails;
import io.pilotage.reports.ReportQueries.ServiceRequestPage;
import io.pilotage.reports.ReportQueries.ServiceRequestSummary;
import io.pilotage.reports.ReportQueries.ServiceRequestView;
import io.pilotage.reports.ReporterId;
import io.pilotage.reports.RequestPriority;
import io.pilotage.reports.RequestStatus;
import io.pilotage.reports.Sealed;
import io.pilotage.reports.ServiceCode;
import io.pilotage.reports.ServiceRequestEvent.AssetLinked;
import io.pilotage.reports.ServiceRequestEvent.InterventionLinked;
import io.pilotage.reports.ServiceRequestEvent.PublicUpdatePublished;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestClosed;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestMarkedDuplicate;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestQualified;
import io.pilotage.reports.ServiceRequestEvent.ServiceRequestReported;
import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.ReadModelGroups;
import io.pilotage.shared.SqlInstants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Citizens' service requests: the operators' list and detail, and Open311's public view. Personal fields are stored
 * sealed, as the events carry them, and opened only when an operator asks for one request: once the reporter's key
 * is destroyed they read as erased, here and after any replay, without this read model having to hear of it.
 */
@Component
@ProcessingGroup(ServiceRequestsProjection.PROCESSING_GROUP)
public class ServiceRequestsProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.OPERATIONS;

    /** The personal columns, in the order of {@link ReporterDetails}' fields. */
    private static final List<String> SEALED_COLUMNS = List.of("sealed_first_name", "sealed_last_name", "sealed_email",
            "sealed_phone", "sealed_description");

    private final JdbcTemplate jdbc;
    private final PersonalDataVault vault;

    public ServiceRequestsProjection(JdbcTemplate jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @EventHandler
    void on(ServiceRequestReported event) {
        PersonalDetails personal = event.personal() == null ? PersonalDetails.none() : event.personal();
        Function<Sealed, String> sealed = field -> field == null ? null : field.ciphertext();
        GeoPosition position = event.position();
        jdbc.update("""
                INSERT INTO rm_reports_request (service_request_id, reporter_id, channel, service_code, status, closed,
                    latitude, longitude, address, commune, asset_id, media_url, sealed_first_name, sealed_last_name,
                    sealed_email, sealed_phone, sealed_description, requested_at, updated_at)
                VALUES (?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.serviceRequestId().value(), event.reporterId().value(), event.channel().name(),
                event.serviceCode().name(), RequestStatus.CONFIRMED.name(), position == null ? null : position.latitude(),
                position == null ? null : position.longitude(), event.address(),
                event.commune() == null ? null : event.commune().name(), event.assetId(), event.mediaUrl(),
                sealed.apply(personal.firstName()), sealed.apply(personal.lastName()), sealed.apply(personal.email()),
                sealed.apply(personal.phone()), sealed.apply(personal.description()),
                Timestamp.from(event.reportedAt()), Timestamp.from(event.reportedAt()));
    }

    @EventHandler
    void on(ServiceRequestQualified event) {
        jdbc.update("UPDATE rm_reports_request SET service_code = ?, priority = ?, updated_at = GREATEST(updated_at, ?) WHERE service_request_id = ?",
                event.serviceCode().name(), event.priority().name(), Timestamp.from(event.at()), event.serviceRequestId().value());
    }

    @EventHandler
    void on(ServiceRequestMarkedDuplicate event) {
        jdbc.update("""
                UPDATE rm_reports_request SET status = ?, closed = TRUE, duplicate_of = ?, closed_at = ?,
                    updated_at = GREATEST(updated_at, ?) WHERE service_request_id = ?""",
                RequestStatus.DUPLICATE.name(), event.originalId().value(), Timestamp.from(event.at()),
                Timestamp.from(event.at()), event.serviceRequestId().value());
    }

    @EventHandler
    void on(AssetLinked event) {
        jdbc.update("UPDATE rm_reports_request SET asset_id = ?, updated_at = GREATEST(updated_at, ?) WHERE service_request_id = ?",
                event.assetId(), Timestamp.from(event.at()), event.serviceRequestId().value());
    }

    @EventHandler
    void on(InterventionLinked event) {
        jdbc.update("UPDATE rm_reports_request SET intervention_id = ?, updated_at = GREATEST(updated_at, ?) WHERE service_request_id = ?",
                event.interventionId(), Timestamp.from(event.at()), event.serviceRequestId().value());
    }

    @EventHandler
    void on(PublicUpdatePublished event, @SequenceNumber long sequence) {
        update(event.serviceRequestId().value(), sequence, event.status(), event.note(), event.at());
        jdbc.update("UPDATE rm_reports_request SET status = ?, updated_at = GREATEST(updated_at, ?) WHERE service_request_id = ?",
                event.status().name(), Timestamp.from(event.at()), event.serviceRequestId().value());
    }

    @EventHandler
    void on(ServiceRequestClosed event, @SequenceNumber long sequence) {
        update(event.serviceRequestId().value(), sequence, event.resolution(), event.note(), event.at());
        jdbc.update("""
                UPDATE rm_reports_request SET status = ?, closed = TRUE, closed_at = ?, updated_at = GREATEST(updated_at, ?)
                WHERE service_request_id = ?""",
                event.resolution().name(), Timestamp.from(event.at()), Timestamp.from(event.at()), event.serviceRequestId().value());
    }

    /** The latest note is Open311's {@code status_notes}; the others stay in the request's history. */
    private void update(String request, long sequence, RequestStatus status, String note, Instant at) {
        jdbc.update("""
                INSERT INTO rm_reports_request_update (service_request_id, sequence_number, status, note, published_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", request, sequence, status.name(), note, Timestamp.from(at));
        jdbc.update("UPDATE rm_reports_request SET status_notes = ? WHERE service_request_id = ?", note, request);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_reports_request_update");
        jdbc.update("DELETE FROM rm_reports_request");
    }

    @QueryHandler
    public Optional<ServiceRequestView> handle(FindServiceRequest query) {
        List<PublicUpdate> updates = jdbc.query("""
                SELECT status, note, published_at FROM rm_reports_request_update WHERE service_request_id = ?
                ORDER BY sequence_number""", (rs, row) -> new PublicUpdate(RequestStatus.valueOf(rs.getString("status")),
                rs.getString("note"), rs.getTimestamp("published_at").toInstant()), query.serviceRequestId());
        return jdbc.query("SELECT * FROM rm_reports_request WHERE service_request_id = ?", (rs, row) -> new ServiceRequestView(
                rs.getString("service_request_id"), ReportChannel.valueOf(rs.getString("channel")),
                ServiceCode.valueOf(rs.getString("service_code")), RequestStatus.valueOf(rs.getString("status")),
                priority(rs), position(rs), rs.getString("address"), commune(rs), rs.getString("asset_id"),
                rs.getString("intervention_id"), rs.getString("duplicate_of"), rs.getString("media_url"), reporter(rs),
                updates, SqlInstants.read(rs, "requested_at"), SqlInstants.read(rs, "updated_at"), SqlInstants.read(rs, "closed_at")),
                query.serviceRequestId()).stream().findFirst();
    }

    /**
     * Opens the sealed fields with the reporter's key, read once. Only when a field does not open (the key destroyed,
     * or the text altered), or there is none to open, is the vault asked whether the reporter is erased: then every
     * field is absent.
     */
    private ReporterDetails reporter(ResultSet rs) throws SQLException {
        ReporterId reporter = new ReporterId(rs.getString("reporter_id"));
        List<Sealed> sealed = new ArrayList<>();
        for (String column : SEALED_COLUMNS) {
            String ciphertext = rs.getString(column);
            sealed.add(ciphertext == null ? null : new Sealed(reporter, ciphertext));
        }
        List<Optional<String>> opened = vault.open(sealed);
        boolean openedAll = sealed.stream().anyMatch(java.util.Objects::nonNull);
        for (int field = 0; field < sealed.size(); field++) {
            openedAll &= sealed.get(field) == null || opened.get(field).isPresent();
        }
        if (!openedAll && vault.erased(reporter)) {
            return new ReporterDetails(reporter.value(), null, null, null, null, null, true);
        }
        return new ReporterDetails(reporter.value(), opened.get(0).orElse(null), opened.get(1).orElse(null),
                opened.get(2).orElse(null), opened.get(3).orElse(null), opened.get(4).orElse(null), false);
    }

    @QueryHandler
    public ServiceRequestPage handle(FindServiceRequests query) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (query.status() != null) {
            conditions.add("status = ?");
            args.add(query.status().name());
        }
        if (query.closed() != null) {
            conditions.add("closed = ?");
            args.add(query.closed());
        }
        if (query.serviceCode() != null) {
            conditions.add("service_code = ?");
            args.add(query.serviceCode().name());
        }
        if (query.commune() != null) {
            conditions.add("commune = ?");
            args.add(query.commune().name());
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        Long total = jdbc.queryForObject("SELECT count(*) FROM rm_reports_request " + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(query.page().size());
        pageArgs.add(query.page().offset());
        List<ServiceRequestSummary> items = jdbc.query("SELECT * FROM rm_reports_request " + where
                        + " ORDER BY requested_at DESC, service_request_id LIMIT ? OFFSET ?",
                (rs, row) -> new ServiceRequestSummary(rs.getString("service_request_id"),
                        ReportChannel.valueOf(rs.getString("channel")), ServiceCode.valueOf(rs.getString("service_code")),
                        RequestStatus.valueOf(rs.getString("status")), priority(rs), rs.getString("address"), commune(rs),
                        rs.getString("asset_id"), rs.getString("intervention_id"), SqlInstants.read(rs, "requested_at"),
                        SqlInstants.read(rs, "updated_at")), pageArgs.toArray());
        return new ServiceRequestPage(items, query.page().page(), query.page().size(), total == null ? 0 : total);
    }

    /** Open311's list: by ids alone when ids are given, otherwise by services, statuses and window; newest first. */
    @QueryHandler
    public PublicServiceRequests handle(FindPublicServiceRequests query) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!query.serviceRequestIds().isEmpty()) {
            conditions.add("service_request_id = ANY (?)");
            args.add(query.serviceRequestIds().toArray(String[]::new));
        } else {
            if (!query.serviceCodes().isEmpty()) {
                conditions.add("service_code = ANY (?)");
                args.add(query.serviceCodes().stream().map(Enum::name).toArray(String[]::new));
            }
            if (query.closed().size() == 1) {
                conditions.add("closed = ?");
                args.add(query.closed().iterator().next());
            }
            if (query.start() != null) {
                conditions.add("requested_at >= ?");
                args.add(Timestamp.from(query.start()));
            }
            if (query.end() != null) {
                conditions.add("requested_at <= ?");
                args.add(Timestamp.from(query.end()));
            }
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        args.add(query.limit());
        return new PublicServiceRequests(jdbc.query("""
                SELECT service_request_id, service_code, status, status_notes, requested_at, updated_at,
                    latitude, longitude, media_url FROM rm_reports_request %s
                ORDER BY requested_at DESC, service_request_id LIMIT ?""".formatted(where),
                (rs, row) -> new PublicServiceRequest(rs.getString("service_request_id"),
                        ServiceCode.valueOf(rs.getString("service_code")), RequestStatus.valueOf(rs.getString("status")),
                        rs.getString("status_notes"), SqlInstants.read(rs, "requested_at"), SqlInstants.read(rs, "updated_at"),
                        position(rs), rs.getString("media_url")), args.toArray()));
    }

    private static RequestPriority priority(ResultSet rs) throws SQLException {
        String priority = rs.getString("priority");
        return priority == null ? null : RequestPriority.valueOf(priority);
    }

    private static Commune commune(ResultSet rs) throws SQLException {
        String commune = rs.getString("commune");
        return commune == null ? null : Commune.valueOf(commune);
    }

    private static GeoPosition position(ResultSet rs) throws SQLException {
        double latitude = rs.getDouble("latitude");
        return rs.wasNull() ? null : new GeoPosition(latitude, rs.getDouble("longitude"));
    }
}
