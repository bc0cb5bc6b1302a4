package io.pilotage.shared.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.pilotage.shared.InvalidValue;
import io.pilotage.shared.RuleViolation;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of the API into an RFC 9457 problem: 400 for unreadable input, 404 for unknown
 * ids, 409 when the current state forbids the command (naming the rule), 422 when a field breaks a rule
 * of its own (naming the field). Nothing has been written when any of these is answered.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolation(RuleViolation violation) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "rule/" + violation.ruleName(),
                "Rule violated: " + violation.ruleName(), violation.ruleMessage());
        problem.setProperty("rule", violation.ruleName());
        violation.rule().details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(InvalidValue.class)
    ProblemDetail invalidValue(InvalidValue invalid) {
        return Problems.invalidField(invalid.field(), invalid.reason());
    }

    @ExceptionHandler({AggregateNotFoundException.class, ResourceNotFound.class})
    ProblemDetail notFound(RuntimeException missing) {
        String detail = missing instanceof ResourceNotFound ? missing.getMessage() : "The addressed resource does not exist.";
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException conflict) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "Another request changed the same resource at the same moment; nothing was written. Retry.");
    }

    /** Two requests created the same resource at once; this one lost, and the resource now exists. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail alreadyExists(AggregateStreamCreationException exists) {
        return Problems.of(HttpStatus.CONFLICT, "already-exists", "Already exists",
                "Another request created the same resource at the same moment and won; nothing of this request was written.");
    }

    /** A body declared multipart that is not (no boundary, truncated): the client's request, not a fault. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail malformedMultipart(MultipartException malformed) {
        return Problems.of(HttpStatus.BAD_REQUEST, "malformed-multipart", "Malformed multipart body",
                "The body is declared multipart/form-data but cannot be read as such (a boundary is missing or the parts are cut).");
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ProblemDetail tooLarge(PayloadTooLarge tooLarge) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large", tooLarge.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException denied) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not allow this operation.");
    }

    @ExceptionHandler(AuthenticationException.class)
    void authentication(AuthenticationException exception) {
        throw exception;
    }

    /** Distributed buses and the query gateway wrap what a handler threw; answer for the cause. */
    @ExceptionHandler({CommandExecutionException.class, QueryExecutionException.class, CompletionException.class})
    ResponseEntity<Object> wrapped(Exception wrapper, WebRequest request) throws Exception {
        Throwable cause = wrapper.getCause();
        if (cause instanceof RuleViolation violation) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ruleViolation(violation));
        }
        if (cause instanceof InvalidValue invalid) {
            return ResponseEntity.unprocessableEntity().body(invalidValue(invalid));
        }
        if (cause instanceof AggregateNotFoundException missing) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound(missing));
        }
        if (cause instanceof ConcurrencyException conflict) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(concurrentChange(conflict));
        }
        if (cause instanceof AggregateStreamCreationException exists) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(alreadyExists(exists));
        }
        return unexpected(wrapper);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException mismatch) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                mismatch.getName() + " has an invalid value");
        problem.setProperty("field", mismatch.getName());
        return problem;
    }

    /**
     * A database that cannot be reached is not the request's fault nor a bug: 503 with Retry-After. The request's
     * transaction, if it had begun, rolled back with its connection, so nothing was written.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception exception) {
        if (DatabaseUnavailable.causes(exception)) {
            LOG.warn("Request refused: the database is unavailable ({})", exception.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                    .body(DatabaseUnavailable.problem());
        }
        LOG.error("Unexpected failure while serving a request", exception);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "The request could not be completed. Quote the X-Correlation-Id header when reporting it."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                describe(ex.getCause()));
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem.setProperty("field", path(mapping));
        }
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType().toString().equals("about:blank")) {
            problem.setType(java.net.URI.create(Problems.TYPE_BASE + "http-" + statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'.";
        }
        if (cause instanceof InvalidFormatException format) {
            return "Field '" + path(format) + "' has a value of the wrong type or format.";
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "Field '" + path(mismatch) + "' has a value of the wrong type.";
        }
        if (cause instanceof JsonProcessingException) {
            return "The body is not well-formed JSON.";
        }
        return "The request body is missing or unreadable.";
    }

    private static String path(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
