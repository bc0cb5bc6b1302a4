package io.pilotage.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every error of the HTTP API, whoever answers it (a controller, Spring Security, the container), is an
 * RFC 9457 problem: a client parses one format, and no answer shows HTML, Boot's default JSON or nothing.
 */
@IntegrationTest
class ErrorResponsesTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void givenNoCredentials_whenCallingTheApi_then401ProblemWithChallenge() {
        Api.Response anonymous = new Api(port, null).get("/api/crews");

        assertProblem(anonymous.raw(), 401);
        assertThat(anonymous.header("WWW-Authenticate")).isNotBlank();
    }

    @Test
    void givenWrongBasicCredentials_whenCallingTheApi_then401ProblemWithChallenge() {
        Api.Response wrong = new Api(port, null).with("Authorization", "Basic " + basic("operator", "wrong"))
                .get("/api/crews");

        assertProblem(wrong.raw(), 401);
        assertThat(wrong.header("WWW-Authenticate")).isNotBlank();
    }

    @Test
    void givenTheWrongRole_whenWriting_then403Problem() {
        Api.Response denied = new Api(port, "auditor").post("/api/crews", "{}");

        assertProblem(denied.raw(), 403);
    }

    @Test
    void givenAnUnknownPathUnderTheApi_whenCalled_then404Problem() {
        assertProblem(new Api(port, "operator").get("/api/nope").raw(), 404);
    }

    /** Outside /api nothing is served to anyone: the refusal is a problem too, whatever its status. */
    @Test
    void givenAnUnknownPathOutsideTheApi_whenCalled_thenProblem() {
        assertProblem(new Api(port, "operator").get("/nope").raw(), 403);
        assertProblem(new Api(port, null).get("/nope").raw(), 401);
    }

    @Test
    void givenTheErrorPathCalledDirectly_whenAnswered_then404ProblemNot500() {
        assertProblem(new Api(port, null).get("/error").raw(), 404);
        assertProblem(new Api(port, "operator").get("/error").raw(), 404);
        assertProblem(send("POST", "/error", "operator", "application/json", "{}".getBytes(StandardCharsets.UTF_8), null), 404);
    }

    @Test
    void givenAnUnsupportedMethod_whenCalled_then405Problem() {
        HttpResponse<String> delete = send("DELETE", "/api/crews", "operator", null, null, null);

        assertProblem(delete, 405);
        assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void givenPlainTextToAJsonEndpoint_whenPosted_then415Problem() {
        assertProblem(new Api(port, "operator").post("/api/crews", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)).raw(), 415);
    }

    @Test
    void givenABodyOverTheJsonLimit_whenPosted_then413Problem() {
        byte[] body = new byte[1_048_576 + 1];
        Arrays.fill(body, (byte) ' ');
        assertProblem(new Api(port, "operator").post("/api/crews", "application/json", body).raw(), 413);
    }

    @Test
    void givenAnAcceptHeaderTheApiCannotServe_whenCalled_then406Problem() {
        assertProblem(send("GET", "/api/crews", "operator", null, null, "text/html"), 406);
    }

    /** Found by ApiFuzzTest: Spring MVC could not negotiate the error answer either, and sent a bare 406. */
    @Test
    void givenAnAcceptHeaderThatIsNotAMediaTypeList_whenCalled_then400ProblemNamingTheHeader() {
        HttpResponse<String> read = send("GET", "/api/crews", "operator", null, null, "nonsense");
        HttpResponse<String> refused = send("POST", "/api/crews", "supervisor", "application/json",
                "{".getBytes(StandardCharsets.UTF_8), "application/json;q=x");
        HttpResponse<String> tooMany = send("GET", "/api/crews", "operator", null, null,
                "text/plain, ".repeat(60) + "application/json");

        for (HttpResponse<String> response : List.of(read, refused, tooMany)) {
            assertProblem(response, 400);
            assertThat(json(response.body()).path("field").asText()).isEqualTo("Accept");
        }
    }

    @Test
    void givenAPathTheFirewallRejects_whenCalled_then400Problem() {
        assertProblem(send("GET", "/api/crews;jsessionid=x", "operator", null, null, null), 400);
        assertProblem(send("GET", "/api//crews", "operator", null, null, null), 400);
        assertProblem(send("GET", "/api/crews;x", null, null, null, "text/html"), 400);
    }

    @Test
    void givenARequestTheContainerCannotParse_whenSent_then400Problem() {
        RawResponse badTarget = raw("GET /api/crews?x={y} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        RawResponse badHeader = raw("GET /api/crews HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\nConnection: close\r\n\r\n");

        for (RawResponse response : new RawResponse[] {badTarget, badHeader}) {
            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(response.text()).startsWith("application/problem+json");
            JsonNode problem = json(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("title").asText()).isNotBlank();
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        String described = response.statusCode() + " " + response.headers().map() + " " + response.body();
        assertThat(response.statusCode()).as(described).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(described)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.path("status").asInt()).as(described).isEqualTo(status);
        assertThat(problem.path("type").asText()).as(described).startsWith("https://pilotage.example/problems/");
        assertThat(problem.path("title").asText()).as(described).isNotBlank();
        assertThat(response.body()).as(described).doesNotContain("Exception").doesNotContain("\"error\"");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(String method, String path, String user, String contentType, byte[] body, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", "Basic " + basic(user, user));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record RawResponse(String text) {
        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        String header(String name) {
            for (String line : head().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        String body() {
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            return header("Transfer-Encoding").equalsIgnoreCase("chunked") ? unchunk(body) : body;
        }

        private String head() {
            return text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
        }

        private static String unchunk(String chunked) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int end = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, end).trim(), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(chunked, end + 2, end + 2 + size);
                at = end + 2 + size + 2;
            }
        }
    }

    /** A request no HTTP client library would send, written on a socket with bounded waits. */
    private RawResponse raw(String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return new RawResponse(response.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
