package io.pilotage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReadModelDatabase;
import io.pilotage.ReplayContract;
import io.pilotage.contract.availability.AvailabilityKpiProjection;
import io.pilotage.contract.terms.ContractTermsProjection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The availability read model rebuilds by replay to the same rows, fed the scripted month of {@link ContractMonthTest}. */
class AvailabilityKpiReplayTest extends ReplayContract {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    EventFeed feed;

    @BeforeEach
    void setUp() {
        database.truncate();
        feed = new EventFeed(new AvailabilityKpiProjection(database.jdbc(), Clock.systemUTC(),
                new ContractTermsProjection(database.jdbc())));
    }

    @Override
    protected ReadModelDatabase database() {
        return database;
    }

    @Override
    protected EventFeed feed() {
        return feed;
    }

    @Override
    protected List<Object> history() {
        return ContractMonthTest.trackedMonth();
    }

    @Override
    protected void checkOnePass(Map<String, List<Map<String, Object>>> rows) {
        assertThat(rows.get("rm_contract_point")).hasSize(2);
        // Two failures, each reported then repaired.
        assertThat(rows.get("rm_contract_failure")).hasSize(4);
    }
}
