package io.pilotage.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;

/**
 * Open311 is outside the OpenAPI document, so the API's fuzz test does not reach it: this one sends seeded hostile
 * variations of valid Open311 requests (missing, doubled, huge, control-character and non-UTF-8 values, odd content
 * types, methods and paths). Whatever is sent, no 5xx; every 4xx is the standard's error list with its code, in the
 * format the path names; and a refused post wrote no event and created no reporter key.
 */
@IntegrationTest
class Open311HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code -Dopen311.fuzz.seed=S} repeats or varies a run. */
    private static final long SEED = Long.getLong("open311.fuzz.seed", 20_261_130L);
    private static final int REQUESTS = 400;
    private static final List<String> VALUES = List.of("", " ", "\u0000", "x".repeat(5_000), "null", "-1", "1e309", "NaN",
            "<a>&amp;</a>", "' OR 1=1 --", "🚦", "\u202Eevil", "%", "%ZZ", "47.3", "5.04", "pothole", "street-light-out",
            "https://example.org/p.jpg", "javascript:x", "a@b.c", "2026-01-01T00:00:00Z", "open", "closed");
    private static final List<String> NAMES = List.of("api_key", "jurisdiction_id", "service_code", "lat", "long",
            "address_string", "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone",
            "description", "media_url", "attribute[light_point_id]", "attribute[]", "attribute[x", "unknown", "", "lat");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    record Sent(String method, String path, String contentType, byte[] body) {
        @Override
        public String toString() {
            String shown = new String(body, StandardCharsets.ISO_8859_1);
            return method + " " + path + " [" + contentType + "] " + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown);
        }
    }

    @Test
    void givenSeededHostileRequests_whenSentToOpen311_thenNo5xxEveryRefusalIsAnOpen311ErrorAndNothingRefusedWasWritten() {
        Api admin = new Api(port, "admin");
        String apiKey = admin.post("/api/admin/open311-keys", "{\"name\":\"hostile input\"}").json().path("apiKey").asText();
        Random random = new Random(SEED);
        String run = TestIds.next("O311H");
        long keysBefore = jdbc.queryForObject("SELECT count(*) FROM reporter_key", Long.class);
        int accepted = 0;
        List<String> failures = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int number = 0; number < REQUESTS; number++) {
            Sent sent = next(random, apiKey);
            String correlationId = run + "-" + number;
            Api client = new Api(port, random.nextInt(5) == 0 ? "operator" : null).with("X-Correlation-Id", correlationId);
            Api.Response response = sent.method().equals("POST") ? client.post(sent.path(), sent.contentType(), sent.body())
                    : client.send(sent.method(), sent.path());
            String problem = check(sent, response);
            if (problem != null) {
                failures.add(problem + "\n    request: " + sent + "\n    answer:  " + response);
            }
            if (response.status() >= 400) {
                refused.add(correlationId);
            } else if (sent.method().equals("POST")) {
                accepted++;
            }
        }
        for (String correlationId : refused) {
            Long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(metadata, 'UTF8')::jsonb "
                    + "->> 'correlationId' = ?", Long.class, correlationId);
            if (events != 0) {
                failures.add("refused request " + correlationId + " wrote " + events + " events");
            }
        }
        long keysAfter = jdbc.queryForObject("SELECT count(*) FROM reporter_key", Long.class);

        assertThat(failures).as("%d failures (seed %d):%n%s", failures.size(), SEED, String.join("\n", failures.stream().limit(30).toList())).isEmpty();
        assertThat(refused).as("requests refused").hasSizeGreaterThan(REQUESTS / 2);
        assertThat(accepted).as("posts accepted, so that the variations start from valid requests").isPositive();
        assertThat(keysAfter - keysBefore).as("reporter keys: only accepted posts may create one").isLessThanOrEqualTo(accepted);
    }

    private Sent next(Random random, String apiKey) {
        String format = random.nextInt(6) == 0 ? "xml" : random.nextInt(10) == 0 ? pick(random, List.of("csv", "", "JSON", "json.xml")) : "json";
        int kind = random.nextInt(10);
        if (kind < 6) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("api_key", random.nextInt(8) == 0 ? pick(random, VALUES) : apiKey);
            fields.put("service_code", random.nextInt(4) == 0 ? pick(random, VALUES) : "pothole");
            fields.put("lat", "47.3220");
            fields.put("long", "5.0415");
            fields.put("description", "Hole");
            int changes = random.nextInt(3);
            for (int i = 0; i < changes; i++) {
                String name = pick(random, NAMES);
                if (random.nextBoolean()) {
                    fields.remove(name);
                } else {
                    fields.put(name, pick(random, VALUES));
                }
            }
            String body = fields.entrySet().stream().map(field -> encode(random, field.getKey()) + "=" + encode(random, field.getValue()))
                    .collect(Collectors.joining("&"));
            if (random.nextInt(12) == 0) {
                body += "&lat=1";
            }
            byte[] bytes = random.nextInt(15) == 0 ? new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}
                    : body.getBytes(StandardCharsets.ISO_8859_1);
            String contentType = random.nextInt(8) == 0 ? pick(random, List.of("application/json", "text/plain",
                    "application/x-www-form-urlencoded; charset=ISO-8859-1", "multipart/form-data", "*/*", "nonsense;;"))
                    : "application/x-www-form-urlencoded";
            return new Sent("POST", "/open311/v2/requests." + format, contentType, bytes);
        }
        String query = "?" + pick(random, List.of("service_request_id", "service_code", "start_date", "end_date", "status",
                "jurisdiction_id", "unknown")) + "=" + URLEncoder.encode(pick(random, VALUES).replace("\u0000", ""), StandardCharsets.UTF_8);
        String path = pick(random, List.of("/open311/v2/requests." + format + query, "/open311/v2/services." + format,
                "/open311/v2/discovery." + format, "/open311/v2/services/" + pick(random, List.of("pothole", "nope", "%F0%9F%9A%A6", "a.b"))
                        + "." + format, "/open311/v2/requests/" + pick(random, List.of("SR-X", "..", "a%20b", "x".repeat(300))) + "." + format,
                "/open311/v3/services.json", "/open311/v2/"));
        return new Sent(pick(random, List.of("GET", "GET", "GET", "HEAD", "DELETE", "PUT", "PATCH", "OPTIONS")), path, null, new byte[0]);
    }

    private static String encode(Random random, String text) {
        return random.nextInt(10) == 0 ? text.replace("&", "") : URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The first rule the answer breaks, or null. */
    private static String check(Sent sent, Api.Response response) {
        int status = response.status();
        if (status >= 500) {
            return "server error " + status;
        }
        if (status < 400 || sent.method().equals("HEAD")) {
            return null;
        }
        String type = response.header("Content-Type");
        try {
            if (type != null && type.startsWith("text/xml")) {
                Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
                String code = xml.getDocumentElement().getElementsByTagName("code").item(0).getTextContent();
                return xml.getDocumentElement().getTagName().equals("errors") && code.equals(String.valueOf(status)) ? null
                        : status + " is not an Open311 XML error with its code";
            }
            if (type == null || !type.startsWith("application/json")) {
                return status + " is neither Open311 JSON nor XML: " + type;
            }
            JsonNode errors = JSON.readTree(response.body());
            boolean ok = errors.isArray() && errors.get(0).path("code").asInt() == status
                    && errors.get(0).path("description").isTextual();
            return ok ? null : status + " is not an Open311 JSON error with its code";
        } catch (Exception unreadable) {
            return status + " body cannot be read: " + unreadable;
        }
    }
}
