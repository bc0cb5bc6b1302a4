package io.pilotage.interventions;

import io.pilotage.shared.Commune;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.PageRequest;
import java.time.Instant;
import java.util.List;

/** What operators ask of the interventions read models. */
public final class InterventionQueries {

    private InterventionQueries() {
    }

    /** The operations board: interventions, most urgent first; null filters match everything. */
    public record FindOperationsBoard(InterventionStatus status, Priority priority, Commune commune, Category category,
                                      String crewId, boolean activeOnly, PageRequest page) {
        public FindOperationsBoard {
            InvalidValue.requireNonNull(page, "page");
        }
    }

    /** One intervention's current state; answers empty for an unknown id. */
    public record FindIntervention(String interventionId) {
    }

    public record Pause(PauseReason reason, String actorId, Instant from, Instant to) {
    }

    /**
     * {@code attachedFaults} lists the faults covered besides the one the intervention was opened for (for a
     * cabinet's supply loss, every point it darkens); like {@code pauses}, only the single-intervention query fills it.
     * {@code secondsLeft} is time left before the next deadline, net of pauses, negative once overdue;
     * null when no deadline runs (resolved, cancelled) and frozen while the clock is paused.
     */
    public record InterventionView(String interventionId, InterventionStatus status, Priority priority,
                                   Category category, InterventionSource source, String sourceRef, String assetId,
                                   Commune commune, double latitude, double longitude, String crewId,
                                   Instant openedAt, Instant makeSafeDueAt, Instant repairDueAt, Long secondsLeft,
                                   boolean overdue, boolean paused, List<Pause> pauses,
                                   List<DeadlineKind> missedDeadlines, Instant madeSafeAt, Instant resolvedAt,
                                   Instant updatedAt, List<InterventionEvent.AttachedFault> attachedFaults) {
    }

    public record OperationsBoard(List<InterventionView> items, int page, int size, long totalItems) {
    }
}
