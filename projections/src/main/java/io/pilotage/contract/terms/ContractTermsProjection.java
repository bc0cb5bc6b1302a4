package io.pilotage.contract.terms;

import io.pilotage.shared.ReadModelGroups;
import io.pilotage.contract.ContractEvent.ContractAmended;
import io.pilotage.contract.ContractEvent.ContractSigned;
import io.pilotage.contract.ContractQueries.FindTermsInForce;
import io.pilotage.contract.ContractQueries.ListTermsVersions;
import io.pilotage.contract.ContractQueries.TermsHistory;
import io.pilotage.contract.PenaltyRate;
import io.pilotage.contract.Terms;
import io.pilotage.contract.TermsVersion;
import io.pilotage.interventions.ContractDeadlines;
import io.pilotage.interventions.PauseReason;
import io.pilotage.interventions.Priority;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every version of the contract terms, kept as columns so that the KPIs can join them: the delay KPI prices
 * each late step at the rate of the version its intervention opened under. A version is written once; an
 * event seen twice finds it there.
 */
@Component
@ProcessingGroup(ContractTermsProjection.PROCESSING_GROUP)
public class ContractTermsProjection {

    public static final String PROCESSING_GROUP = ReadModelGroups.CONTRACT;

    private final JdbcTemplate jdbc;

    public ContractTermsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ContractSigned event, @Timestamp Instant recordedAt) {
        store(new TermsVersion(1, event.effectiveFrom(), event.terms(), "Signed", recordedAt));
    }

    @EventHandler
    public void on(ContractAmended event, @Timestamp Instant recordedAt) {
        store(new TermsVersion(event.version(), event.effectiveFrom(), event.terms(), event.reason(), recordedAt));
    }

    private void store(TermsVersion version) {
        Terms terms = version.terms();
        int stored = jdbc.update("""
                INSERT INTO rm_contract_terms (version, effective_from, reason, recorded_at, energy_saving_target,
                    lighting_availability_target, failure_rate_ceiling, clock_stopping_reasons)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING""",
                version.version(), java.sql.Timestamp.from(version.effectiveFrom()), version.reason(),
                java.sql.Timestamp.from(version.recordedAt()), terms.energySavingTarget(), terms.lightingAvailabilityTarget(),
                terms.failureRateCeiling(), terms.clockStoppingReasons().stream().map(Enum::name).sorted().toArray(String[]::new));
        if (stored == 0) {
            return;
        }
        for (Priority priority : Priority.values()) {
            ContractDeadlines deadlines = terms.deadlinesFor(priority);
            PenaltyRate rate = terms.penaltyFor(priority);
            jdbc.update("""
                    INSERT INTO rm_contract_terms_priority (version, priority, make_safe_within_s, repair_within_s,
                        penalty_cents_per_hour, penalty_cap_cents) VALUES (?, ?, ?, ?, ?, ?)""",
                    version.version(), priority.name(),
                    deadlines.makeSafeWithin() == null ? null : deadlines.makeSafeWithin().toSeconds(),
                    deadlines.repairWithin().toSeconds(), rate.centsPerStartedHour(), rate.capCents());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rm_contract_terms");
    }

    @QueryHandler
    public Optional<TermsVersion> handle(FindTermsInForce query) {
        return inForceAt(query.at(), query.asOf());
    }

    @QueryHandler
    public TermsHistory handle(ListTermsVersions query) {
        return new TermsHistory(versions(query.asOf()));
    }

    /** For the KPIs of this module: the version in force at {@code at} among those recorded before {@code asOf}. */
    public Optional<TermsVersion> inForceAt(Instant at, Instant asOf) {
        return TermsVersion.inForceAt(versions(asOf), at);
    }

    /** Every version recorded before {@code asOf} (all when null), oldest first. */
    public List<TermsVersion> versions(Instant asOf) {
        Map<Integer, Map<Priority, ContractDeadlines>> deadlines = new java.util.HashMap<>();
        Map<Integer, Map<Priority, PenaltyRate>> penalties = new java.util.HashMap<>();
        jdbc.query("SELECT * FROM rm_contract_terms_priority", (ResultSet rs) -> {
            int version = rs.getInt("version");
            Priority priority = Priority.valueOf(rs.getString("priority"));
            long makeSafe = rs.getLong("make_safe_within_s");
            Duration makeSafeWithin = rs.wasNull() ? null : Duration.ofSeconds(makeSafe);
            deadlines.computeIfAbsent(version, v -> new EnumMap<>(Priority.class))
                    .put(priority, new ContractDeadlines(makeSafeWithin, Duration.ofSeconds(rs.getLong("repair_within_s"))));
            penalties.computeIfAbsent(version, v -> new EnumMap<>(Priority.class))
                    .put(priority, new PenaltyRate(rs.getLong("penalty_cents_per_hour"), rs.getLong("penalty_cap_cents")));
        });
        String sql = "SELECT * FROM rm_contract_terms" + (asOf == null ? "" : " WHERE recorded_at < ?") + " ORDER BY version";
        Object[] args = asOf == null ? new Object[0] : new Object[] {java.sql.Timestamp.from(asOf)};
        return jdbc.query(sql, (rs, row) -> {
            int version = rs.getInt("version");
            Terms terms = new Terms(deadlines.get(version), penalties.get(version), rs.getBigDecimal("energy_saving_target"),
                    rs.getBigDecimal("lighting_availability_target"), rs.getBigDecimal("failure_rate_ceiling"),
                    reasons(rs.getArray("clock_stopping_reasons")));
            return new TermsVersion(version, rs.getTimestamp("effective_from").toInstant(), terms, rs.getString("reason"),
                    rs.getTimestamp("recorded_at").toInstant());
        }, args);
    }

    private static Set<PauseReason> reasons(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(PauseReason::valueOf).collect(Collectors.toSet());
    }
}
