package io.pilotage.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReadModelDatabase;
import io.pilotage.ReplayContract;
import io.pilotage.contract.delays.DelayKpiProjection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The delay read model rebuilds by replay to the same rows, fed the scripted month of {@link ContractMonthTest}. */
class DelayKpiReplayTest extends ReplayContract {

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();

    EventFeed feed;

    @BeforeEach
    void setUp() {
        database.truncate();
        feed = new EventFeed(new DelayKpiProjection(database.jdbc(), Clock.systemUTC()));
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
        // F-B: opened, resolved; F-A: opened, paused, resumed, missed, resolved, corrected.
        assertThat(rows.get("rm_contract_delay")).hasSize(8);
        assertThat(rows.get("rm_contract_delay").stream().filter(row -> row.get("recorded_to") == null)).hasSize(2);
        assertThat(rows.get("rm_contract_delay_pause")).hasSize(1);
    }
}
