package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An operator following the board receives an intervention opened after they connected. */
@IntegrationTest
class OperationsBoardStreamTest {

    @LocalServerPort
    int port;

    /** What the application calls when it closes (ContextClosedEvent). */
    @Autowired
    OperationsBoardStream streams;

    @Test
    void givenAFollowedBoard_whenAnInterventionOpens_thenItArrivesAsAnEvent() throws Exception {
        BufferedReader events = follow("Ouges");

        Api.Response opened = new Api(port, "operator").post("/api/interventions", """
                {"source":"citizen_report","assetId":"ROAD-OUGES-1","category":"roadworks","commune":"Ouges",
                 "latitude":47.26,"longitude":5.07,"priority":"p2"}""");
        String id = opened.json().path("interventionId").asText();

        CompletableFuture<Boolean> received = CompletableFuture.supplyAsync(() -> readUntil(events, id));
        assertThat(received.get(20, TimeUnit.SECONDS)).isTrue();
        events.close();
    }

    /** Without this, a graceful shutdown waited for every open stream until its timeout, and a restart hung 30 s. */
    @Test
    void givenAFollowedBoard_whenTheApplicationCloses_thenTheStreamEnds() throws Exception {
        BufferedReader events = follow("Ahuy");

        streams.endStreams();
        CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> !readUntil(events, "event:"));

        assertThat(ended.get(10, TimeUnit.SECONDS)).as("the stream ended, with no further event").isTrue();
    }

    /**
     * Found by ApiFuzzTest: a HEAD request opened a stream that could never send anything and held its connection
     * for half an hour, so the next request a client sent on that connection was never read.
     */
    @Test
    void givenAHeadRequestOnTheStream_whenAnotherRequestFollowsOnTheSameConnection_thenBothAreAnswered() throws Exception {
        String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes()) + "\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("HEAD /api/interventions/stream HTTP/1.1\r\nHost: localhost\r\n" + basic + "\r\n"
                    + "GET /api/crews HTTP/1.1\r\nHost: localhost\r\n" + basic + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answers.split("HTTP/1.1 200", -1)).as(answers).hasSize(3);
            assertThat(answers).contains("text/event-stream").contains("\"items\"");
        }
    }

    /** Opens the board stream of one commune as an operator, once its first page has arrived. */
    private BufferedReader follow(String commune) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/interventions/stream?commune=" + commune))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes()))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(readUntil(events, "event:board")).isTrue();
        return events;
    }

    private static boolean readUntil(BufferedReader events, String marker) {
        try {
            String line;
            while ((line = events.readLine()) != null) {
                if (line.contains(marker)) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
