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

    public static ProblemDetail invalidField(String field, String reason) {
        ProblemDetail problem = of(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-field", "Invalid field", field + " " + reason);
        problem.setProperty("field", field);
        problem.setProperty("rule", reason);
        return problem;
    }
}
