package dev.herald.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.app.Application;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.security.Role;
import dev.herald.server.HeraldServer;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * One server on port 0 over a retail workspace (three profiles, a campaign in {@code campaigns/}),
 * a key of each role, and calls over real HTTP: the harness every API test goes through.
 */
final class ApiHarness implements AutoCloseable {

    record Answer(int status, String contentType, JsonNode json, String text, java.net.http.HttpHeaders headers) {
    }

    static final String CAMPAIGN = """
            id: hello
            name: Hello
            activities:
              - id: everyone
                type: build-audience
                expression: has(profile.email)
              - id: mail
                type: email
                from: [everyone]
                subject: "Hello {{ profile.first_name }}"
                body: "Hello {{ profile.first_name }}"
            """;

    final Application app;
    final HeraldServer server;
    final Map<Role, String> keys = new EnumMap<>(Role.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    ApiHarness(Path dir) throws Exception {
        this(dir, "");
    }

    /** A server on a workspace whose herald.yaml holds {@code settings} too. */
    ApiHarness(Path dir, String settings) throws Exception {
        Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "store: herald.duckdb\n" + settings);
        Files.createDirectories(dir.resolve("campaigns"));
        Files.writeString(dir.resolve("campaigns/hello.yaml"), CAMPAIGN);
        app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), Clock.systemUTC());
        app.schemas().apply(false);
        app.imports().importFile(ImportRequest.of("profile", Files.writeString(dir.resolve("profiles.csv"), "id,email,email_consent,first_name\n"
                + "1,ann@example.com,true,Ann\n2,bob@example.com,true,Bob\n3,,true,Cy\n"), ImportMode.INSERT));
        for (Role r : Role.values()) {
            keys.put(r, app.access().create("test " + r.id(), r, null).token());
        }
        server = HeraldServer.start(app, "127.0.0.1", 0);
    }

    Answer call(String method, String path, Role role, String body) throws Exception {
        return call(method, path, role == null ? null : keys.get(role), body);
    }

    Answer call(String method, String path, String key, String body) throws Exception {
        return call(method, path, key, body, java.util.Map.of());
    }

    Answer call(String method, String path, String key, String body, java.util.Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = type.contains("json") && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
        return new Answer(response.statusCode(), type, json, response.body(), response.headers());
    }

    Answer get(String path, Role role) throws Exception {
        return call("GET", path, role, null);
    }

    Answer post(String path, Role role, String body) throws Exception {
        return call("POST", path, role, body);
    }

    /** The run's status once it is neither running nor in one of {@code past} (started, approved or resumed in the server). */
    JsonNode settled(long run, String... past) throws Exception {
        java.util.Set<String> moving = new java.util.HashSet<>(java.util.List.of(past));
        moving.add("running");
        for (int i = 0; i < 300; i++) {
            JsonNode status = get("/api/v1/runs/" + run, Role.VIEWER).json();
            if (!moving.contains(status.at("/run/status").asText())) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + run + " still running after 30 s");
    }

    @Override
    public void close() {
        server.close();
        app.close();
    }
}
