package io.pilotage.contract.availability;

import io.pilotage.shared.ReadModelGroups;
import io.pilotage.contract.AvailabilityQueries.AvailabilityKpi;
import io.pilotage.contract.AvailabilityQueries.FindAvailabilityKpi;
import io.pilotage.contract.BurningSchedule;
import io.pilotage.contract.ContractMonth;
import io.pilotage.contract.TermsVersion;
import io.pilotage.contract.terms.ContractTermsProjection;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import io.pilotage.lighting.LightPointEvent.LightPointRegistered;
import io.pilotage.shared.BatchedWrites;
import io.pilotage.shared.EventPosition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The availability KPI per month: each light point's time in service and each failure's span, as versions, so
 * that a month as known at any instant is an index query. Scheduled and failure hours are burning hours of the
 * {@link BurningSchedule}; a failure runs from when it was observed to the repair (or the point's end). Each point's
 * version stores the cumulative burning time at the ends of its service, so the scheduled hours of a period are one
 * SQL sum over the points, whatever their number; only the failures (a few hundred a month) are walked in Java.
 */
@Component
@ProcessingGroup(AvailabilityKpiProjection.PROCESSING_GROUP)
public class AvailabilityKpiProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.CONTRACT;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ContractTermsProjection terms;
    private final BurningSchedule schedule = BurningSchedule.METROPOLE;
    /**
     * The registrations of this processor batch (an import brings thousands), inserted together before it commits or
     * before any other event of this read model is applied.
     */
    private final BatchedWrites.Rows<Registration> registrations =
            new BatchedWrites.Rows<>(PROCESSING_GROUP, "availability-registrations", this::insert);

    private record Registration(LightPointRegistered event, long position, Instant recordedAt) {
    }

    public AvailabilityKpiProjection(JdbcTemplate jdbc, Clock clock, ContractTermsProjection terms) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.terms = terms;
    }

    /**
     * The failures reported in this processor batch (a storm at night brings hundreds), inserted together before it
     * commits or before any other event of this read model is applied.
     */
    private final BatchedWrites.Rows<Failure> failures = new BatchedWrites.Rows<>(PROCESSING_GROUP, "availability-failures", this::insertFailures);

    private record Failure(LampFailureReported event, long position, Instant recordedAt) {
    }

    @EventHandler
    void on(LightPointRegistered event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        failures.flush();
        registrations.add(new Registration(event, EventPosition.of(token), recordedAt));
    }

    /** A point's first version; one already there (a replayed or redelivered registration) is left as it is. */
    private void insert(List<Registration> registrations) {
        jdbc.batchUpdate("""
                INSERT INTO rm_contract_point (light_point_id, from_position, recorded_from, commune, in_service_from,
                    burning_from_ms) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", registrations, registrations.size(), (insert, registration) -> {
            LightPointRegistered event = registration.event();
            insert.setString(1, event.lightPointId().value());
            insert.setLong(2, registration.position());
            insert.setTimestamp(3, Timestamp.from(registration.recordedAt()));
            insert.setString(4, event.commune().name());
            insert.setTimestamp(5, Timestamp.from(event.registeredAt()));
            insert.setLong(6, schedule.cumulativeMillis(event.registeredAt()));
        });
    }

    /** The point leaves service, and its open failures end with it. */
    @EventHandler
    void on(LightPointDecommissioned event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        registrations.flush();
        failures.flush();
        String id = event.lightPointId().value();
        long position = EventPosition.of(token);
        if (seen("rm_contract_point", "light_point_id", id, position)) {
            return;
        }
        newVersion("rm_contract_point", "light_point_id", id, position, recordedAt, Map.of("in_service_to",
                Timestamp.from(event.decommissionedAt()), "burning_to_ms", schedule.cumulativeMillis(event.decommissionedAt())));
        for (String failureId : event.closedFailureIds()) {
            if (!seen("rm_contract_failure", "failure_id", failureId, position)) {
                newVersion("rm_contract_failure", "failure_id", failureId, position, recordedAt,
                        Map.of("ended_at", Timestamp.from(event.decommissionedAt())));
            }
        }
    }

    /**
     * A failure counts from when it was observed. A failure recorded before failures named their commune (revision 1)
     * takes its point's; one on a point this model does not know is left out, since no month could hold it.
     */
    @EventHandler
    void on(LampFailureReported event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        registrations.flush();
        failures.add(new Failure(event, EventPosition.of(token), recordedAt));
    }

    /**
     * Inserts the failures not known yet, in order, as one by one: a failure already there (or earlier in the list)
     * was seen before. The known failures and the communes of points named by failures without one are read in one
     * statement each.
     */
    private void insertFailures(List<Failure> batch) {
        Set<String> known = new HashSet<>(jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(
                    "SELECT failure_id FROM rm_contract_failure WHERE failure_id = ANY (?) AND recorded_to IS NULL");
            select.setArray(1, connection.createArrayOf("varchar", batch.stream().map(f -> f.event().failureId()).distinct().toArray()));
            return select;
        }, (rs, row) -> rs.getString(1)));
        List<String> withoutCommune = batch.stream().filter(f -> f.event().commune() == null)
                .map(f -> f.event().lightPointId().value()).distinct().toList();
        Map<String, String> pointCommunes = new HashMap<>();
        if (!withoutCommune.isEmpty()) {
            jdbc.query(connection -> {
                PreparedStatement select = connection.prepareStatement(
                        "SELECT light_point_id, commune FROM rm_contract_point WHERE light_point_id = ANY (?) AND recorded_to IS NULL");
                select.setArray(1, connection.createArrayOf("varchar", withoutCommune.toArray()));
                return select;
            }, (RowCallbackHandler) rs -> pointCommunes.put(rs.getString(1), rs.getString(2)));
        }
        List<Object[]> inserts = new ArrayList<>();
        for (Failure failure : batch) {
            LampFailureReported event = failure.event();
            String point = event.lightPointId().value();
            String commune = event.commune() != null ? event.commune().name() : pointCommunes.get(point);
            if (commune == null || !known.add(event.failureId())) {
                continue;
            }
            Instant started = event.observedAt() != null ? event.observedAt() : event.reportedAt();
            inserts.add(new Object[] {event.failureId(), failure.position(), Timestamp.from(failure.recordedAt()), point, commune,
                    Timestamp.from(started)});
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO rm_contract_failure (failure_id, from_position, recorded_from, light_point_id, commune, started_at)
                    VALUES (?, ?, ?, ?, ?, ?)""", inserts,
                    new int[] {Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP});
        }
    }

    @EventHandler
    void on(LampRepaired event, @org.axonframework.eventhandling.Timestamp Instant recordedAt, TrackingToken token) {
        registrations.flush();
        failures.flush();
        long position = EventPosition.of(token);
        if (!seen("rm_contract_failure", "failure_id", event.failureId(), position)) {
            newVersion("rm_contract_failure", "failure_id", event.failureId(), position, recordedAt,
                    Map.of("ended_at", Timestamp.from(event.repairedAt())));
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_contract_failure");
        jdbc.update("DELETE FROM rm_contract_point");
    }

    private Long latestPosition(String table, String key, String id) {
        return jdbc.query("SELECT from_position FROM " + table + " WHERE " + key + " = ? AND recorded_to IS NULL",
                (rs, row) -> rs.getLong(1), id).stream().findFirst().orElse(null);
    }

    /** Whether the event was already applied, or concerns a row this model does not hold. */
    private boolean seen(String table, String key, String id, long position) {
        Long latest = latestPosition(table, key, id);
        return latest == null || position <= latest;
    }

    /** Closes the current version and copies it with the columns {@code changed} replaced. */
    private void newVersion(String table, String key, String id, long position, Instant recordedAt, Map<String, Object> changed) {
        List<String> columns = table.equals("rm_contract_point")
                ? List.of("commune", "in_service_from", "in_service_to", "burning_from_ms", "burning_to_ms")
                : List.of("light_point_id", "commune", "started_at", "ended_at");
        List<Object> args = new ArrayList<>(List.of(position, Timestamp.from(recordedAt)));
        String copied = columns.stream().map(column -> {
            if (!changed.containsKey(column)) {
                return column;
            }
            args.add(changed.get(column));
            return "?";
        }).collect(Collectors.joining(", "));
        args.add(id);
        jdbc.update("UPDATE " + table + " SET recorded_to = ? WHERE " + key + " = ? AND recorded_to IS NULL",
                Timestamp.from(recordedAt), id);
        jdbc.update("INSERT INTO " + table + " (" + key + ", from_position, recorded_from, " + String.join(", ", columns) + ") "
                + "SELECT " + key + ", ?, ?, " + copied + " FROM " + table + " WHERE " + key + " = ? "
                + "ORDER BY from_position DESC LIMIT 1", args.toArray());
    }

    private record Span(String lightPointId, Instant from, Instant to) {
    }

    @QueryHandler
    public AvailabilityKpi handle(FindAvailabilityKpi query) {
        Instant reported = query.asOf() != null ? query.asOf() : clock.instant();
        Instant from = ContractMonth.start(query.month());
        Instant monthEnd = ContractMonth.end(query.month());
        Instant to = reported.isBefore(monthEnd) ? reported : monthEnd;
        Optional<TermsVersion> inForce = terms.inForceAt(monthEnd.minusSeconds(1), query.asOf());
        BigDecimal availabilityTarget = inForce.map(v -> v.terms().lightingAvailabilityTarget()).orElse(null);
        BigDecimal failureCeiling = inForce.map(v -> v.terms().failureRateCeiling()).orElse(null);
        Integer version = inForce.map(TermsVersion::version).orElse(null);
        if (!to.isAfter(from)) {
            return new AvailabilityKpi(query.month(), query.commune(), query.asOf(), from, from, BigDecimal.ZERO, BigDecimal.ZERO,
                    null, availabilityTarget, null, 0, 0, null, failureCeiling, null, version);
        }
        List<Object> args = new ArrayList<>();
        String known = known(query, args);
        Timestamp fromTs = Timestamp.from(from);
        Timestamp toTs = Timestamp.from(to);

        // One pass over the points in service during the period: their burning time within it, from the cumulative
        // burning time stored for the ends of their service, and how many are still in service at its end.
        long startMillis = schedule.cumulativeMillis(from);
        long endMillis = schedule.cumulativeMillis(to);
        List<Object> pointArgs = new ArrayList<>(List.of(endMillis, endMillis, startMillis, toTs));
        pointArgs.addAll(args);
        pointArgs.addAll(List.of(toTs, fromTs));
        long[] points = jdbc.queryForObject("""
                SELECT coalesce(sum(greatest(0, least(coalesce(burning_to_ms, ?), ?) - greatest(burning_from_ms, ?))), 0),
                       count(*) FILTER (WHERE in_service_to IS NULL OR in_service_to >= ?)
                FROM rm_contract_point WHERE %s AND in_service_from < ? AND (in_service_to IS NULL OR in_service_to > ?)"""
                        .formatted(known), (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, pointArgs.toArray());
        Duration scheduled = Duration.ofMillis(points[0]);
        long inService = points[1];

        List<Object> failureArgs = new ArrayList<>(args);
        failureArgs.addAll(List.of(toTs, fromTs));
        List<Span> failures = jdbc.query("SELECT light_point_id, started_at, ended_at FROM rm_contract_failure WHERE " + known
                        + " AND started_at < ? AND (ended_at IS NULL OR ended_at > ?)",
                (rs, row) -> new Span(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()), failureArgs.toArray());
        Duration failing = Duration.ZERO;
        for (List<Span> ofPoint : failures.stream().collect(Collectors.groupingBy(Span::lightPointId)).values()) {
            for (Span merged : merge(ofPoint)) {
                failing = failing.plus(burning(merged, from, to));
            }
        }

        long failingAtEnd = failures.stream().filter(f -> f.from().isBefore(to) && (f.to() == null || !f.to().isBefore(to)))
                .map(Span::lightPointId).distinct().count();

        BigDecimal scheduledHours = hours(scheduled);
        BigDecimal failureHours = hours(failing);
        BigDecimal availability = scheduled.isZero() ? null : BigDecimal.ONE.subtract(
                BigDecimal.valueOf(failing.toMillis()).divide(BigDecimal.valueOf(scheduled.toMillis()), 4, RoundingMode.HALF_EVEN));
        BigDecimal failureRate = inService == 0 ? null
                : BigDecimal.valueOf(failingAtEnd).divide(BigDecimal.valueOf(inService), 4, RoundingMode.HALF_EVEN);
        return new AvailabilityKpi(query.month(), query.commune(), query.asOf(), from, to, scheduledHours, failureHours,
                availability, availabilityTarget, availability == null || availabilityTarget == null ? null : availability.compareTo(availabilityTarget) >= 0,
                inService, failingAtEnd, failureRate, failureCeiling,
                failureRate == null || failureCeiling == null ? null : failureRate.compareTo(failureCeiling) <= 0, version);
    }

    /** The versions known at the report: the current ones, or those in force at {@code asOf}; in the commune asked. */
    private static String known(FindAvailabilityKpi query, List<Object> args) {
        StringBuilder where = new StringBuilder();
        if (query.asOf() == null) {
            where.append("recorded_to IS NULL");
        } else {
            where.append("recorded_from < ? AND (recorded_to IS NULL OR recorded_to >= ?)");
            args.add(Timestamp.from(query.asOf()));
            args.add(Timestamp.from(query.asOf()));
        }
        if (query.commune() != null) {
            where.append(" AND commune = ?");
            args.add(query.commune().name());
        }
        return where.toString();
    }

    private Duration burning(Span span, Instant from, Instant to) {
        Instant start = span.from().isAfter(from) ? span.from() : from;
        Instant end = span.to() == null || span.to().isAfter(to) ? to : span.to();
        return schedule.burningWithin(start, end);
    }

    /** Overlapping failures of one point (a lamp fault during a supply loss) count its dark hours once. */
    private static List<Span> merge(List<Span> spans) {
        List<Span> sorted = spans.stream().sorted(Comparator.comparing(Span::from)).toList();
        List<Span> merged = new ArrayList<>();
        for (Span span : sorted) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && (last.to() == null || !span.from().isAfter(last.to()))) {
                Instant end = last.to() == null || span.to() == null ? null : span.to().isAfter(last.to()) ? span.to() : last.to();
                merged.set(merged.size() - 1, new Span(last.lightPointId(), last.from(), end));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    private static BigDecimal hours(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).divide(BigDecimal.valueOf(3_600_000), 1, RoundingMode.HALF_EVEN);
    }
}
