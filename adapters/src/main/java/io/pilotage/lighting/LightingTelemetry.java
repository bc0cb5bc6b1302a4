package io.pilotage.lighting;

import io.pilotage.lighting.LightPointCommands.FailureReportOutcome;
import io.pilotage.lighting.LightingMessages.LightingMessage;
import io.pilotage.shared.Identifiers;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.ingest.TelemetryKind;
import io.pilotage.shared.web.Params;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
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
        InvalidValue.require(message.items() > 0, "failures", "the message holds no failure and no reading");
        InvalidValue.require(message.items() <= LightingMessages.MAX_ITEMS, "failures",
                "a message holds at most " + LightingMessages.MAX_ITEMS + " failures and readings in all");
        List<Object> commands = new ArrayList<>();
        Params.entries(message.failures(), "failures").forEach(failure -> commands.add(failure.toCommand(receivedAt)));
        Params.entries(message.readings(), "readings").stream().map(reading -> reading.toCommand(receivedAt))
                .sorted(Comparator.comparing(CabinetCommands.RecordEnergyReading::intervalStart))
                .forEach(commands::add);
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
