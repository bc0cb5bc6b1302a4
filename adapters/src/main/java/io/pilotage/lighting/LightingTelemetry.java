package io.pilotage.lighting;

import io.pilotage.lighting.LightPointCommands.FailureReportOutcome;
import io.pilotage.lighting.LightingMessages.LightingMessage;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.ingest.TelemetryKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * How a lighting device's message becomes commands: a failure report per lamp failure, a reading per meter interval,
 * readings in the meter's order of time. Each addresses its own light point or cabinet; they commit together unless
 * one is refused.
 */
@Component
public class LightingTelemetry implements TelemetryKind<LightingMessage> {

    @Override
    public String name() {
        return "lighting";
    }

    @Override
    public Class<LightingMessage> messageType() {
        return LightingMessage.class;
    }

    @Override
    public Envelope envelope(LightingMessage message) {
        return new Envelope(Identifiers.require(message.messageId(), "messageId"), Identifiers.require(message.device(), "device"));
    }

    @Override
    public List<Object> commands(LightingMessage message, Instant receivedAt) {
        envelope(message);
        InvalidValue.require(message.items() > 0, "failures", "the message holds no failure and no reading");
        InvalidValue.require(message.items() <= LightingMessages.MAX_ITEMS, "failures",
                "a message holds at most " + LightingMessages.MAX_ITEMS + " failures and readings in all");
        List<Object> commands = new ArrayList<>();
        if (message.failures() != null) {
            InvalidValue.require(message.failures().stream().allMatch(Objects::nonNull), "failures", "must not hold null entries");
            message.failures().forEach(failure -> commands.add(failure.toCommand(receivedAt)));
        }
        if (message.readings() != null) {
            InvalidValue.require(message.readings().stream().allMatch(Objects::nonNull), "readings", "must not hold null entries");
            message.readings().stream().map(reading -> reading.toCommand(receivedAt))
                    .sorted(java.util.Comparator.comparing(CabinetCommands.RecordEnergyReading::intervalStart))
                    .forEach(commands::add);
        }
        return commands;
    }

    @Override
    public void tally(Object result, Tally tally) {
        if (result instanceof FailureReportOutcome outcome) {
            tally.changed(outcome.recorded());
        } else if (result instanceof Boolean changed) {
            tally.changed(changed);
        } else {
            tally.recorded(1);
        }
    }
}
