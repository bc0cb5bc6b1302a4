package io.pilotage.shared.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.shared.web.ApiExceptionHandler;
import io.pilotage.shared.web.CachedBodyRequest;
import io.pilotage.shared.web.DatabaseUnavailable;
import io.pilotage.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;

/**
 * The HTTP door of one kind of telemetry, for controllers that POST instead of publishing: the same message, the same
 * ingestion, the same dead letters as MQTT. A message refused whole is answered as the API's problem (400, 404, 409,
 * 422) and parked; one refused in part is answered 200 with the parts parked.
 *
 * @param <M> the message record, which is the body
 */
public abstract class TelemetryEndpoint<M> {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryEndpoint.class);

    private final TelemetryIngestion ingestion;
    private final TelemetryKind<M> kind;
    private final ObjectMapper mapper;
    private final ApiExceptionHandler problems;

    protected TelemetryEndpoint(TelemetryIngestion ingestion, TelemetryKind<M> kind, ObjectMapper mapper, ApiExceptionHandler problems) {
        this.ingestion = ingestion;
        this.kind = kind;
        this.mapper = mapper;
        this.problems = problems;
    }

    protected IngestionOutcome takeIn(M message, HttpServletRequest request) {
        byte[] payload = CachedBodyRequest.bodyOf(request).orElseGet(() -> written(message));
        TelemetryIngestion.Ingested ingested = ingestion.ingest(kind, message, payload, Transport.HTTP);
        if (ingested.refusal() != null) {
            throw ingested.refusal();
        }
        return ingested.outcome();
    }

    /**
     * A body that is not a message of this kind: parked like an unreadable MQTT payload, answered as the API answers it.
     * Public, so that the proxy guarding the endpoints passes the call on to the controller, whose fields it does not have.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Object> unreadable(HttpMessageNotReadableException unreadable, HttpServletRequest request, WebRequest web)
            throws Exception {
        try {
            CachedBodyRequest.bodyOf(request).ifPresent(body -> ingestion.parkUnreadable(kind, body, Transport.HTTP, unreadable));
        } catch (TelemetryUnavailable notKept) {
            LOG.warn("An unreadable {} message could not be parked: {}", kind.name(), notKept.getCause().toString());
        }
        return problems.handleException(unreadable, web);
    }

    /**
     * The database is unavailable, or another node kept writing the same intersection: the message, or what was left of
     * it, was not written. Sending it again records what is missing and nothing twice.
     */
    @ExceptionHandler(TelemetryUnavailable.class)
    public ResponseEntity<ProblemDetail> unavailable(TelemetryUnavailable unavailable) {
        LOG.warn("A {} message was not taken in now: {}", kind.name(), unavailable.getCause().toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "telemetry-unavailable", "Telemetry not taken in now",
                        "The message could not be recorded now, in whole or in part; send it again: nothing is recorded twice."));
    }

    private byte[] written(M message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("A message record read from JSON can be written back", impossible);
        }
    }
}
