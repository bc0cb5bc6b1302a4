package io.pilotage.lighting;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.lighting.LightPointCommands.DecommissionLightPoint;
import io.pilotage.lighting.LightPointCommands.RecordLampRepair;
import io.pilotage.lighting.LightPointCommands.ReportLampFailure;
import io.pilotage.lighting.LightPointEvent.LampFailureReported;
import io.pilotage.lighting.LightPointEvent.LampRepaired;
import io.pilotage.lighting.LightPointEvent.LightPointDecommissioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;

/**
 * Random sequences of commands never break the light point's rules, whatever their order. The fixture
 * also checks on every step that the state a command handler leaves equals the state its events replay to.
 */
class LightPointProperties {

    sealed interface Step permits Report, Repair, Decommission {
    }

    record Report(FailureKind kind) implements Step {
    }

    record Repair(boolean all) implements Step {
    }

    record Decommission() implements Step {
    }

    @Property(tries = 60)
    void randomCommandSequencesKeepTheRules(@ForAll("steps") @Size(min = 1, max = 25) List<Step> steps) {
        List<Object> history = new ArrayList<>(List.of(LightPointTest.REGISTERED));
        Instant clock = LightPointTest.T0;
        int failureNumber = 0;
        for (Step step : steps) {
            clock = clock.plusSeconds(600);
            Object command;
            if (step instanceof Report report) {
                command = new ReportLampFailure(LightPointTest.ID, "F-" + (++failureNumber), report.kind(),
                        FailureSource.TELEMETRY, clock, clock);
            } else if (step instanceof Repair repair) {
                command = new RecordLampRepair(LightPointTest.ID, repair.all() ? null : lastOpen(history), clock);
            } else {
                command = new DecommissionLightPoint(LightPointTest.ID, "random", clock);
            }
            AggregateTestFixture<LightPoint> fixture = new AggregateTestFixture<>(LightPoint.class);
            List<Object> produced = new ArrayList<>();
            fixture.given(history).when(command).expectEventsMatching(new org.hamcrest.BaseMatcher<>() {
                @Override
                public boolean matches(Object actual) {
                    ((List<?>) actual).forEach(event -> produced.add(((EventMessage<?>) event).getPayload()));
                    return true;
                }

                @Override
                public void describeTo(org.hamcrest.Description description) {
                    description.appendText("any events");
                }
            });
            history.addAll(produced);
        }
        assertRules(history);
    }

    private static String lastOpen(List<Object> history) {
        Map<String, FailureKind> open = openFailures(history.subList(0, history.size()));
        return open.isEmpty() ? "F-none" : open.keySet().iterator().next();
    }

    private static Map<String, FailureKind> openFailures(List<Object> history) {
        Map<String, FailureKind> open = new HashMap<>();
        for (Object event : history) {
            if (event instanceof LampFailureReported reported) {
                open.put(reported.failureId(), reported.kind());
            } else if (event instanceof LampRepaired repaired) {
                open.remove(repaired.failureId());
            } else if (event instanceof LightPointDecommissioned) {
                open.clear();
            }
        }
        return open;
    }

    private static void assertRules(List<Object> history) {
        Map<String, FailureKind> open = new HashMap<>();
        boolean decommissioned = false;
        for (Object event : history) {
            assertThat(decommissioned).as("nothing happens to a decommissioned point: %s", event).isFalse();
            if (event instanceof LampFailureReported reported) {
                assertThat(open.containsValue(reported.kind())).as("one open failure per kind").isFalse();
                open.put(reported.failureId(), reported.kind());
            } else if (event instanceof LampRepaired repaired) {
                assertThat(open).as("a repair closes an open failure").containsKey(repaired.failureId());
                open.remove(repaired.failureId());
            } else if (event instanceof LightPointDecommissioned gone) {
                assertThat(gone.closedFailureIds()).containsExactlyInAnyOrderElementsOf(open.keySet());
                decommissioned = true;
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> report = Arbitraries.of(FailureKind.class).map(Report::new);
        Arbitrary<Step> repair = Arbitraries.of(true, false).map(Repair::new);
        Arbitrary<Step> decommission = Arbitraries.just(new Decommission());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, report), net.jqwik.api.Tuple.of(3, repair), net.jqwik.api.Tuple.of(1, decommission))
                .list().ofMinSize(1).ofMaxSize(25);
    }
}
