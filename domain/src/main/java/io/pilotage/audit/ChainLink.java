package io.pilotage.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evident chain over the event store: link(n) = SHA-256(link(n-1) || row n), where the row is every
 * column of the stored event (position, ids, sequence, type, timestamp, payload type and revision, payload and
 * metadata bytes), each written with its length first so that no two rows encode alike. The first link starts
 * from 32 zero bytes. Changing, removing or adding a row below the chain's head changes a link that was already
 * recorded; docs/audit.md says what that proves and what it does not.
 */
public final class ChainLink {

    public static final int LENGTH = 32;
    private static final byte[] GENESIS = new byte[LENGTH];

    private ChainLink() {
    }

    /** The link before the first event. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    public static byte[] next(byte[] previous, StoredEvent event) {
        if (previous == null || previous.length != LENGTH) {
            throw new IllegalArgumentException("A chain link is " + LENGTH + " bytes");
        }
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(encode(event));
        return sha256.digest();
    }

    public static String hex(byte[] link) {
        return link == null ? null : HexFormat.of().formatHex(link);
    }

    private static byte[] encode(StoredEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metadata()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(event.position());
            text(out, event.eventIdentifier());
            text(out, event.aggregateIdentifier());
            out.writeLong(event.sequenceNumber());
            text(out, event.aggregateType());
            text(out, event.timestamp());
            text(out, event.payloadType());
            text(out, event.payloadRevision());
            blob(out, event.payload());
            blob(out, event.metadata());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        blob(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Null is length -1, distinct from an empty value. */
    private static void blob(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException absent) {
            throw new IllegalStateException("Every Java platform provides SHA-256", absent);
        }
    }
}
