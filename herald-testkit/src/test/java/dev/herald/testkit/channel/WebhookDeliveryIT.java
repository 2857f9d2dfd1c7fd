package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's webhook is posted to the URL its template renders for each recipient, its body valid
 * JSON whatever the profile holds, signed with the workspace's secret.
 */
class WebhookDeliveryIT {

    @TempDir
    Path dir;

    @Test
    void each_recipient_is_posted_once_as_valid_signed_json() throws Exception {
        Map<String, JsonNode> posted = new ConcurrentHashMap<>();
        Map<String, String> signatures = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("Herald-Timestamp");
            posted.put(exchange.getRequestURI().getPath(), new ObjectMapper().readTree(body));
            signatures.put(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Herald-Signature")
                    .equals("sha256=" + dev.herald.channel.webhook.WebhookChannel.signature("hook-secret", timestamp, body)) ? "valid" : "wrong");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "providers:\n  webhook: 'webhook://?secret=hook-secret'\n");
            try (Application app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), Clock.systemUTC())) {
                app.schemas().apply(false);
                Path csv = Files.writeString(dir.resolve("profiles.csv"), "id,email,first_name\n"
                        + "1,ann@example.com,Ann\n2,bob@example.com,\"Bob \"\"the builder\"\" \\o/\"\n");
                app.imports().importFile(ImportRequest.of("profile", csv, ImportMode.INSERT));
                RunRecord run = app.runs().start("""
                        id: crm
                        name: CRM sync
                        activities:
                          - id: everyone
                            type: build-audience
                            expression: has(profile.email)
                          - id: notify
                            type: webhook
                            from: [everyone]
                            url: "http://127.0.0.1:%d/hooks/{{ profile.id }}"
                            body: '{"email": "{{ profile.email }}", "name": "{{ profile.first_name }}"}'
                        """.formatted(server.getAddress().getPort()), "crm.yaml",
                        RunOptions.live().withApproval().at(Instant.parse("2026-11-01T00:00:00Z")).sleepingAtMost(Duration.ZERO), RunListener.QUIET);
                assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
                assertThat(app.store().dsl().fetchValue("select count(*) from herald_message where status = 'sent'")).isEqualTo(2L);
                assertThat(app.store().dsl().fetchValue("select count(*) from herald_outbox")).isEqualTo(0L);
            }
        } finally {
            server.stop(0);
        }
        assertThat(posted).containsOnlyKeys("/hooks/1", "/hooks/2");
        assertThat(posted.get("/hooks/2").get("name").asText()).isEqualTo("Bob \"the builder\" \\o/");
        assertThat(posted.get("/hooks/1").get("email").asText()).isEqualTo("ann@example.com");
        assertThat(signatures).containsOnly(Map.entry("/hooks/1", "valid"), Map.entry("/hooks/2", "valid"));
    }
}
