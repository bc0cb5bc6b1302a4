package io.pilotage.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import io.pilotage.TestIds;
import io.pilotage.reports.ReporterCommands.RecordReporterRequestClosed;
import io.pilotage.reports.requests.ServiceRequestsProjection;
import io.pilotage.shared.Channel;
import io.pilotage.shared.web.Actor;
import io.pilotage.shared.web.CommandSender;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The proof of crypto-shredding: distinctive personal data goes in through the phone line over HTTP (name, email,
 * phone, description), the request is qualified, opens an intervention and closes, every processor catches up, and
 * the whole database (every table of the schema, every column as text, bytea as UTF-8, as hex and searched for
 * Base64 too) and the application's log output hold none of it, neither before the erasure (the clear text is never
 * stored) nor after; after the erasure the reads show the fields erased, and replaying the read model brings nothing
 * back. The retention deadline is persisted with nothing personal in it, and erases when it falls due.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErasureTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    PersonalDataVault vault;

    /** Stands in for the retention policy with a retention of nothing, as a simulated input. */
    @Autowired
    CommandSender commands;

    @Autowired
    Clock clock;

    /** A marker unique to this run, so that nothing already in the shared database can match it by chance. */
    static String marker(String field) {
        String letters = "BCDFGHJKLMNPQRSTVWXZ";
        StringBuilder marker = new StringBuilder("Qz").append(field);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            marker.append(letters.charAt(random.nextInt(letters.length())));
        }
        return marker.toString();
    }

    /** A French mobile number no other test uses: the digits as typed, and as a normaliser would keep them. */
    static String phone() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "+33 7 %02d %02d %02d %02d".formatted(random.nextInt(100), random.nextInt(100), random.nextInt(100),
                random.nextInt(100));
    }

    record Planted(String serviceRequestId, String reporterId, List<String> markers) {
    }

    private Planted plantOverHttp(Api operator) {
        String firstMarker = marker("First");
        String lastMarker = marker("Last");
        String email = marker("mail").toLowerCase(Locale.ROOT) + "@example.org";
        String phone = phone();
        String descriptionMarker = marker("Desc");
        double[] place = ReportsApiTest.freshPlace();
        String body = """
                {"serviceCode":"pothole","latitude":%s,"longitude":%s,"commune":"Dijon","firstName":"Zoé%s",
                 "lastName":"Marchal%s","email":"%s","phone":"%s","description":"Appelez-moi, %s, le trou est devant chez moi."}"""
                .formatted(place[0], place[1], firstMarker, lastMarker, email, phone, descriptionMarker);
        Api.Response taken = operator.with("Idempotency-Key", TestIds.next("erasure")).post("/api/reports", body);
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        return new Planted(taken.json().path("serviceRequestId").asText(), taken.json().path("reporterId").asText(),
                List.of(firstMarker, lastMarker, email, phone, phone.replace(" ", ""), descriptionMarker));
    }

    @Test
    void givenPersonalDataTakenOverThePhoneLine_whenTheReporterIsErased_thenNoTableNoLogAndNoReplayHoldsIt(CapturedOutput output) {
        Api operator = new Api(port, "operator");
        Api dpo = new Api(port, "dpo");
        Instant planting = Instant.now().minusSeconds(1);
        Planted planted = plantOverHttp(operator);
        String id = planted.serviceRequestId();
        // the same markers in refused input too: refusals must not echo or log them
        Api.Response refused = operator.post("/api/reports", """
                {"serviceCode":"pothole","address":"1 place Darcy","email":"not an email %s","phone":"%s"}"""
                .formatted(planted.markers().get(0), planted.markers().get(1)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).doesNotContain(planted.markers().get(0)).doesNotContain(planted.markers().get(1));
        assertThat(operator.post("/api/reports/" + id + "/qualification", "{\"serviceCode\":\"pothole\",\"priority\":\"P3\"}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> operator.get("/api/reports/" + id).json().path("interventionId").isTextual());
        assertThat(operator.post("/api/reports/" + id + "/closure", "{\"resolution\":\"fixed\",\"note\":\"Rebouché.\"}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduledDeadlines(planted.reporterId()) == 1);
        JsonNode before = operator.get("/api/reports/" + id).json().path("reporter");
        assertThat(before.path("erased").asBoolean()).isFalse();
        assertThat(before.path("lastName").asText()).contains(planted.markers().get(1));
        awaitEveryProcessorAtTheHead();
        LoggerFactory.getLogger(ErasureTest.class).info("log capture check {}", planted.reporterId());

        assertThat(output.getAll()).as("the log output is captured").contains("log capture check " + planted.reporterId());
        String dumpBefore = databaseDump();
        assertThat(findings(dumpBefore, List.of(id))).as("the dump finds what is stored, in clear and in bytea as hex")
                .contains(id + " (clear)", id + " (hex)");
        assertThat(findings(dumpBefore, planted.markers())).as("personal data in the database before erasure").isEmpty();

        Api.Response erased = dpo.post("/api/reporters/" + planted.reporterId() + "/erasure", "");

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().path("reporterId").asText()).isEqualTo(planted.reporterId());
        assertThat(erased.json().path("erased").asBoolean()).isTrue();
        assertThat(erased.json().path("reason").asText()).isEqualTo("request");
        assertThat(scheduledDeadlines(planted.reporterId())).as("the retention deadline is cancelled").isZero();
        JsonNode after = operator.get("/api/reports/" + id).json().path("reporter");
        assertThat(after.path("erased").asBoolean()).isTrue();
        assertThat(List.of("firstName", "lastName", "email", "phone", "description"))
                .allSatisfy(field -> assertThat(after.path(field).isNull() || after.path(field).isMissingNode()).as(field).isTrue());

        resetAndReplay(ServiceRequestsProjection.PROCESSING_GROUP, planting, id,
                () -> operator.get("/api/reports/" + id).status() == 200);

        JsonNode replayed = operator.get("/api/reports/" + id).json().path("reporter");
        assertThat(replayed.path("erased").asBoolean()).isTrue();
        assertThat(replayed.path("lastName").isNull() || replayed.path("lastName").isMissingNode()).isTrue();
        awaitEveryProcessorAtTheHead();
        assertThat(findings(databaseDump(), planted.markers())).as("personal data in the database after erasure").isEmpty();
        assertThat(findings(output.getAll(), planted.markers())).as("personal data in the logs").isEmpty();
    }

    @Test
    void givenAnErasedReporter_whenErasedAgain_thenTheFirstErasureIsAnsweredAndNothingIsWritten() {
        Api operator = new Api(port, "operator");
        Api dpo = new Api(port, "dpo");
        Planted planted = plantOverHttp(operator);
        Api.Response first = dpo.post("/api/reporters/" + planted.reporterId() + "/erasure", "");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        long events = reporterEvents(planted.reporterId());

        Api.Response again = new Api(port, "admin").post("/api/reporters/" + planted.reporterId() + "/erasure", "");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("erasedAt").asText()).isEqualTo(first.json().path("erasedAt").asText());
        assertThat(again.json().path("reason").asText()).isEqualTo("request");
        assertThat(reporterEvents(planted.reporterId())).isEqualTo(events);
    }

    @Test
    void givenAReporterTheSystemNeverSaw_whenErased_then404AndNothingWritten() {
        String unknown = TestIds.next("RPT");

        Api.Response response = new Api(port, "dpo").post("/api/reporters/" + unknown + "/erasure", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reporterEvents(unknown)).isZero();
        assertThat(vault.erased(new ReporterId(unknown))).as("the vault's mark rolled back with the command").isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reporter_key WHERE reporter_id = ?", Long.class, unknown)).isZero();
    }

    @Test
    void givenAnOperator_whenErasing_then403() {
        assertThat(new Api(port, "operator").post("/api/reporters/RPT-X/erasure", "").status()).isEqualTo(403);
    }

    /**
     * The default retention (twelve months on Paris's calendar) is a persistent deadline whose row names only the
     * reporter; a reporter whose data is due now is erased by that deadline as it fires, without anyone asking.
     */
    @Test
    void givenAClosedRequest_whenItsRetentionEnds_thenTheDeadlineErasesTheReporter() {
        Api operator = new Api(port, "operator");
        Planted kept = plantOverHttp(operator);
        assertThat(operator.post("/api/reports/" + kept.serviceRequestId() + "/closure",
                "{\"resolution\":\"no_further_action\",\"note\":\"Rien à faire.\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduledDeadlines(kept.reporterId()) == 1);
        Instant due = jdbc.queryForObject("SELECT execution_time FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                java.sql.Timestamp.class, kept.reporterId()).toInstant();
        Instant expected = RetentionPeriod.of(Period.ofMonths(12)).retainUntil(clock.instant());
        assertThat(due).isBetween(expected.minus(1, ChronoUnit.HOURS), expected.plus(1, ChronoUnit.HOURS));
        assertThat(findings(scheduledTaskDump(kept.reporterId()), kept.markers())).isEmpty();

        Planted due_now = plantOverHttp(operator);
        await().atMost(Duration.ofSeconds(30)).until(() -> reporterEvents(due_now.reporterId()) == 1);
        Instant now = clock.instant();
        commands.send(new RecordReporterRequestClosed(new ReporterId(due_now.reporterId()),
                new ServiceRequestId(due_now.serviceRequestId()), now, now), Actor.system("ErasureTest", Channel.SIMULATOR));

        await().atMost(Duration.ofSeconds(30)).until(() -> vault.erased(new ReporterId(due_now.reporterId())));
        String erasedEvent = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype LIKE '%ReporterErased'""", String.class, due_now.reporterId());
        assertThat(erasedEvent).contains("\"RETENTION\"");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(metadata, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype LIKE '%ReporterErased'""", String.class, due_now.reporterId()))
                .as("the erasure at the deadline names the closure that set it").contains("\"channel\":\"deadline\"")
                .contains(jdbc.queryForObject("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype LIKE '%ReporterRequestClosed'", String.class, due_now.reporterId()));
        await().atMost(Duration.ofSeconds(30)).until(() -> operator.get("/api/reports/" + due_now.serviceRequestId()).json()
                .path("reporter").path("erased").asBoolean());
        assertThat(vault.erased(new ReporterId(kept.reporterId()))).isFalse();
    }

    private long scheduledDeadlines(String reporterId) {
        return jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                Long.class, reporterId);
    }

    private String scheduledTaskDump(String reporterId) {
        StringBuilder dump = new StringBuilder();
        jdbc.query("SELECT * FROM scheduled_tasks WHERE position(convert_to(?, 'UTF8') in task_data) > 0",
                (RowCallbackHandler) row -> appendRow(dump, row), reporterId);
        return dump.toString();
    }

    private long reporterEvents(String reporterId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, reporterId);
    }

    /** Every table of the schema, every row, every column: as PostgreSQL prints the row, and column by column. */
    private String databaseDump() {
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name""", String.class);
        assertThat(tables).contains("domainevententry", "snapshotevententry", "tokenentry", "deadletterentry", "sagaentry", "scheduled_tasks",
                "api_idempotency_key", "reporter_key", "rm_reports_request");
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            dump.append("\n## ").append(table).append('\n');
            jdbc.query("SELECT t::text AS row_text, t.* FROM \"" + table + "\" t", (RowCallbackHandler) row -> appendRow(dump, row));
        }
        return dump.toString();
    }

    private static void appendRow(StringBuilder dump, ResultSet row) throws java.sql.SQLException {
        ResultSetMetaData columns = row.getMetaData();
        for (int c = 1; c <= columns.getColumnCount(); c++) {
            Object value = row.getObject(c);
            if (value instanceof byte[] bytes) {
                dump.append(new String(bytes, StandardCharsets.UTF_8)).append(" | ").append(HexFormat.of().formatHex(bytes));
            } else {
                dump.append(row.getString(c));
            }
            dump.append(" | ");
        }
        dump.append('\n');
    }

    /**
     * Where each marker appears: as written, in any case, as hex of its UTF-8 bytes, and as Base64 of them at each of
     * the three alignments (a serializer may have encoded the bytes).
     */
    static List<String> findings(String text, List<String> markers) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String marker : markers) {
            byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
            Map<String, String> forms = new java.util.LinkedHashMap<>();
            forms.put("clear", marker.toLowerCase(Locale.ROOT));
            forms.put("hex", HexFormat.of().formatHex(bytes));
            for (String form : forms.keySet()) {
                if (lower.contains(forms.get(form))) {
                    found.add(marker + " (" + form + ")");
                }
            }
            for (int shift = 0; shift < 3; shift++) {
                byte[] shifted = new byte[bytes.length + shift];
                System.arraycopy(bytes, 0, shifted, shift, bytes.length);
                String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
                String core = encoded.substring(shift == 0 ? 0 : 4, encoded.length() - 4);
                if (core.length() >= 8 && text.contains(core)) {
                    found.add(marker + " (base64)");
                }
            }
        }
        return found;
    }

    private void awaitEveryProcessorAtTheHead() {
        long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .allMatch(processor -> !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                        .allMatch(status -> position(status) >= head)));
    }

    private static long position(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1);
    }

    /**
     * Resets the group (its reset handlers empty its tables) and replays from {@code from}: the events of this test,
     * the sealed fields among them, and not the whole history the shared test database has gathered over many runs,
     * which would make the wait grow with every run.
     */
    private void resetAndReplay(String group, Instant from, String serviceRequestId, java.util.concurrent.Callable<Boolean> rebuilt) {
        StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            processor.resetTokens(source -> source.createTokenAt(from));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM rm_reports_request WHERE service_request_id = ?", Long.class,
                    serviceRequestId)).as("the reset emptied the read model").isZero();
        } finally {
            processor.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(rebuilt);
    }
}
