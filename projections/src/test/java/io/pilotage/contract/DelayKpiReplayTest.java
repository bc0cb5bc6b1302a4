package io.pilotage.contract;

import static io.pilotage.EventFeed.tracked;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.EventFeed;
import io.pilotage.ReadModelDatabase;
import io.pilotage.ReplayContract;
import io.pilotage.contract.delays.DelayKpiProjection;
import io.pilotage.interventions.CorrectableStep;
import io.pilotage.interventions.InterventionEvent.ClockPaused;
import io.pilotage.interventions.InterventionEvent.ClockResumed;
import io.pilotage.interventions.InterventionEvent.InterventionTimeCorrected;
import io.pilotage.interventions.PauseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    /**
     * In a processor's batch the versions are written when the batch commits, in a few statements for the whole
     * batch. This one starts on stored versions (F-B resolved, F-A opened and paused), resumes the stored pause, opens
     * and ends a pause of its own, corrects both interventions and delivers every event twice: the rows are those of
     * one by one.
     */
    @Test
    void givenTheRestOfTheMonthInOneBatch_afterStoredVersions_thenNothingIsWrittenBeforeItCommits_andTheRowsOfOneByOne() {
        List<Object> events = new ArrayList<>(history());
        Instant later = ContractMonthTest.CORRECTED.plusSeconds(3_600);
        events.add(tracked(events.size() + 1, later, new ClockPaused("INT-F-A", PauseReason.ACCESS_IMPOSSIBLE,
                ContractMonthTest.at("2026-03-18T08:00:00Z"))));
        events.add(tracked(events.size() + 1, later.plusSeconds(1), new ClockResumed("INT-F-A", Duration.ofHours(2),
                ContractMonthTest.at("2026-03-18T10:00:00Z"))));
        events.add(tracked(events.size() + 1, later.plusSeconds(2), new InterventionTimeCorrected("INT-F-B", CorrectableStep.RESOLVED,
                ContractMonthTest.at("2026-03-06T10:00:00Z"), ContractMonthTest.at("2026-03-06T09:00:00Z"), "crew pressed late",
                later.plusSeconds(2))));
        feed.apply(events);
        Map<String, List<Map<String, Object>>> oneByOne = database.rows();
        feed.reset();

        List<Object> stored = events.subList(0, 14);
        assertThat(stored.get(13).toString()).contains("ClockPaused");
        feed.apply(stored);
        Map<String, List<Map<String, Object>>> beforeTheBatch = database.rows();
        feed.applyInOneBatch(events.subList(14, events.size()).stream().flatMap(event -> List.of(event, event).stream()).toList(),
                () -> assertThat(database.rows()).as("nothing written before the batch commits").isEqualTo(beforeTheBatch));

        assertThat(database.rows()).isEqualTo(oneByOne);
        assertThat(oneByOne.get("rm_contract_delay")).hasSize(11);
        assertThat(oneByOne.get("rm_contract_delay_pause")).hasSize(2);
    }

    /**
     * Events carry instants to the nanosecond; PostgreSQL keeps microseconds. In one batch the figures are computed from
     * the instants as stored, as one by one they are read back: a repair two hours after an opening 400 ns past the
     * second counts 7,200 s, and a pause starting 300 ns past a stored one's microsecond is that pause.
     */
    @Test
    void givenInstantsFinerThanAMicrosecond_inOneBatch_thenTheRowsOfOneByOne() {
        Instant opened = ContractMonthTest.at("2026-03-16T18:00:00.000000400Z");
        List<Object> events = List.of(
                tracked(1, opened, ContractMonthTest.opening("F-N", 1, ContractMonthTest.SIGNED, "2026-03-16T18:00:00.000000400Z")),
                tracked(2, opened.plusSeconds(3_600), new ClockPaused("INT-F-N", PauseReason.ACCESS_IMPOSSIBLE,
                        ContractMonthTest.at("2026-03-16T19:00:00.000000400Z"))),
                tracked(3, opened.plusSeconds(3_601), new ClockPaused("INT-F-N", PauseReason.ACCESS_IMPOSSIBLE,
                        ContractMonthTest.at("2026-03-16T19:00:00.000000300Z"))),
                tracked(4, opened.plusSeconds(5_400), new ClockResumed("INT-F-N", Duration.ofMinutes(30),
                        ContractMonthTest.at("2026-03-16T19:30:00.000000200Z"))),
                tracked(5, opened.plusSeconds(7_200), ContractMonthTest.resolution("F-N", "2026-03-16T20:00:00Z")));
        feed.apply(events);
        Map<String, List<Map<String, Object>>> oneByOne = database.rows();
        feed.reset();

        feed.apply(events.subList(0, 2));
        feed.applyInOneBatch(events.subList(2, events.size()), () -> { });

        assertThat(database.rows()).isEqualTo(oneByOne);
        assertThat(oneByOne.get("rm_contract_delay")).filteredOn(row -> row.get("recorded_to") == null).singleElement()
                .satisfies(row -> assertThat(row.get("repair_net_s")).isEqualTo(5_400L));
    }
}
