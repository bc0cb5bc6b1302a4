package io.pilotage.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.reports.open311.Open311Errors;
import io.pilotage.shared.web.DatabaseUnavailable;
import io.pilotage.shared.web.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers what the servlet container forwards to the error page (a {@code sendError} from a filter, a
 * failure outside any controller) with a problem, in place of Boot's default JSON or HTML, whatever the
 * client accepts; a database that cannot be reached is 503, as in the API's own handler. Called directly, there is no error to describe, so the page does not exist: 404. It
 * is the container's page, open to all like a refusal is, not an endpoint of the API with a permission. Under
 * {@code /open311} the answer is Open311's error list instead, in the format the path's extension names.
 */
@Hidden
@Controller
public class ErrorEndpoint implements ErrorController {

    private final ObjectMapper mapper;

    public ErrorEndpoint(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer forwarded && forwarded >= 400 ? forwarded : 404;
        response.resetBuffer();
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path instanceof String uri && Open311Errors.concerns(uri)) {
            if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure && DatabaseUnavailable.causes(failure)) {
                response.setHeader("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
                Open311Errors.write(response, uri, 503, "The service is unavailable for a moment; retry later.");
                return;
            }
            Open311Errors.write(response, uri, code, Open311Errors.describe(code));
            return;
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure && DatabaseUnavailable.causes(failure)) {
            DatabaseUnavailable.write(response, DatabaseUnavailable.problem(), mapper);
            return;
        }
        Problems.write(response, Problems.ofStatus(code), mapper);
    }
}
