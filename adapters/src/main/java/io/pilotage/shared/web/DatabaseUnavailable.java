package io.pilotage.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached (connections dropped, server restarting, pool exhausted) from a fault
 * of the application, wherever the failure surfaced: Spring's translation, Axon's event store and token store
 * wrappers, or the driver's bare {@link SQLException}. The first is the client's cue to retry (503 with
 * Retry-After), the second a 500 to investigate.
 */
public final class DatabaseUnavailable {

    /** Long enough for the pool to replace dropped connections, short enough for an operator's retry. */
    public static final int RETRY_AFTER_SECONDS = 2;
    private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && (sql.getSQLState() != null && connectionLost(sql.getSQLState()) || closedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 connection exceptions, 57P01-03 (server shutting down or restarting), 53300 (too many connections). */
    private static boolean connectionLost(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("57P0") || sqlState.equals("53300");
    }

    /**
     * HikariCP answers any use of a connection it has already found broken (a rollback after the server dropped it)
     * with a bare "Connection is closed" that carries no SQL state; only where it was thrown tells it apart.
     */
    private static boolean closedByThePool(SQLException sql) {
        StackTraceElement[] trace = sql.getStackTrace();
        return sql.getSQLState() == null && trace.length > 0 && trace[0].getClassName().startsWith(HIKARI_CLOSED_CONNECTION);
    }

    public static ProblemDetail problem(String detail) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable", detail);
    }

    /** Answers 503 with Retry-After from a filter or the error page, where no controller advice can. */
    public static void write(HttpServletResponse response, ProblemDetail problem, ObjectMapper mapper) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        Problems.write(response, problem, mapper);
    }

    public static ProblemDetail problem() {
        return problem("The database could not be reached; nothing was written. Retry in a moment.");
    }
}
