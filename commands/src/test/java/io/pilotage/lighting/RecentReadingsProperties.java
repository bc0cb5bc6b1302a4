package io.pilotage.lighting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The compact readings answer every lookup as a plain map of readings by start would, through gaps, changes of
 * interval length, corrections and the window sliding on.
 */
class RecentReadingsProperties {

    static final long WINDOW = 3 * 86_400;

    /** One step of a meter: a gap before the reading (often none), its length, its energy, and maybe a correction. */
    record Step(long gap, long length, long wh, int correctBack, long correctedWh) {
    }

    @Provide
    Arbitrary<List<Step>> meters() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of(0L, 0L, 0L, 0L, 900L, 3_600L), Arbitraries.of(900L, 900L, 900L, 1_800L, 86_400L),
                Arbitraries.longs().between(0, 5_000), Arbitraries.integers().between(-1, 40), Arbitraries.longs().between(0, 5_000))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(600);
    }

    @Property(tries = 200)
    void givenAnyMeterHistory_thenLookupsMatchAMapOfReadings(@ForAll("meters") List<Step> steps) {
        RecentReadings compact = new RecentReadings();
        TreeMap<Long, long[]> model = new TreeMap<>();
        long next = 1_700_000_000L;
        for (Step step : steps) {
            long start = next + step.gap();
            long end = start + step.length();
            compact.add(start, end, step.wh());
            model.put(start, new long[] {end, step.wh()});
            compact.forgetBefore(start - WINDOW);
            model.headMap(start - WINDOW).clear();
            if (step.correctBack() >= 0 && step.correctBack() < model.size()) {
                long corrected = model.descendingKeySet().stream().skip(step.correctBack()).findFirst().orElseThrow();
                compact.replace(corrected, step.correctedWh());
                model.get(corrected)[1] = step.correctedWh();
            }
            if (step.correctBack() == 7) {
                compact = throughSnapshot(compact);
            }
            long notBefore = start - WINDOW;
            for (long probe = notBefore - 1_800; probe <= end; probe += 450) {
                long[] expected = model.get(probe);
                RecentReadings.Reading actual = compact.find(probe, notBefore);
                if (expected == null || probe < notBefore) {
                    assertThat(actual).as("no reading at %d", probe).isNull();
                } else {
                    assertThat(actual).as("reading at %d", probe).isEqualTo(new RecentReadings.Reading(expected[0], expected[1]));
                }
            }
            next = end;
        }
    }

    /** Written as a snapshot holds it and read back, as a cabinet loaded from its snapshot has it. */
    private static RecentReadings throughSnapshot(RecentReadings readings) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper axon = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
            String json = axon.writeValueAsString(readings);
            assertThat(axon.readTree(json).path("energies").isArray()).as(json).isTrue();
            return axon.readValue(json, RecentReadings.class);
        } catch (java.io.IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }
}
