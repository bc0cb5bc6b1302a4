package io.pilotage.traffic;

import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.ingest.TelemetryKind;
import io.pilotage.shared.web.Params;
import io.pilotage.traffic.IntersectionCommands.PhaseChangesRecorded;
import io.pilotage.traffic.IntersectionCommands.RecordPhaseChanges;
import io.pilotage.traffic.TrafficMessages.TrafficMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How a traffic controller's message becomes commands: its SPaT reports as batches of up to
 * {@link IntersectionCommands#MAX_CHANGES_PER_BATCH} to its intersection, then its mode changes, faults, plan changes
 * and bus priority requests and answers in order of time. They commit together.
 */
@Component
public class TrafficTelemetry implements TelemetryKind<TrafficMessage> {

    private final Duration answerWithin;

    /** @param answerSeconds how long a bus's priority request waits for the controller's answer before it times out */
    public TrafficTelemetry(@Value("${pilotage.traffic.priority-answer-seconds:20}") long answerSeconds) {
        this.answerWithin = Duration.ofSeconds(answerSeconds);
    }

    @Override
    public String name() {
        return "traffic";
    }

    @Override
    public Class<TrafficMessage> messageType() {
        return TrafficMessage.class;
    }

    @Override
    public Envelope envelope(TrafficMessage message) {
        return new Envelope(Identifiers.require(message.messageId(), "messageId"), Identifiers.require(message.device(), "device"));
    }

    @Override
    public List<Object> commands(TrafficMessage message, Instant receivedAt) {
        IntersectionId intersection = new IntersectionId(InvalidValue.requireNonNull(message.intersectionId(), "intersectionId"));
        InvalidValue.require(message.reports() > 0, "phaseChanges", "the message holds no report, mode, fault or plan change");
        InvalidValue.require(message.reports() <= TrafficMessages.MAX_REPORTS, "phaseChanges",
                "a message holds at most " + TrafficMessages.MAX_REPORTS + " reports in all");
        List<Object> commands = new ArrayList<>();
        // In the controller's order before they are cut into batches: a report of a later batch must not be older
        // than one its group already took in an earlier batch, or it would be absorbed as stale.
        List<PhaseChange> changes = Params.entries(message.phaseChanges(), "phaseChanges").stream()
                .map(TrafficMessages.PhaseChangeReport::toPhaseChange)
                .sorted(Comparator.comparing(PhaseChange::controllerTime).thenComparingLong(PhaseChange::sequence)).toList();
        for (int from = 0; from < changes.size(); from += IntersectionCommands.MAX_CHANGES_PER_BATCH) {
            commands.add(new RecordPhaseChanges(intersection,
                    changes.subList(from, Math.min(changes.size(), from + IntersectionCommands.MAX_CHANGES_PER_BATCH)), receivedAt));
        }
        record Timed(Instant at, Object command) {
        }
        List<Timed> others = new ArrayList<>();
        Params.entries(message.modeChanges(), "modeChanges").forEach(mode -> others.add(new Timed(mode.at(), mode.toCommand(intersection))));
        Params.entries(message.faults(), "faults").forEach(fault -> others.add(new Timed(fault.at(), fault.toCommand(intersection))));
        Params.entries(message.planChanges(), "planChanges").forEach(plan -> others.add(new Timed(plan.at(), plan.toCommand(intersection))));
        Params.entries(message.priorityRequests(), "priorityRequests").forEach(request ->
                others.add(new Timed(request.at(), request.toCommand(intersection, receivedAt, answerWithin))));
        Params.entries(message.priorityUpdates(), "priorityUpdates").forEach(update -> others.add(new Timed(update.at(), update.toCommand())));
        others.stream().sorted(Comparator.comparing(Timed::at)).forEach(timed -> commands.add(timed.command()));
        return commands;
    }

    @Override
    public void tally(Object result, Tally tally) {
        if (result instanceof PhaseChangesRecorded recorded) {
            tally.recorded(recorded.recorded());
            tally.duplicates(recorded.duplicates());
            tally.stale(recorded.stale());
        } else if (result instanceof Boolean changed) {
            tally.changed(changed);
        } else {
            tally.recorded(1);
        }
    }

}
