package io.pilotage.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Lets a client read its own writes although read models are fed asynchronously. Every successful write under
 * {@code /api} answers with {@code Pilotage-Position}: the position of the last event the write appended, when the event
 * store noted it ({@link ReadModelPositions#endWrite()}), else of the newest stored event once the write is committed;
 * either way at or after the write's own events. A read that sends it back as {@code Pilotage-Min-Position} waits
 * until every read model has applied the events up to there, then runs. The wait is bounded: past it the read is
 * answered anyway, marked {@code Pilotage-Stale: true}, because a read model that is being rebuilt or is stuck must
 * not make the whole API unavailable.
 *
 * <p>Ordered inside the security filters, so an unauthenticated caller cannot hold a thread waiting, and
 * around the {@link WriteRequestFilter}, so the position is taken after the write's transaction commits.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class ReadYourWritesFilter extends OncePerRequestFilter {

    public static final String POSITION = "Pilotage-Position";
    public static final String MIN_POSITION = "Pilotage-Min-Position";
    public static final String STALE = "Pilotage-Stale";

    private static final Logger LOG = LoggerFactory.getLogger(ReadYourWritesFilter.class);
    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 25;

    private final ReadModelPositions positions;
    private final ObjectMapper mapper;
    private final Duration timeout;

    public ReadYourWritesFilter(ReadModelPositions positions, ObjectMapper mapper,
                                @Value("${pilotage.api.read-your-writes-timeout:5s}") Duration timeout) {
        this.positions = positions;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        switch (request.getMethod()) {
            case "GET", "HEAD" -> readAfter(request, response, chain);
            case "POST", "PUT", "PATCH", "DELETE" -> writeWithPosition(request, response, chain);
            default -> chain.doFilter(request, response);
        }
    }

    private void writeWithPosition(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        positions.beginWrite();
        OptionalLong appended;
        try {
            chain.doFilter(request, recorder);
        } finally {
            appended = positions.endWrite();
        }
        if (recorder.getStatus() >= 200 && recorder.getStatus() < 300) {
            try {
                (appended.isPresent() ? appended : positions.head())
                        .ifPresent(position -> recorder.setHeader(POSITION, Long.toString(position)));
            } catch (RuntimeException unavailable) {
                LOG.warn("Write answered without {}: the event store head could not be read", POSITION, unavailable);
            }
        }
        recorder.copyBodyToResponse();
    }

    private void readAfter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(MIN_POSITION);
        if (given == null) {
            chain.doFilter(request, response);
            return;
        }
        long position;
        try {
            position = Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            position = -1;
        }
        if (position < 0) {
            invalid(response, "must be a position returned in " + POSITION + " by a write");
            return;
        }
        try {
            if (!positions.reached(position)) {
                OptionalLong head = positions.head();
                if (head.isEmpty() || position > head.getAsLong()) {
                    invalid(response, "is beyond the newest stored event: no write answered with it");
                    return;
                }
                if (!awaitReached(position)) {
                    response.setHeader(STALE, "true");
                }
            }
        } catch (RuntimeException unavailable) {
            LOG.warn("Read answered without waiting: the read models' positions could not be read", unavailable);
            response.setHeader(STALE, "true");
        }
        chain.doFilter(request, response);
    }

    /** Polls with growing pauses: most reads find the read models there within a few milliseconds. */
    private boolean awaitReached(long position) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (positions.reached(position)) {
                return true;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
        return false;
    }

    private void invalid(HttpServletResponse response, String reason) throws IOException {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-position", "Invalid position",
                MIN_POSITION + " " + reason + ".");
        problem.setProperty("field", MIN_POSITION);
        Problems.write(response, problem, mapper);
    }
}
