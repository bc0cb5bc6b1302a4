package io.pilotage.shared.ingest;

import java.time.Instant;
import java.util.List;

/**
 * One kind of telemetry message (a traffic controller's, a lighting device's): the JSON record it is read into, and
 * how it becomes commands. The same record is the body of the kind's HTTP endpoint and the payload on its MQTT topics.
 *
 * @param <M> the message record
 */
public interface TelemetryKind<M> {

    /** The kind's name in topics, metrics and parked messages: {@code traffic}, {@code lighting}. */
    String name();

    Class<M> messageType();

    /** The message's own id and the device that sent it, checked (422 naming the field when missing). */
    Envelope envelope(M message);

    /**
     * The commands the message stands for (called once {@link #envelope} has accepted it), in the order they are sent,
     * each checked by the domain type it becomes
     * ({@link io.pilotage.shared.InvalidValue} naming the field). Every command must be idempotent: a redelivered
     * message sends them again and must change nothing.
     */
    List<Object> commands(M message, Instant receivedAt);

    /** Adds what one command's result says it recorded or absorbed. */
    void tally(Object result, Tally tally);

    /** The message's id as the device gave it, and the device, which events name as their actor. */
    record Envelope(String messageId, String device) {
    }

    /** What the commands of one message recorded, and what they absorbed as already known or older than known. */
    final class Tally {
        private int events;
        private int duplicates;
        private int stale;

        public void recorded(int count) {
            events += count;
        }

        public void duplicates(int count) {
            duplicates += count;
        }

        public void stale(int count) {
            stale += count;
        }

        /** A command that answers whether it changed anything: an event, or a fact already known. */
        public void changed(boolean changed) {
            if (changed) {
                events++;
            } else {
                duplicates++;
            }
        }

        int events() {
            return events;
        }

        int duplicates() {
            return duplicates;
        }

        int stale() {
            return stale;
        }

        void add(Tally other) {
            events += other.events;
            duplicates += other.duplicates;
            stale += other.stale;
        }
    }
}
