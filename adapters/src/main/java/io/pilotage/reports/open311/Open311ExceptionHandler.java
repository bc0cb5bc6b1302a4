package io.pilotage.reports.open311;

import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import io.pilotage.shared.web.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of the Open311 controller in the standard's error format, in the format the path asked for:
 * {@code [{"code":400,"description":"..."}]} or {@code <errors><error><code>400</code>...}. Scoped to that controller
 * and ordered before the API's RFC 9457 handler, which therefore never answers under {@code /open311}. Nothing was
 * written when a 4xx is answered: every check runs before the report is sealed and sent.
 */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class Open311ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Open311ExceptionHandler.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> failure(Exception exception, HttpServletRequest request) {
        Throwable cause = exception;
        while ((cause instanceof CommandExecutionException || cause instanceof QueryExecutionException
                || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String path = request.getRequestURI();
        if (cause instanceof Open311Error error) {
            return error(path, error.code(), error.description());
        }
        if (cause instanceof InvalidValue invalid) {
            return error(path, 400, invalid.field() + " " + invalid.reason());
        }
        if (cause instanceof RuleViolation violation) {
            return error(path, 400, violation.ruleMessage());
        }
        if (cause instanceof ErrorResponse refused && refused.getStatusCode().is4xxClientError()) {
            return error(path, refused.getStatusCode().value(), Open311Errors.describe(refused.getStatusCode().value()));
        }
        if (DatabaseUnavailable.causes(exception)) {
            LOG.warn("Open311 request refused: the database is unavailable ({})", exception.toString());
            return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                    .header(HttpHeaders.CONTENT_TYPE, Open311Errors.contentType(path))
                    .body(Open311Errors.body(path, 503, "The service is unavailable for a moment; retry later."));
        }
        LOG.error("Unexpected failure while serving an Open311 request", exception);
        return error(path, 500, Open311Errors.describe(500));
    }

    private static ResponseEntity<byte[]> error(String path, int code, String description) {
        return ResponseEntity.status(code).header(HttpHeaders.CONTENT_TYPE, Open311Errors.contentType(path))
                .body(Open311Errors.body(path, code, description));
    }
}
