package io.pilotage.shared.ingest;

import io.pilotage.shared.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Telemetry the core refused, kept with its reason so that someone can see which device sends what and why: a message
 * that cannot be read, or one part of a message that a rule or a field refused. Keyed by kind, device, message id and
 * part, so that a redelivery of the same refused message counts up (keeping the latest reason) instead of piling up rows. Telemetry holds no personal
 * data, so the payload is kept as it came (up to {@link #PAYLOAD_KEPT} bytes).
 */
@Component
public class IngestionDeadLetters {

    /** Bytes of a payload kept: enough for any sane message, bounded for the insane ones. */
    static final int PAYLOAD_KEPT = 256 * 1024;

    private final JdbcTemplate jdbc;

    public IngestionDeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A refused message or part, as the table keeps it. */
    record Refusal(String kind, Transport transport, String topic, String messageId, String device, int part,
                   String reason, String field, String detail, byte[] payload, Instant receivedAt) {
    }

    /** Parks the refusal in its own statement; called outside the message's transaction, which rolled back. */
    void park(Refusal refusal) {
        byte[] payload = refusal.payload().length > PAYLOAD_KEPT ? Arrays.copyOf(refusal.payload(), PAYLOAD_KEPT) : refusal.payload();
        jdbc.update("""
                INSERT INTO ingest_dead_letter (kind, transport, topic, message_id, device, part, reason, field, detail, payload,
                                                payload_bytes, first_received_at, last_received_at, times_received)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (kind, (coalesce(device, '')), message_id, part) DO UPDATE
                SET times_received = ingest_dead_letter.times_received + 1, last_received_at = EXCLUDED.last_received_at,
                    transport = EXCLUDED.transport, topic = EXCLUDED.topic, reason = EXCLUDED.reason, field = EXCLUDED.field,
                    detail = EXCLUDED.detail, payload = EXCLUDED.payload, payload_bytes = EXCLUDED.payload_bytes""",
                refusal.kind(), refusal.transport().wireName(), cut(refusal.topic(), 512), cut(refusal.messageId(), 255),
                cut(refusal.device(), 255), refusal.part(), cut(refusal.reason(), 128), cut(refusal.field(), 255),
                cut(refusal.detail(), 1000), payload, refusal.payload().length, Timestamp.from(refusal.receivedAt()),
                Timestamp.from(refusal.receivedAt()));
    }

    @Schema(example = """
            {"kind":"traffic","transport":"mqtt","topic":"pilotage/traffic/TL-DIJ-042","messageId":"TL-DIJ-042-000123",\
            "device":"CTRL-TL-DIJ-042","part":0,"reason":"invalid-field","field":"state","detail":"must be one of ...",\
            "payload":"{\\"messageId\\":\\"TL-DIJ-042-000123\\"}","payloadBytes":31,"firstReceivedAt":"2026-11-30T16:42:05Z",\
            "lastReceivedAt":"2026-11-30T16:42:05Z","timesReceived":1}""")
    public record ParkedMessage(
            @Schema(example = "traffic") String kind,
            @Schema(example = "mqtt") String transport,
            @Schema(example = "pilotage/traffic/TL-DIJ-042", nullable = true) String topic,
            @Schema(description = "The device's id for the message, or sha256: and the payload's hash when unreadable",
                    example = "TL-DIJ-042-000123") String messageId,
            @Schema(example = "CTRL-TL-DIJ-042", nullable = true) String device,
            @Schema(description = "The refused command's place in the message, from 0; -1 for the whole message", example = "0") int part,
            @Schema(example = "invalid-field") String reason,
            @Schema(example = "state", nullable = true) String field,
            @Schema(example = "must be one of ...") String detail,
            @Schema(description = "The payload as received, as UTF-8 text (cut at 256 KiB)", example = "{\"messageId\":\"TL-DIJ-042-000123\"}")
            String payload,
            @Schema(example = "31") int payloadBytes,
            @Schema(example = "2026-11-30T16:42:05Z") Instant firstReceivedAt,
            @Schema(example = "2026-11-30T16:42:05Z") Instant lastReceivedAt,
            @Schema(example = "1") int timesReceived) {
    }

    @Schema(example = """
            {"items":[],"page":0,"size":50,"totalItems":0}""")
    public record ParkedMessages(List<ParkedMessage> items, @Schema(example = "0") int page, @Schema(example = "50") int size,
                                 @Schema(example = "0") long totalItems) {
    }

    /** The latest parked first (by when first parked, so that pages hold still); of one kind when given. */
    public ParkedMessages list(String kind, PageRequest page) {
        List<ParkedMessage> items = jdbc.query("""
                SELECT kind, transport, topic, message_id, device, part, reason, field, detail, payload, payload_bytes,
                       first_received_at, last_received_at, times_received
                FROM ingest_dead_letter WHERE (?::text IS NULL OR kind = ?)
                ORDER BY id DESC LIMIT ? OFFSET ?""",
                (row, n) -> new ParkedMessage(row.getString("kind"), row.getString("transport"), row.getString("topic"),
                        row.getString("message_id"), row.getString("device"), row.getInt("part"), row.getString("reason"),
                        row.getString("field"), row.getString("detail"),
                        new String(row.getBytes("payload"), StandardCharsets.UTF_8), row.getInt("payload_bytes"),
                        row.getTimestamp("first_received_at").toInstant(), row.getTimestamp("last_received_at").toInstant(),
                        row.getInt("times_received")),
                kind, kind, page.size(), page.offset());
        Long total = jdbc.queryForObject("SELECT count(*) FROM ingest_dead_letter WHERE (?::text IS NULL OR kind = ?)",
                Long.class, kind, kind);
        return new ParkedMessages(items, page.page(), page.size(), total == null ? 0 : total);
    }

    /** Within the column, and without NUL, which PostgreSQL text refuses and a hostile payload may well carry. */
    private static String cut(String text, int length) {
        if (text == null) {
            return null;
        }
        String clean = text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '?');
        return clean.length() <= length ? clean : clean.substring(0, length);
    }
}
