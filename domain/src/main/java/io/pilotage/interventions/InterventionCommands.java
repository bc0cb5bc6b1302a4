package io.pilotage.interventions;

import io.pilotage.shared.Commune;
import io.pilotage.shared.GeoPosition;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.Text;
import io.pilotage.shared.Skill;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands addressed to one intervention. Time comes in the command. */
public final class InterventionCommands {

    private InterventionCommands() {
    }

    /**
     * {@code sourceRef} names what the intervention was opened for (the failure id of a lamp failure, the service
     * request of a citizen's report); {@code assetId} the equipment (the light point), or null for work on a place
     * (a pothole), which is then known by its position. Deadlines are the contract's, stamped at opening.
     */
    public record OpenIntervention(@TargetAggregateIdentifier String interventionId, InterventionSource source,
                                   String sourceRef, String assetId, Category category, Commune commune,
                                   GeoPosition position, Priority priority, ContractDeadlines deadlines,
                                   int termsVersion, Instant openedAt) {
        public OpenIntervention {
            Identifiers.require(interventionId, "interventionId");
            InvalidValue.requireNonNull(source, "source");
            if (sourceRef != null) {
                Identifiers.require(sourceRef, "sourceRef");
            }
            if (assetId != null) {
                Identifiers.require(assetId, "assetId");
            }
            InvalidValue.requireNonNull(category, "category");
            InvalidValue.requireNonNull(commune, "commune");
            InvalidValue.requireNonNull(position, "position");
            InvalidValue.requireNonNull(priority, "priority");
            InvalidValue.requireNonNull(deadlines, "deadlines");
            InvalidValue.require(termsVersion >= 1, "termsVersion", "must be 1 or more");
            InvalidValue.requireNonNull(openedAt, "openedAt");
        }

        /** What the intervention holds while it is open: its asset, or the place its work is on. */
        public String claimKey() {
            return assetId != null ? assetId : placeKey(category, position);
        }
    }

    /** The cells of the grid that stands for places, about 30 m a side at Dijon's latitude. */
    static final double PLACE_CELL_LATITUDE_DEGREES = 0.00027;
    static final double PLACE_CELL_LONGITUDE_DEGREES = 0.0004;

    /**
     * Work without an asset (a pothole, dumped waste) is held by its place: the category and the grid cell of its
     * position, so that a second report of the same kind a few metres away joins the open intervention rather than
     * opening another. Two reports either side of a cell's edge open two; an operator then marks one a duplicate.
     */
    public static String placeKey(Category category, GeoPosition position) {
        return "place:%s:%d:%d".formatted(category.name(), (long) Math.floor(position.latitude() / PLACE_CELL_LATITUDE_DEGREES),
                (long) Math.floor(position.longitude() / PLACE_CELL_LONGITUDE_DEGREES));
    }

    /**
     * What the API and policies send to open an intervention: the opening is accepted only if no intervention is
     * open for the asset; see {@code InterventionOpeningProcess}.
     */
    public record RequestIntervention(OpenIntervention opening) {
        public RequestIntervention {
            InvalidValue.requireNonNull(opening, "opening");
        }
    }

    /** Takes the asset for an intervention; answered by {@link InterventionRules.OneOpenInterventionPerAsset} when taken. */
    public record ClaimAsset(@TargetAggregateIdentifier String claimId, String assetId, String interventionId,
                             String replacing, Instant at) {
        public ClaimAsset {
            Identifiers.require(assetId, "assetId");
            Identifiers.require(interventionId, "interventionId");
            InvalidValue.requireNonNull(at, "at");
        }

        public static String claimIdFor(String assetId) {
            return "asset-claim:" + assetId;
        }
    }

    /** What the API sends to reopen a resolved intervention: it takes its asset again first. */
    public record RequestReopening(String interventionId, String reason, Instant at) {
        public RequestReopening {
            Identifiers.require(interventionId, "interventionId");
            requireReason(reason);
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** Checks that the intervention may be reopened and answers its asset; changes nothing. */
    public record PrepareReopening(@TargetAggregateIdentifier String interventionId) {
    }

    /** Gives the asset back when the intervention that took it could not be opened. */
    public record ReleaseAssetClaim(@TargetAggregateIdentifier String claimId, String interventionId, Instant at) {
    }

    /** Asks an intervention whether it is still active; changes nothing. */
    public record CheckInterventionActive(@TargetAggregateIdentifier String interventionId) {
    }

    /** Another fault of the same asset, or a point darkened by the same cabinet, joins an open intervention. */
    public record AttachFault(@TargetAggregateIdentifier String interventionId, String assetId, String faultRef, Instant at) {
        public AttachFault {
            Identifiers.require(assetId, "assetId");
            Identifiers.require(faultRef, "faultRef");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** The new deadlines are the new priority's under the terms version the intervention opened with. */
    public record QualifyIntervention(@TargetAggregateIdentifier String interventionId, Priority priority,
                                      Category category, String reason, Instant at) {
        public QualifyIntervention {
            InvalidValue.requireNonNull(priority, "priority");
            InvalidValue.requireNonNull(category, "category");
            requireReason(reason);
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /**
     * An operator's assignment, carried out in steps: the intervention accepts it
     * ({@link PrepareCrewAssignment}), the crew commits ({@code CommitCrew}), the intervention records it
     * ({@link RecordCrewAssignment}) and the crew it had before is released; see {@code CrewAssignmentProcess}.
     */
    public record AssignCrew(String interventionId, String crewId, boolean supervisorOverride, Instant at) {
        public AssignCrew {
            Identifiers.require(interventionId, "interventionId");
            Identifiers.require(crewId, "crewId");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    /** Checks the intervention's rules for an assignment, before the crew is asked; changes nothing. */
    public record PrepareCrewAssignment(@TargetAggregateIdentifier String interventionId) {
    }

    /** What the intervention answers to {@link PrepareCrewAssignment}: the skill it needs and its crew now. */
    public record CrewAssignmentPlan(Skill requiredSkill, String currentCrewId) {
        public boolean alreadyAssignedTo(String crewId) {
            return crewId.equals(currentCrewId);
        }
    }

    /** Records the crew once it has committed; answers the crew it replaces, if any. */
    public record RecordCrewAssignment(@TargetAggregateIdentifier String interventionId, String crewId,
                                       boolean supervisorOverride, Instant at) {
        public RecordCrewAssignment {
            Identifiers.require(crewId, "crewId");
            InvalidValue.requireNonNull(at, "at");
        }
    }

    public record RecordDeparture(@TargetAggregateIdentifier String interventionId, Instant at) {
    }

    public record RecordArrival(@TargetAggregateIdentifier String interventionId, Instant at) {
    }

    public record RecordMadeSafe(@TargetAggregateIdentifier String interventionId, Instant at) {
    }

    public record ResolveIntervention(@TargetAggregateIdentifier String interventionId, Resolution resolution, Instant at) {
        public ResolveIntervention {
            InvalidValue.requireNonNull(resolution, "resolution");
        }
    }

    public record CloseIntervention(@TargetAggregateIdentifier String interventionId, Instant at) {
    }

    public record ReopenIntervention(@TargetAggregateIdentifier String interventionId, String reason, Instant at) {
        public ReopenIntervention {
            requireReason(reason);
        }
    }

    public record CancelIntervention(@TargetAggregateIdentifier String interventionId, String reason, Instant at) {
        public CancelIntervention {
            requireReason(reason);
        }
    }

    public record PauseClock(@TargetAggregateIdentifier String interventionId, PauseReason reason, Instant at) {
        public PauseClock {
            InvalidValue.requireNonNull(reason, "reason");
        }
    }

    public record ResumeClock(@TargetAggregateIdentifier String interventionId, Instant at) {
    }

    /** How an intervention was resolved. */
    public enum Resolution { REPAIRED, REPLACED, MADE_SAFE_ONLY, NO_FAULT_FOUND, NOT_COUNCILS_RESPONSIBILITY }

    /**
     * A step's time was recorded wrongly (the crew pressed late, the tablet's clock was off): the corrected time
     * replaces it in every figure from now on, and the recorded one stays in history.
     */
    public record CorrectInterventionTime(@TargetAggregateIdentifier String interventionId, CorrectableStep step,
                                          Instant correctedAt, String reason, Instant at) {
        public CorrectInterventionTime {
            InvalidValue.requireNonNull(step, "step");
            InvalidValue.requireNonNull(correctedAt, "correctedAt");
            requireReason(reason);
            InvalidValue.requireNonNull(at, "at");
            InvalidValue.require(!correctedAt.isAfter(at), "correctedAt", "must not be in the future");
        }
    }

    static void requireReason(String reason) {
        Text.requireMultiline(reason, "reason", 200);
    }
}
