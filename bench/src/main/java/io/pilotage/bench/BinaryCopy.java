package io.pilotage.bench;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows to a {@code COPY ... FROM STDIN (FORMAT binary)} stream: no text escaping of the payload bytes,
 * which would double their size, and nothing for the server to parse but lengths. Buffers about a megabyte
 * before each write to the connection.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final int FLUSH_AT = 1 << 20;

    private final CopyIn copy;
    private byte[] buffer = new byte[FLUSH_AT + (64 << 10)];
    private int length;

    BinaryCopy(CopyIn copy) throws SQLException {
        this.copy = copy;
        ensure(SIGNATURE.length + 8);
        System.arraycopy(SIGNATURE, 0, buffer, 0, SIGNATURE.length);
        length = SIGNATURE.length;
        int32(0);
        int32(0);
    }

    BinaryCopy row(int fields) throws SQLException {
        if (length >= FLUSH_AT) {
            flush();
        }
        ensure(2);
        int16(fields);
        return this;
    }

    BinaryCopy int8(long value) {
        ensure(12);
        int32(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    BinaryCopy text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    BinaryCopy bytes(byte[] value) {
        if (value == null) {
            ensure(4);
            int32(-1);
            return this;
        }
        ensure(4 + value.length);
        int32(value.length);
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
        return this;
    }

    /** timestamptz: microseconds since 2000-01-01 UTC. */
    BinaryCopy timestamp(Instant value) {
        long micros = (value.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000 + value.getNano() / 1_000;
        return int8(micros);
    }

    long finish() throws SQLException {
        ensure(2);
        int16(-1);
        flush();
        return copy.endCopy();
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            byte[] larger = new byte[Math.max(buffer.length * 2, length + more)];
            System.arraycopy(buffer, 0, larger, 0, length);
            buffer = larger;
        }
    }

    private void int32(int value) {
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void int16(int value) {
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }
}
