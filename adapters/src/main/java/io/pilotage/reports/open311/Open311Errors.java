package io.pilotage.reports.open311;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/**
 * Open311's error format for refusals that no Open311 controller gave a reason for: an unknown path, a wrong
 * method, what the container or the firewall refused. Used by the error page, the firewall's handler and the
 * container's report valve for every path under {@value #PATH_PREFIX}.
 */
public final class Open311Errors {

    public static final String PATH_PREFIX = "/open311";

    private Open311Errors() {
    }

    public static boolean concerns(String path) {
        return path != null && (path.equals(PATH_PREFIX) || path.startsWith(PATH_PREFIX + "/"));
    }

    /** A description of a bare status, never the text of an exception. */
    public static String describe(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || status.is5xxServerError()) {
            return "The request could not be completed. Quote the X-Correlation-Id header when reporting it.";
        }
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed and was not processed.";
            case NOT_FOUND -> "No Open311 resource answers at this address.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
            case PAYLOAD_TOO_LARGE -> "The request is too large.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/x-www-form-urlencoded.";
            default -> "The request was refused: " + status.getReasonPhrase() + ".";
        };
    }

    public static byte[] body(String path, int code, String description) {
        return Open311Writer.errors(Open311Format.forErrorsOn(path), code, description);
    }

    public static String contentType(String path) {
        return Open311Format.forErrorsOn(path).contentType();
    }

    /** Writes the error from outside any controller (a filter, the error page). */
    public static void write(HttpServletResponse response, String path, int code, String description) throws IOException {
        response.setStatus(code);
        response.setContentType(contentType(path));
        response.getOutputStream().write(body(path, code, description));
    }
}
