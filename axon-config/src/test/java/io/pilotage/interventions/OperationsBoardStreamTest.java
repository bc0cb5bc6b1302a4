package io.pilotage.interventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.Api;
import io.pilotage.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import org.springframework.boot.test.web.server.LocalServerPort;

/** An operator following the board receives an intervention opened after they connected. */
@IntegrationTest
class OperationsBoardStreamTest {

    @LocalServerPort
    int port;

    @Test
    void givenAFollowedBoard_whenAnInterventionOpens_thenItArrivesAsAnEvent() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/interventions/stream?commune=Ouges"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("operator:operator".getBytes()))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(readUntil(events, "event:board")).isTrue();

        Api.Response opened = new Api(port, "operator").post("/api/interventions", """
                {"source":"citizen_report","assetId":"ROAD-OUGES-1","category":"roadworks","commune":"Ouges",
                 "latitude":47.26,"longitude":5.07,"priority":"p2"}""");
        String id = opened.json().path("interventionId").asText();

        CompletableFuture<Boolean> received = CompletableFuture.supplyAsync(() -> readUntil(events, id));
        assertThat(received.get(20, TimeUnit.SECONDS)).isTrue();
        response.body().close();
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
