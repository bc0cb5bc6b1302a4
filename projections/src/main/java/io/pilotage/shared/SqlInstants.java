package io.pilotage.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants in and out of {@code timestamptz} columns that may be null: one place instead of a copy per read model. */
public final class SqlInstants {

    private SqlInstants() {
    }

    /** The column's instant, or null when the column is. */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** The parameter for an instant that may be null. */
    public static Timestamp write(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * The instant as a {@code timestamptz} column keeps it: to the microsecond, rounded half up as the driver rounds it.
     * A read model that computes from an event's instant within a batch, instead of reading it back, uses this so that
     * it computes what one by one would.
     */
    public static Instant asStored(Instant instant) {
        return instant == null ? null : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }
}
