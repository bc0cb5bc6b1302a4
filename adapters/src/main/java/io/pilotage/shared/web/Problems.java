package io.pilotage.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details with a stable type URI per kind of problem. */
public final class Problems {

    public static final String TYPE_BASE = "https://pilotage.example/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** Writes a problem from a servlet filter, where no controller advice can. */
    public static void write(HttpServletResponse response, ProblemDetail problem, ObjectMapper mapper) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }

    /**
     * The problem for a bare status, when whoever refused the request (the container, the firewall, an
     * unknown path) gave no reason of its own: the same type URIs as the handlers use for the same status,
     * and never the text of an exception, which could show internals.
     */
    public static ProblemDetail ofStatus(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || status.is5xxServerError()) {
            return of(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status, "internal-error", "Internal error",
                    "The request could not be completed. Quote the X-Correlation-Id header when reporting it.");
        }
        return switch (status) {
            case BAD_REQUEST -> of(status, "bad-request", "Bad request", "The request is malformed and was not processed.");
            case UNAUTHORIZED -> of(status, "authentication-required", "Authentication required",
                    "Send credentials (HTTP Basic locally, a bearer token in production).");
            case FORBIDDEN -> of(status, "forbidden", "Forbidden", "Your role does not allow this operation.");
            case NOT_FOUND -> of(status, "not-found", "Not found", "No resource answers at this address.");
            case PAYLOAD_TOO_LARGE -> of(status, "payload-too-large", "Payload too large", "The request is too large.");
            default -> of(status, "http-" + code, status.getReasonPhrase(), "The request was refused: " + status.getReasonPhrase() + ".");
        };
    }

    public static ProblemDetail invalidField(String field, String reason) {
        ProblemDetail problem = of(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-field", "Invalid field", field + " " + reason);
        problem.setProperty("field", field);
        problem.setProperty("rule", reason);
        return problem;
    }
}
