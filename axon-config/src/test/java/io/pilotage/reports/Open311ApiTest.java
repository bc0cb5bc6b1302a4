package io.pilotage.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An Open311 GeoReport v2 client over real HTTP: it discovers the endpoint, lists services, posts requests with an
 * API key and finds them by id and by each filter, in JSON and in XML (parsed here); every refusal is the standard's
 * error list, writes nothing, and no public answer holds what the reporter said about themselves.
 */
@IntegrationTest
class Open311ApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api anonymous;
    Api admin;
    String apiKey;

    @BeforeEach
    void setUp() {
        anonymous = new Api(port, null);
        admin = new Api(port, "admin");
        apiKey = issueKey("Open311 test client").path("apiKey").asText();
    }

    private JsonNode issueKey(String name) {
        Api.Response issued = admin.post("/api/admin/open311-keys", "{\"name\":\"" + name + "\"}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued.json();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private Map<String, String> pothole() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_key", apiKey);
        fields.put("jurisdiction_id", "dijon-metropole.fr");
        fields.put("service_code", "pothole");
        fields.put("lat", "47.3220");
        fields.put("long", "5.0415");
        fields.put("address_string", "12 rue de la Liberté, Dijon");
        return fields;
    }

    private Api.Response post(String format, Map<String, String> fields) {
        return post(anonymous, format, fields);
    }

    private Api.Response post(Api client, String format, Map<String, String> fields) {
        return client.post("/open311/v2/requests." + format, "application/x-www-form-urlencoded",
                form(fields).getBytes(StandardCharsets.UTF_8));
    }

    private String posted(Map<String, String> fields) {
        Api.Response response = post("json", fields);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get(0).path("service_request_id").asText();
    }

    private JsonNode awaitRequest(String id) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            Api.Response response = anonymous.get("/open311/v2/requests/" + id + ".json");
            return response.status() == 200 ? response.json().get(0) : null;
        }, found -> found != null);
    }

    private List<String> ids(String query) {
        Api.Response response = anonymous.get("/open311/v2/requests.json" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().forEach(request -> ids.add(request.path("service_request_id").asText()));
        return ids;
    }

    private static Document xml(Api.Response response) throws Exception {
        assertThat(response.header("Content-Type")).startsWith("text/xml");
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element element, String name) {
        NodeList found = element.getElementsByTagName(name);
        return found.getLength() == 0 ? null : found.item(0).getTextContent();
    }

    private static void error(Api.Response response, int code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(code);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/json");
        assertThat(response.json().isArray()).as(response.toString()).isTrue();
        assertThat(response.json().get(0).path("code").asInt()).isEqualTo(code);
        assertThat(response.json().get(0).path("description").asText()).isNotBlank();
    }

    private static void xmlError(Api.Response response, int code) throws Exception {
        assertThat(response.status()).as(response.toString()).isEqualTo(code);
        Document document = xml(response);
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("errors");
        Element error = (Element) document.getDocumentElement().getElementsByTagName("error").item(0);
        assertThat(text(error, "code")).isEqualTo(String.valueOf(code));
        assertThat(text(error, "description")).isNotBlank();
    }

    private long eventsOf(String correlationId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(metadata, 'UTF8')::jsonb "
                + "->> 'correlationId' = ?", Long.class, correlationId);
    }

    @Test
    void givenAClient_whenItDiscoversAndListsServices_thenJsonAndXmlDescribeTheCatalogueAndItsAttributes() throws Exception {
        JsonNode discovery = anonymous.get("/open311/v2/discovery.json").json();
        Document discoveryXml = xml(anonymous.get("/open311/v2/discovery.xml"));
        JsonNode services = anonymous.get("/open311/v2/services.json").json();
        Document servicesXml = xml(anonymous.get("/open311/v2/services.xml"));
        JsonNode light = anonymous.get("/open311/v2/services/street-light-out.json").json();
        Document potholeXml = xml(anonymous.get("/open311/v2/services/pothole.xml"));

        assertThat(discovery.path("endpoints").get(0).path("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(discovery.path("endpoints").get(0).path("url").asText()).endsWith("/open311/v2");
        assertThat(discovery.path("endpoints").get(0).path("formats").toString()).contains("text/xml", "application/json");
        assertThat(discoveryXml.getDocumentElement().getElementsByTagName("format").getLength()).isEqualTo(2);
        assertThat(services).hasSize(ServiceCode.values().length);
        JsonNode first = services.get(0);
        assertThat(first.path("service_code").asText()).isEqualTo("street-light-out");
        assertThat(first.path("metadata").asBoolean()).isTrue();
        assertThat(first.path("type").asText()).isEqualTo("realtime");
        assertThat(first.path("group").asText()).isEqualTo("lighting");
        assertThat(first.path("keywords").asText()).isNotBlank();
        assertThat(servicesXml.getDocumentElement().getTagName()).isEqualTo("services");
        NodeList serviceElements = servicesXml.getDocumentElement().getElementsByTagName("service");
        assertThat(serviceElements.getLength()).isEqualTo(ServiceCode.values().length);
        assertThat(text((Element) serviceElements.item(2), "service_code")).isEqualTo("pothole");
        assertThat(text((Element) serviceElements.item(2), "metadata")).isEqualTo("false");
        assertThat(light.path("service_code").asText()).isEqualTo("street-light-out");
        assertThat(light.path("attributes").get(0).path("code").asText()).isEqualTo("light_point_id");
        assertThat(light.path("attributes").get(0).path("datatype").asText()).isEqualTo("string");
        assertThat(light.path("attributes").get(0).path("variable").asBoolean()).isTrue();
        assertThat(potholeXml.getDocumentElement().getTagName()).isEqualTo("service_definition");
        assertThat(potholeXml.getDocumentElement().getElementsByTagName("attributes").getLength()).isEqualTo(1);
        assertThat(potholeXml.getDocumentElement().getElementsByTagName("attribute").getLength()).isZero();
    }

    @Test
    void givenARequestCarryingPersonalData_whenPostedAndReadBack_thenItIsFoundInJsonAndXmlWithNoneOfIt() throws Exception {
        String marker = "Zorglub" + TestIds.next("P").replace("-", "");
        Map<String, String> fields = pothole();
        fields.put("first_name", marker + "First");
        fields.put("last_name", marker + "Last");
        fields.put("email", marker.toLowerCase() + "@example.org");
        fields.put("phone", "+33 6 12 34 56 78");
        fields.put("description", "Deep hole; call me, " + marker + "Words");
        fields.put("device_id", marker + "Device");
        fields.put("account_id", marker + "Account");
        fields.put("media_url", "https://photos.example.org/hole.jpg");

        Api.Response xmlAnswer = post("xml", fields);
        Document answer = xml(xmlAnswer);
        Element created = (Element) answer.getDocumentElement().getElementsByTagName("request").item(0);
        String id = text(created, "service_request_id");
        JsonNode json = awaitRequest(id);
        Api.Response asXml = anonymous.get("/open311/v2/requests/" + id + ".xml");
        Element read = (Element) xml(asXml).getDocumentElement().getElementsByTagName("request").item(0);
        Api.Response list = anonymous.get("/open311/v2/requests.json?service_request_id=" + id);

        assertThat(xmlAnswer.status()).isEqualTo(200);
        assertThat(answer.getDocumentElement().getTagName()).isEqualTo("service_requests");
        assertThat(id).startsWith("SR-");
        assertThat(text(created, "account_id")).startsWith("RPT-");
        assertThat(text(created, "service_notice")).contains(id);
        assertThat(json.path("status").asText()).isEqualTo("open");
        assertThat(json.path("service_code").asText()).isEqualTo("pothole");
        assertThat(json.path("service_name").asText()).isEqualTo("Pothole");
        assertThat(json.path("address").isNull()).as("the address typed is the citizen's words: not published").isTrue();
        assertThat(json.path("lat").asDouble()).isEqualTo(47.322);
        assertThat(json.path("long").asDouble()).isEqualTo(5.0415);
        assertThat(json.path("media_url").asText()).isEqualTo("https://photos.example.org/hole.jpg");
        assertThat(json.path("requested_datetime").asText()).endsWith("Z");
        assertThat(json.path("description").isNull()).isTrue();
        assertThat(text(read, "service_request_id")).isEqualTo(id);
        assertThat(text(read, "status")).isEqualTo("open");
        assertThat(text(read, "lat")).isEqualTo("47.322");
        assertThat(list.json()).hasSize(1);
        for (Api.Response publicAnswer : List.of(asXml, list, anonymous.get("/open311/v2/requests.xml"),
                anonymous.get("/open311/v2/requests.json"))) {
            assertThat(publicAnswer.body()).doesNotContainIgnoringCase(marker).doesNotContain("12 34 56 78");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND "
                + "(convert_from(payload, 'UTF8') ILIKE ? OR convert_from(metadata, 'UTF8') ILIKE ?)", Long.class,
                id, "%" + marker + "%", "%" + marker + "%")).isZero();
    }

    @Test
    void givenRequestsOfTwoServices_whenListedByEachFilter_thenEachFilterSelectsAsTheStandardSays() {
        Instant before = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        String pothole = posted(pothole());
        Map<String, String> graffiti = pothole();
        graffiti.put("service_code", "graffiti");
        graffiti.remove("lat");
        graffiti.remove("long");
        String tag = posted(graffiti);
        awaitRequest(pothole);
        awaitRequest(tag);
        String after = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();

        assertThat(ids("")).contains(pothole, tag);
        assertThat(ids("?service_code=pothole")).contains(pothole).doesNotContain(tag);
        assertThat(ids("?service_code=pothole,graffiti")).contains(pothole, tag);
        assertThat(ids("?status=open")).contains(pothole, tag);
        assertThat(ids("?status=closed")).doesNotContain(pothole, tag);
        assertThat(ids("?status=open,closed")).contains(pothole, tag);
        assertThat(ids("?start_date=" + before + "&end_date=" + after)).contains(pothole, tag);
        assertThat(ids("?start_date=" + after)).doesNotContain(pothole, tag);
        assertThat(ids("?end_date=" + before)).doesNotContain(pothole, tag);
        assertThat(ids("?start_date=" + before.atOffset(java.time.ZoneOffset.ofHours(1)))).contains(pothole, tag);
        assertThat(ids("?service_request_id=" + pothole + "," + tag + "&status=closed&service_code=other"))
                .containsExactlyInAnyOrder(pothole, tag);
        assertThat(ids("?service_request_id=SR-NOPE")).isEmpty();
    }

    @Test
    void givenBadInputOfEveryKind_whenSent_thenEachGetsTheOpen311ErrorAndNothingIsWritten() throws Exception {
        Map<String, String> noKey = pothole();
        noKey.remove("api_key");
        Map<String, String> wrongKey = pothole();
        wrongKey.put("api_key", "o311_not-a-key");
        Map<String, String> jurisdiction = pothole();
        jurisdiction.put("jurisdiction_id", "paris.fr");
        Map<String, String> noService = pothole();
        noService.remove("service_code");
        Map<String, String> unknownService = pothole();
        unknownService.put("service_code", "alien-landing");
        Map<String, String> nowhere = pothole();
        nowhere.remove("lat");
        nowhere.remove("long");
        nowhere.remove("address_string");
        Map<String, String> halfPosition = pothole();
        halfPosition.remove("long");
        Map<String, String> badLatitude = pothole();
        badLatitude.put("lat", "north");
        Map<String, String> farLatitude = pothole();
        farLatitude.put("lat", "123");
        Map<String, String> unknownParameter = pothole();
        unknownParameter.put("descripton", "typo");
        Map<String, String> unknownAttribute = pothole();
        unknownAttribute.put("attribute[light_point_id]", "LP-1");
        Map<String, String> badEmail = pothole();
        badEmail.put("email", "not-an-address");
        Map<String, String> badMedia = pothole();
        badMedia.put("media_url", "javascript:alert(1)");
        Map<String, String> unknownLightPoint = pothole();
        unknownLightPoint.put("service_code", "street-light-out");
        unknownLightPoint.put("attribute[light_point_id]", TestIds.next("LP"));

        List<Object[]> refused = new ArrayList<>();
        String run = TestIds.next("O311");
        int[] number = {0};
        java.util.function.BiConsumer<Api.Response, Integer> expect = (response, code) -> {
            error(response, code);
            refused.add(new Object[] {response, code});
        };
        java.util.function.Function<Map<String, String>, Api.Response> send = fields -> post(
                anonymous.with("X-Correlation-Id", run + "-" + number[0]++), "json", fields);

        expect.accept(send.apply(noKey), 403);
        expect.accept(send.apply(wrongKey), 403);
        expect.accept(post(new Api(port, "admin").with("X-Correlation-Id", run + "-" + number[0]++), "json", noKey), 403);
        expect.accept(send.apply(jurisdiction), 404);
        expect.accept(send.apply(noService), 400);
        expect.accept(send.apply(unknownService), 400);
        expect.accept(send.apply(nowhere), 400);
        expect.accept(send.apply(halfPosition), 400);
        expect.accept(send.apply(badLatitude), 400);
        expect.accept(send.apply(farLatitude), 400);
        expect.accept(send.apply(unknownParameter), 400);
        expect.accept(send.apply(unknownAttribute), 400);
        expect.accept(send.apply(badEmail), 400);
        expect.accept(send.apply(badMedia), 400);
        expect.accept(send.apply(unknownLightPoint), 400);
        Api correlated = anonymous.with("X-Correlation-Id", run + "-" + number[0]++);
        expect.accept(correlated.post("/open311/v2/requests.json", "application/json", "{\"service_code\":\"pothole\"}".getBytes()), 415);
        expect.accept(anonymous.with("X-Correlation-Id", run + "-" + number[0]++).post("/open311/v2/requests.json",
                "application/x-www-form-urlencoded", ("api_key=" + apiKey + "&service_code=pothole&address_string=%ZZ").getBytes()), 400);
        expect.accept(anonymous.with("X-Correlation-Id", run + "-" + number[0]++).post("/open311/v2/requests.json",
                "application/x-www-form-urlencoded", ("api_key=" + apiKey + "&lat=1&lat=2").getBytes()), 400);
        expect.accept(anonymous.with("X-Correlation-Id", run + "-" + number[0]++).post("/open311/v2/requests.json",
                "application/x-www-form-urlencoded", ("api_key=" + apiKey + "&description=" + "x".repeat(70_000)).getBytes()), 413);
        expect.accept(anonymous.with("X-Correlation-Id", run + "-" + number[0]++).post("/open311/v2/requests.csv",
                "application/x-www-form-urlencoded", form(pothole()).getBytes()), 400);
        expect.accept(anonymous.with("X-Correlation-Id", run + "-" + number[0]++).post("/open311/v2/services.json",
                "application/x-www-form-urlencoded", form(pothole()).getBytes()), 405);
        xmlError(post("xml", wrongKey), 403);
        xmlError(post("xml", badLatitude), 400);

        error(anonymous.get("/open311/v2/services.csv"), 400);
        error(anonymous.get("/open311/v2/services/alien-landing.json"), 404);
        xmlError(anonymous.get("/open311/v2/services/alien-landing.xml"), 404);
        error(anonymous.get("/open311/v2/requests/SR-UNKNOWN.json"), 404);
        xmlError(anonymous.get("/open311/v2/requests/SR-UNKNOWN.xml"), 404);
        error(anonymous.get("/open311/v2/requests.json?start_date=yesterday"), 400);
        error(anonymous.get("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"), 400);
        error(anonymous.get("/open311/v2/requests.json?start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"), 400);
        error(anonymous.get("/open311/v2/requests.json?status=pending"), 400);
        error(anonymous.get("/open311/v2/requests.json?service_code=alien-landing"), 400);
        error(anonymous.get("/open311/v2/services.json?jurisdiction_id=paris.fr"), 404);
        error(anonymous.get("/open311/v2/nothing.json"), 404);
        error(anonymous.get("/open311"), 404);
        xmlError(anonymous.get("/open311/v2/nothing.xml"), 404);
        Api.Response wrongMethod = send(anonymous, "DELETE", "/open311/v2/requests.json");
        error(wrongMethod, 405);
        assertThat(wrongMethod.header("Allow")).contains("GET", "POST");

        for (int i = 0; i < number[0]; i++) {
            assertThat(eventsOf(run + "-" + i)).as("events of refused request %d", i).isZero();
        }
        assertThat(refused).hasSize(number[0]);
    }

    @Test
    void givenHeadersMeantForTheApi_whenReadingOpen311_thenTheyAreIgnoredAndTheExtensionDecides() throws Exception {
        Api.Response xmlDespiteAccept = anonymous.with("Accept", "application/json").get("/open311/v2/services.xml");
        Api.Response unreadableAccept = anonymous.with("Accept", "not a media type;;").get("/open311/v2/services.json");
        Api.Response badCredentials = new Api(port, "nobody").get("/open311/v2/services.json");

        assertThat(xml(xmlDespiteAccept).getDocumentElement().getTagName()).isEqualTo("services");
        assertThat(unreadableAccept.status()).isEqualTo(200);
        assertThat(badCredentials.status()).isEqualTo(200);
    }

    @Test
    void givenAnAdministrator_whenIssuingListingAndRevokingKeys_thenSecretsAreShownOnceAndARevokedKeyIsRefused() {
        JsonNode issued = issueKey("FixMyStreet Dijon");
        String keyId = issued.path("keyId").asText();
        String secret = issued.path("apiKey").asText();
        Map<String, String> fields = pothole();
        fields.put("api_key", secret);

        Api.Response accepted = post("json", fields);
        Api.Response listed = admin.get("/api/admin/open311-keys");
        Api.Response byOperator = new Api(port, "operator").post("/api/admin/open311-keys", "{\"name\":\"x\"}");
        Api.Response revoked = admin.send("DELETE", "/api/admin/open311-keys/" + keyId);
        Api.Response afterRevocation = post("json", fields);
        Api.Response unknown = admin.send("DELETE", "/api/admin/open311-keys/KEY-NOPE");

        assertThat(secret).startsWith("o311_").hasSizeGreaterThan(40);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(keyId, "FixMyStreet Dijon").doesNotContain(secret);
        assertThat(byOperator.status()).isEqualTo(403);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").isTextual()).isTrue();
        error(afterRevocation, 403);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM open311_api_key WHERE secret_hash = ?", Long.class,
                sha256(secret))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM open311_api_key WHERE secret_hash = ? OR name = ?", Long.class,
                secret, secret)).isZero();
    }

    @Test
    void givenAKeyIssuedWithAnIdempotencyKey_whenRetried_thenTheReplayHasNoSecretAndNoSecondKeyExists() {
        String name = TestIds.next("client");
        Api retrying = admin.with("Idempotency-Key", TestIds.next("key"));

        Api.Response first = retrying.post("/api/admin/open311-keys", "{\"name\":\"" + name + "\"}");
        Api.Response replay = retrying.post("/api/admin/open311-keys", "{\"name\":\"" + name + "\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Cache-Control")).contains("no-store");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.body()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM open311_api_key WHERE name = ?", Long.class, name)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_idempotency_key WHERE convert_from(response_body, 'UTF8') LIKE ?",
                Long.class, "%" + first.json().path("apiKey").asText() + "%")).isZero();
    }

    @Test
    void givenAnAcceptedPost_whenItsEventsAreRead_thenTheyNameTheKeyTheOpen311ChannelAndTheRequestsCorrelationId() {
        String correlationId = TestIds.next("O311-ok");
        String keyId = jdbc.queryForObject("SELECT key_id FROM open311_api_key WHERE secret_hash = ?", String.class, sha256(apiKey));

        Api.Response accepted = post(anonymous.with("X-Correlation-Id", correlationId), "json", pothole());

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(eventsOf(correlationId)).isPositive();
        assertThat(jdbc.queryForList("SELECT DISTINCT convert_from(metadata, 'UTF8')::jsonb ->> 'actorId' FROM domainevententry "
                + "WHERE aggregateidentifier = ?", String.class, accepted.json().get(0).path("service_request_id").asText()))
                .containsExactly("system:open311:" + keyId);
        assertThat(jdbc.queryForList("SELECT DISTINCT convert_from(metadata, 'UTF8')::jsonb ->> 'channel' FROM domainevententry "
                + "WHERE convert_from(metadata, 'UTF8')::jsonb ->> 'correlationId' = ?", String.class, correlationId))
                .contains("open311");
    }

    @Test
    void givenRequestsTheFirewallOrTheContainerRefuse_whenUnderOpen311_thenTheAnswerIsStillTheOpen311ErrorList() {
        for (String request : List.of(
                "GET /open311/v2/services.json;x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /open311//v2/services.xml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /open311/v2/services.json HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\nConnection: close\r\n\r\n")) {
            String answer = raw(request);
            assertThat(answer).as(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).as(answer).containsAnyOf("<code>400</code>", "\"code\":400").doesNotContain("problem+json");
        }
    }

    /** A request no HTTP client library would send, written on a socket with bounded waits. */
    private String raw(String request) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Api.Response send(Api client, String method, String path) {
        return client.send(method, path);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
