package io.pilotage.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Accept} header cannot be read, with a 400 problem naming the header. Spring MVC
 * reads the header the same way (parse, then sort) to choose how to write every answer, the answer that reports
 * an error included: with an unreadable one it would drop that answer's body and send a bare 406, and the client
 * would not learn what went wrong. Open311 resources are left alone: their format is their extension and they
 * never read {@code Accept}, as GeoReport v2 says.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class AcceptHeaderFilter extends OncePerRequestFilter {

    private final ObjectMapper mapper;

    public AcceptHeaderFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/open311/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (!accept.isEmpty() && !readable(accept)) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header",
                    "The Accept header is not a list of media types (at most 50).");
            problem.setProperty("field", HttpHeaders.ACCEPT);
            Problems.write(response, problem, mapper);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean readable(List<String> accept) {
        try {
            MimeTypeUtils.sortBySpecificity(MediaType.parseMediaTypes(accept));
            return true;
        } catch (InvalidMediaTypeException | InvalidMimeTypeException unreadable) {
            return false;
        }
    }
}
