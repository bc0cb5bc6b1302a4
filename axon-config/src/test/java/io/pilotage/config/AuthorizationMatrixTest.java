package io.pilotage.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotage.IntegrationTest;
import io.pilotage.shared.web.Allowed;
import io.pilotage.shared.web.Permission;
import io.pilotage.shared.web.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the API called by every role, and without credentials: the answer is 401 without them, 403
 * for a role the endpoint's {@link Permission} does not list, and neither (nor a 5xx) for one it lists. The
 * expectations come from the one table the endpoints are guarded with, and docs/authorization.md shows the same
 * table: the test fails when they differ.
 */
@IntegrationTest
class AuthorizationMatrixTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path DOC = Path.of("..", "docs", "authorization.md");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(String method, String path, Permission permission) {
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            Allowed allowed = mapping.getValue().getMethodAnnotation(Allowed.class);
            if (allowed == null) {
                continue;
            }
            for (String path : mapping.getKey().getPatternValues()) {
                mapping.getKey().getMethodsCondition().getMethods().forEach(method ->
                        endpoints.add(new Endpoint(method.name(), path, allowed.value())));
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        return endpoints.stream().distinct().toList();
    }

    private static String user(Role role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private int call(Endpoint endpoint, Role role) throws IOException, InterruptedException {
        String path = endpoint.path().replaceAll("\\{[^}]+}", "MATRIX-1");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(endpoint.method(), endpoint.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (role != null) {
            String token = user(role) + ":" + user(role);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    @Test
    void everyEndpointByEveryRole_answersAsThePermissionTableSays() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(25);
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            int anonymous = call(endpoint, null);
            if (anonymous != 401) {
                wrong.add(endpoint + " without credentials: " + anonymous);
            }
            for (Role role : Role.values()) {
                int status = call(endpoint, role);
                boolean allowed = endpoint.permission().roles().contains(role);
                if (allowed ? status == 401 || status == 403 || status >= 500 : status != 403) {
                    wrong.add(endpoint + " as " + role + ": " + status + (allowed ? " (allowed)" : " (not allowed)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theDocsShowTheSameTable() throws IOException {
        String expected = table(endpoints());
        String doc = Files.readString(DOC);
        assertThat(doc).as("docs/authorization.md must contain, verbatim:%n%s", expected).contains(expected);
    }

    private static String table(List<Endpoint> endpoints) {
        StringBuilder table = new StringBuilder("| permission | roles, least privileged first |\n| --- | --- |\n");
        for (Permission permission : Permission.values()) {
            table.append("| `").append(permission.name()).append("` | ")
                    .append(permission.roles().stream().map(Role::name).collect(Collectors.joining(", "))).append(" |\n");
        }
        table.append("\n| endpoint | permission |\n| --- | --- |\n");
        for (Endpoint endpoint : endpoints) {
            table.append("| `").append(endpoint.method()).append(' ').append(endpoint.path()).append("` | `")
                    .append(endpoint.permission().name()).append("` |\n");
        }
        return table.toString();
    }
}
