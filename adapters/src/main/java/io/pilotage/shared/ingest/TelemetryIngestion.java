package io.pilotage.shared.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.ingest.IngestionDeadLetters.Refusal;
import io.pilotage.shared.ingest.IngestionOutcome.ParkedPart;
import io.pilotage.shared.ingest.TelemetryKind.Envelope;
import io.pilotage.shared.ingest.TelemetryKind.Tally;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.DatabaseUnavailable;
import java.io.IOException;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes telemetry in, from MQTT or HTTP alike: reads the message, turns it into its commands, and sends them on behalf of
 * the device ({@code system:device:<device>}, channel telemetry, the message id as correlation id).
 *
 * <p>A message's commands commit in one transaction, so a controller's batch is recorded whole or not at all. If one
 * of them is refused (a rule, a field, an unknown intersection), the transaction rolls back and each command is sent
 * again in a transaction of its own: what is valid is recorded, each refused part is parked in
 * {@link IngestionDeadLetters} with its reason, and the stream goes on. A message that cannot be read at all is parked
 * whole. Every command is idempotent (reports by sequence number, faults and failures by id, readings by interval),
 * so a redelivered message records nothing twice and counts as duplicates; that is what makes at-least-once delivery
 * safe without a table of every message id ever seen, which would grow as fast as the phase changes themselves.
 *
 * <p>A failure that is not the message's fault (the database, a concurrent writer that keeps winning) throws
 * {@link TelemetryUnavailable}: nothing was written or parked, and the message must come again.
 */
@Component
public class TelemetryIngestion {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryIngestion.class);
    /** Another node appending to the same intersection at the same instant is retried this many times. */
    private static final int ATTEMPTS = 5;

    private final CommandGateway commands;
    private final IngestionDeadLetters deadLetters;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate ownTransaction;
    private final long maxMessageBytes;

    public TelemetryIngestion(CommandGateway commands, IngestionDeadLetters deadLetters, ObjectMapper mapper, Clock clock,
                              MeterRegistry meters, PlatformTransactionManager transactions,
                              @Value("${pilotage.ingest.max-message-bytes:1048576}") long maxMessageBytes) {
        this.commands = commands;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.clock = clock;
        this.meters = meters;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.maxMessageBytes = maxMessageBytes;
    }

    /** What one message became; for a message refused whole, the refusal, which HTTP answers as its problem. */
    public record Ingested(IngestionOutcome outcome, RuntimeException refusal) {
    }

    /** A message as it came off a topic: read here, parked whole when it cannot be read. */
    public <M> Ingested ingest(TelemetryKind<M> kind, byte[] payload, Transport transport, String topic) {
        Instant receivedAt = clock.instant();
        if (payload.length > maxMessageBytes) {
            return parkedWhole(kind, transport, topic, idOf(payload), null, payload, receivedAt,
                    new InvalidValue("payload", "exceeds the limit of " + maxMessageBytes + " bytes"), "too-large");
        }
        M message;
        try {
            message = mapper.readValue(payload, kind.messageType());
        } catch (IOException unreadable) {
            return unreadable(kind, transport, topic, payload, unreadable);
        }
        if (message == null) {
            return unreadable(kind, transport, topic, payload, null);
        }
        return ingest(kind, message, payload, transport, topic, receivedAt);
    }

    /** A message Spring MVC has read already (its body record); {@code payload} is what to park if it is refused. */
    public <M> Ingested ingest(TelemetryKind<M> kind, M message, byte[] payload, Transport transport) {
        return ingest(kind, message, payload, transport, null, clock.instant());
    }

    /** A body that is not JSON of the message's shape, answered 400 by the API: parked like an unreadable MQTT payload. */
    public void parkUnreadable(TelemetryKind<?> kind, byte[] payload, Transport transport, Exception unreadable) {
        unreadable(kind, transport, null, payload, unreadable);
    }

    private <M> Ingested ingest(TelemetryKind<M> kind, M message, byte[] payload, Transport transport, String topic,
                                Instant receivedAt) {
        Timer.Sample timing = Timer.start(meters);
        try {
            return record(kind, message, payload, transport, topic, receivedAt);
        } finally {
            timing.stop(meters.timer("pilotage.ingest.duration", "kind", kind.name(), "transport", transport.wireName()));
        }
    }

    private <M> Ingested record(TelemetryKind<M> kind, M message, byte[] payload, Transport transport, String topic,
                                Instant receivedAt) {
        Envelope envelope;
        List<Object> parts;
        try {
            envelope = kind.envelope(message);
            parts = kind.commands(message, receivedAt);
        } catch (RuntimeException unusable) {
            // A value no domain type accepts, or one that breaks arithmetic (an instant at the end of time): the message's fault.
            InvalidValue invalid = unusable instanceof InvalidValue field ? field
                    : new InvalidValue("payload", "holds a value that cannot be used: " + unusable.getMessage());
            String messageId = envelopeIdOrHash(kind, message, payload);
            return parkedWhole(kind, transport, topic, messageId, deviceOrNull(kind, message), payload, receivedAt, invalid,
                    "invalid-field");
        }
        Actor device = Actor.device(envelope.device(), envelope.messageId());
        Tally tally = new Tally();
        RuntimeException refused;
        try {
            tally.add(inOneTransaction(kind, parts, device));
            return counted(kind, transport, new Ingested(outcome(envelope, parts.size(), tally, List.of()), null));
        } catch (RefusedPart refusal) {
            refused = refusal.cause;
        }
        if (parts.size() == 1) {
            return parkedParts(kind, transport, topic, envelope, payload, receivedAt, parts.size(), tally,
                    List.of(new PartRefusal(0, refused)));
        }
        List<PartRefusal> refusals = new ArrayList<>();
        for (int part = 0; part < parts.size(); part++) {
            try {
                tally.add(inOneTransaction(kind, List.of(parts.get(part)), device));
            } catch (RefusedPart refusal) {
                refusals.add(new PartRefusal(part, refusal.cause));
            }
        }
        return parkedParts(kind, transport, topic, envelope, payload, receivedAt, parts.size(), tally, refusals);
    }

    private record PartRefusal(int part, RuntimeException cause) {
    }

    /** A command refused for a reason of its own: the message's fault, to be parked. */
    private static final class RefusedPart extends RuntimeException {
        private final RuntimeException cause;

        RefusedPart(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    private <M> Tally inOneTransaction(TelemetryKind<M> kind, List<Object> parts, Actor device) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ownTransaction.execute(status -> {
                    Tally tally = new Tally();
                    for (Object command : parts) {
                        kind.tally(send(command, device), tally);
                    }
                    return tally;
                });
            } catch (RefusedPart refused) {
                throw refused;
            } catch (ConcurrencyException | AggregateStreamCreationException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw new TelemetryUnavailable(concurrent);
                }
                pause(attempt);
            } catch (DataAccessException | TransactionException failed) {
                if (transientFailure(failed)) {
                    throw new TelemetryUnavailable(failed);
                }
                throw new RefusedPart(failed);
            }
        }
    }

    private Object send(Object command, Actor device) {
        try {
            return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(device.metaData()));
        } catch (RuntimeException failure) {
            RuntimeException cause = failure instanceof CommandExecutionException && failure.getCause() instanceof RuntimeException inner
                    ? inner : failure;
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                throw cause;
            }
            if (transientFailure(cause)) {
                throw new TelemetryUnavailable(cause);
            }
            throw new RefusedPart(cause);
        }
    }

    /**
     * A failure to try again: the database unreachable, a lock or a serialization conflict. Any other failure would fail
     * again the same way, and retrying it would hold the stream for good: it is the message's part to park.
     */
    private static boolean transientFailure(Throwable failure) {
        if (DatabaseUnavailable.causes(failure)) {
            return true;
        }
        // Axon's JDBC store wraps what PostgreSQL says (EventStoreException): the SQL state is in the causes.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException || cause instanceof TransactionTimedOutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && RETRIED_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Serialization failure, deadlock, lock not available, statement cancelled (a timeout): worth another try. */
    private static final java.util.Set<String> RETRIED_SQL_STATES = java.util.Set.of("40001", "40P01", "55P03", "57014");

    /** Another node wrote the same stream at the same instant: wait a little, a little longer each time, with jitter. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L * attempt, 20L * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TelemetryUnavailable(interrupted);
        }
    }

    private static IngestionOutcome outcome(Envelope envelope, int commandCount, Tally tally, List<ParkedPart> parked) {
        return new IngestionOutcome(envelope.messageId(), envelope.device(), commandCount, tally.events(), tally.duplicates(),
                tally.stale(), parked);
    }

    private Ingested parkedParts(TelemetryKind<?> kind, Transport transport, String topic, Envelope envelope, byte[] payload,
                                 Instant receivedAt, int commandCount, Tally tally, List<PartRefusal> refusals) {
        List<ParkedPart> parked = new ArrayList<>();
        for (PartRefusal refusal : refusals) {
            ParkedPart part = describe(refusal.part(), refusal.cause());
            park(kind, transport, topic, envelope.messageId(), envelope.device(), payload, receivedAt, part, refusal.cause());
            parked.add(part);
        }
        RuntimeException whole = refusals.size() == commandCount ? refusals.get(0).cause() : null;
        return counted(kind, transport, new Ingested(outcome(envelope, commandCount, tally, parked), whole));
    }

    private Ingested parkedWhole(TelemetryKind<?> kind, Transport transport, String topic, String messageId, String device,
                                 byte[] payload, Instant receivedAt, RuntimeException refusal, String reason) {
        ParkedPart part = describe(-1, refusal);
        if (reason != null && !reason.equals(part.reason())) {
            part = new ParkedPart(-1, reason, part.field(), part.detail());
        }
        park(kind, transport, topic, messageId, device, payload, receivedAt, part, refusal);
        return counted(kind, transport, new Ingested(new IngestionOutcome(messageId, device, 0, 0, 0, 0, List.of(part)), refusal));
    }

    private Ingested unreadable(TelemetryKind<?> kind, Transport transport, String topic, byte[] payload, Exception unreadable) {
        String detail = unreadable instanceof JsonProcessingException json ? json.getOriginalMessage() : "The payload is not a JSON object";
        InvalidValue refusal = new InvalidValue("payload", "cannot be read as a " + kind.name() + " message: " + detail);
        return parkedWhole(kind, transport, topic, idOf(payload), null, payload, clock.instant(), refusal, "malformed");
    }

    private void park(TelemetryKind<?> kind, Transport transport, String topic, String messageId, String device, byte[] payload,
                      Instant receivedAt, ParkedPart part, RuntimeException cause) {
        try {
            ownTransaction.executeWithoutResult(status -> deadLetters.park(new Refusal(kind.name(), transport, topic, messageId,
                    device, part.part(), part.reason(), part.field(), part.detail(), payload, receivedAt)));
        } catch (DataAccessException | TransactionException failed) {
            if (transientFailure(failed)) {
                throw new TelemetryUnavailable(failed);
            }
            LOG.warn("Telemetry refused but not parked: {} message {} from device {}: {}", kind.name(), messageId, device, failed.toString());
        }
        meters.counter("pilotage.ingest.parked", "kind", kind.name(), "transport", transport.wireName(), "reason", part.reason())
                .increment();
        LOG.warn("Telemetry parked: {} message {} from device {} via {}, part {}: {} ({})", kind.name(), messageId, device,
                transport.wireName(), part.part(), part.reason(), cause.getClass().getSimpleName());
    }

    private static ParkedPart describe(int part, RuntimeException cause) {
        if (cause instanceof InvalidValue invalid) {
            return new ParkedPart(part, "invalid-field", invalid.field(), invalid.reason());
        }
        if (cause instanceof RuleViolation violation) {
            return new ParkedPart(part, "rule/" + violation.ruleName(), null, violation.ruleMessage());
        }
        if (cause instanceof AggregateNotFoundException) {
            return new ParkedPart(part, "not-found", null, "The message names an intersection, light point or cabinet that is not registered.");
        }
        return new ParkedPart(part, "refused", null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private Ingested counted(TelemetryKind<?> kind, Transport transport, Ingested ingested) {
        IngestionOutcome outcome = ingested.outcome();
        meters.counter("pilotage.ingest.messages", "kind", kind.name(), "transport", transport.wireName(), "result", outcome.result())
                .increment();
        meters.counter("pilotage.ingest.events", "kind", kind.name()).increment(outcome.events());
        meters.counter("pilotage.ingest.absorbed", "kind", kind.name(), "as", "duplicate").increment(outcome.duplicates());
        meters.counter("pilotage.ingest.absorbed", "kind", kind.name(), "as", "stale").increment(outcome.stale());
        return ingested;
    }

    /** The message's own id when it has a usable one, else the payload's hash, so a redelivery finds the same row. */
    private <M> String envelopeIdOrHash(TelemetryKind<M> kind, M message, byte[] payload) {
        try {
            return kind.envelope(message).messageId();
        } catch (InvalidValue noId) {
            return idOf(payload);
        }
    }

    private <M> String deviceOrNull(TelemetryKind<M> kind, M message) {
        try {
            return kind.envelope(message).device();
        } catch (InvalidValue noDevice) {
            return null;
        }
    }

    private String idOf(byte[] payload) {
        try {
            JsonNode tree = payload.length <= maxMessageBytes ? mapper.readTree(payload) : null;
            if (tree != null && tree.path("messageId").isTextual() && !tree.path("messageId").asText().isBlank()
                    && tree.path("messageId").asText().length() <= 255) {
                return tree.path("messageId").asText();
            }
        } catch (IOException unreadable) {
            // Not JSON: the hash names it.
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every JVM has SHA-256", impossible);
        }
    }
}
