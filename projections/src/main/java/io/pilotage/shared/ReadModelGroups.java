package io.pilotage.shared;

import java.util.Set;

/**
 * The processing groups of the read models. Read models that share a lifecycle share a group: one processor reads the
 * events once, deserializes each once and applies it to all of them in one transaction per batch, with one token per
 * segment. Fifteen processors each reading every event took most of the CPU of a two-core node under load. A group
 * is reset (rebuilt) as a whole, and an event one of its read models cannot handle parks that aggregate's later
 * events for all of them until it is retried.
 */
public final class ReadModelGroups {

    /** Light points, failing points, cabinet consumption. */
    public static final String LIGHTING = "lighting-read-models";
    /**
     * Inventory imports' progress, apart: an import's uploader follows it while its tens of thousands of
     * registrations keep the lighting group busy, and sharing that group showed an import finished in 18.5 s as
     * finished only after 34 s.
     */
    public static final String IMPORTS = "lighting-inventory-imports";
    /** Contract terms and the delay, availability and energy KPIs. */
    public static final String CONTRACT = "contract-kpis";
    /** The operations board, the crews board and the interventions' audit timeline: what the control room follows live. */
    public static final String OPERATIONS = "operations-boards";

    /**
     * Intersections' live status and the history of their signals: apart, because a busy city's phase changes (some
     * 30 a second) would hold the other groups back, and a rebuild of the history is long.
     */
    public static final String TRAFFIC = "traffic-read-models";

    /** Every read-model group: their handlers only write their own tables, so a batch may gather their writes. */
    public static final Set<String> ALL = Set.of(LIGHTING, IMPORTS, CONTRACT, OPERATIONS, TRAFFIC);

    private ReadModelGroups() {
    }
}
