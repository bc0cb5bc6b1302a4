package io.pilotage.traffic;

import io.pilotage.shared.Commune;
import java.time.Instant;
import java.util.List;

/** What operators and investigators ask of the traffic context. */
public final class TrafficQueries {

    private TrafficQueries() {
    }

    /** An intersection as its controller last reported it. */
    public record FindIntersectionStatus(String intersectionId) {
    }

    /**
     * What each signal group of an intersection showed at {@code at}, from the recorded reports: the last report of
     * each group at or before that instant, by the controller's clock; a group with none is unknown, not guessed.
     */
    public record FindSignalStateAt(String intersectionId, Instant at) {
    }

    public record IntersectionStatus(String intersectionId, Commune commune, double latitude, double longitude,
                                     ControllerMode mode, Instant modeSince, String activePlan,
                                     List<GroupStatus> signalGroups, List<OpenControllerFault> openFaults,
                                     Instant registeredAt, Instant updatedAt) {
    }

    /** A signal group's last report: {@code state} and {@code since} are null until the controller reports one. */
    public record GroupStatus(int signalGroup, String movement, MovementPhaseState state, Instant since,
                              Instant likelyEnd) {
    }

    public record OpenControllerFault(String faultId, ControllerFaultKind kind, Integer signalGroup, String detail,
                                      Instant raisedAt) {
    }

    /**
     * The signals of an intersection at {@code at}, and the controller's mode then, since when (normal from the
     * registration until a change; null before the registration). A group's report is the last its controller sent:
     * when the mode at {@code at} is flashing or dark since after it, the signals showed that mode; each report's
     * {@code since} and timing window tell how old it was.
     */
    public record SignalStateAt(String intersectionId, Instant at, ControllerMode mode, Instant modeSince,
                                List<GroupStateAt> signalGroups) {
    }

    /**
     * A signal group at an instant: the report in force ({@code state} from {@code since}, its timing window and
     * termination cause as reported); all null but the group when no report precedes the instant.
     */
    public record GroupStateAt(int signalGroup, MovementPhaseState state, Instant since, Long sequence, Instant minEnd,
                               Instant maxEnd, Instant likelyEnd, TerminationCause cause, String timingPlan) {
    }

    /** A bus's priority request and how it ended. */
    public record FindPriorityRequest(String requestId) {
    }

    /**
     * A priority request: what the bus asked, the answer ({@code reason} when rejected) and when, and when the bus went
     * through ({@code checkedOutAt}, null until then).
     */
    public record PriorityRequestView(String requestId, String intersectionId, String vehicleId, String line, int signalGroup,
                                      int latenessSeconds, Instant requestedAt, Instant answerBy, PriorityOutcome outcome,
                                      PriorityRejection reason, Instant answeredAt, Instant checkedOutAt) {
    }

    /**
     * Bus priority per intersection and line over the requests made in [{@code from}, {@code to}), narrowed to one
     * intersection or one line when given.
     */
    public record FindPriorityStatistics(Instant from, Instant to, String intersectionId, String line) {
    }

    public record PriorityStatistics(Instant from, Instant to, List<PriorityStatisticsRow> rows) {
    }

    /**
     * One intersection and line: requests, how they were answered, and the grant rate, granted over answered or timed
     * out (pending requests left out; null when none is decided).
     */
    public record PriorityStatisticsRow(String intersectionId, String line, long requests, long granted, long rejected,
                                        long timedOut, long pending, Double grantRate, List<RejectionCount> rejections) {
    }

    public record RejectionCount(PriorityRejection reason, long count) {
    }

    /** Controller faults open now across the metropole, the oldest first; of one commune when given. */
    public record FindOpenControllerFaults(Commune commune, io.pilotage.shared.PageRequest page) {
    }

    public record OpenFaultsPage(List<OpenFaultAt> items, int page, int size, long totalItems) {
    }

    public record OpenFaultAt(String intersectionId, Commune commune, double latitude, double longitude, String faultId,
                              ControllerFaultKind kind, Integer signalGroup, String detail, Instant raisedAt) {
    }

    /**
     * Signal availability for the contract (domain.md: not dark, flashing or faulted) over {@code month}, up to
     * {@code asOf} when the month is not over: per intersection from its registration, and over all of them.
     */
    public record FindSignalAvailability(java.time.YearMonth month, Instant asOf) {
    }

    /** {@code availability} is 1 - unavailable / observed time, over every intersection; null when nothing was observed. */
    public record SignalAvailability(java.time.YearMonth month, Instant from, Instant to, Double availability,
                                     long observedMinutes, long unavailableMinutes, List<IntersectionAvailability> intersections) {
    }

    public record IntersectionAvailability(String intersectionId, Commune commune, Double availability, long observedMinutes,
                                           long unavailableMinutes) {
    }
}
