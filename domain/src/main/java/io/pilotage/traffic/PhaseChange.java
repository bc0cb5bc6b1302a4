package io.pilotage.traffic;

import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import java.time.Instant;

/**
 * One SPaT report of a signal group as its controller sent it: the new state, the controller's clock and its
 * sequence number (what makes a redelivered report recognisable), the timing window J2735 gives (earliest, latest and
 * likely end of the state; any may be unknown), why the previous green ended when the controller knows, and the
 * timing plan running.
 */
public record PhaseChange(int signalGroup, MovementPhaseState state, Instant controllerTime, long sequence,
                          Instant minEnd, Instant maxEnd, Instant likelyEnd, TerminationCause cause, String timingPlan) {

    public PhaseChange {
        SignalGroup.requireId(signalGroup, "changes.signalGroup");
        InvalidValue.requireNonNull(state, "changes.state");
        InvalidValue.requireNonNull(controllerTime, "changes.controllerTime");
        InvalidValue.require(sequence >= 0, "changes.sequence", "cannot be negative");
        InvalidValue.require(minEnd == null || !minEnd.isBefore(controllerTime), "changes.minEnd", "cannot be before controllerTime");
        InvalidValue.require(maxEnd == null || minEnd == null || !maxEnd.isBefore(minEnd), "changes.maxEnd", "cannot be before minEnd");
        InvalidValue.require(likelyEnd == null || ((minEnd == null || !likelyEnd.isBefore(minEnd))
                && (maxEnd == null || !likelyEnd.isAfter(maxEnd))), "changes.likelyEnd", "must lie between minEnd and maxEnd");
        if (timingPlan != null) {
            Identifiers.require(timingPlan, "changes.timingPlan");
        }
    }

    /** Reports are ordered by the controller's clock, then by its sequence number. */
    public boolean isBefore(Instant time, long otherSequence) {
        int byTime = controllerTime.compareTo(time);
        return byTime < 0 || (byTime == 0 && sequence < otherSequence);
    }
}
