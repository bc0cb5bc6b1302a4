package io.pilotage.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

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
}
