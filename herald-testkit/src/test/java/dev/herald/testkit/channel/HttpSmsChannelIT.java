package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.channel.Bounce;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.httpsms.HttpSmsChannel;
import dev.herald.channel.httpsms.HttpSmsProvider;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text messages through an HTTP SMS gateway: a real HTTP server on the loopback (the JDK's) that checks what it is sent. */
class HttpSmsChannelIT {

    record Call(String path, String authorization, String idempotencyKey, String contentType, String body) {
    }

    private HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(path, h.getFirst("Authorization"), h.getFirst("Idempotency-Key"), h.getFirst("Content-Type"), body));
            int status;
            String answer;
            if (path.equals("/busy-once") && busy.incrementAndGet() == 1) {
                status = 429;
                answer = "{\"error\": \"slow down\"}";
            } else if (body.contains("+000")) {
                status = 400;
                answer = "{\"error\": \"invalid destination number\"}";
            } else if (h.getFirst("Authorization") == null || h.getFirst("Authorization").contains("wrong")) {
                status = 401;
                answer = "{\"error\": \"unauthorized\"}";
            } else {
                status = 201;
                answer = "{\"sid\": \"SM" + calls.size() + "\", \"status\": \"queued\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path, String options) {
        return "sms+http://127.0.0.1:" + server.getAddress().getPort() + path + "?from=Herald" + options;
    }

    private static OutboundMessage sms(long id, String to, String text) {
        return new OutboundMessage(id, 3, ChannelTypes.of(ChannelTypes.SMS), to, Map.of("text", text));
    }

    @Test
    void a_json_gateway_gets_each_text_once_with_its_token_and_idempotency_key() throws Exception {
        HttpSmsChannel gateway = new HttpSmsChannel(HttpSmsProvider.parse(url("/v1/messages", "&token=t0k3n&id=sid")));
        List<SendResult> results = gateway.send(List.of(sms(1, "+33612345678", "Léa, -20 % \"today\" 🛍"), sms(2, "+000", "x")));

        assertThat(results).containsExactly(new SendResult.Sent("SM1"),
                new SendResult.Failed("127.0.0.1 answered 400: {\"error\": \"invalid destination number\"}", Bounce.OTHER));
        Call call = calls.getFirst();
        assertThat(call.path()).isEqualTo("/v1/messages");
        assertThat(call.authorization()).isEqualTo("Bearer t0k3n");
        assertThat(call.idempotencyKey()).isEqualTo("herald-3-1");
        assertThat(call.contentType()).isEqualTo("application/json");
        var json = new ObjectMapper().readTree(call.body());
        assertThat(json.path("to").asText()).isEqualTo("+33612345678");
        assertThat(json.path("from").asText()).isEqualTo("Herald");
        assertThat(json.path("text").asText()).isEqualTo("Léa, -20 % \"today\" 🛍");
        assertThat(json.path("reference").asText()).isEqualTo("3.1");
    }

    @Test
    void a_twilio_style_form_gateway_with_basic_authentication_and_a_retry() throws Exception {
        HttpSmsChannel gateway = new HttpSmsChannel(HttpSmsProvider.parse(
                url("/busy-once", "&format=form&fields=To,From,Body").replace("sms+http://", "sms+http://AC42:s3cret@")));
        assertThat(gateway.send(List.of(sms(1, "+15551234567", "Hi & bye")))).containsExactly(new SendResult.Sent("SM2"));

        assertThat(calls).hasSize(2).allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo("herald-3-1"));
        Call call = calls.get(1);
        assertThat(call.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("AC42:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(call.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(URLDecoder.decode(call.body(), StandardCharsets.UTF_8)).isEqualTo("To=+15551234567&From=Herald&Body=Hi & bye");
        assertThat(call.body()).contains("Body=Hi+%26+bye");
    }

    @Test
    void refused_credentials_defer_the_batch_after_one_request() {
        HttpSmsChannel gateway = new HttpSmsChannel(HttpSmsProvider.parse(url("/v1/messages", "&token=wrong")));
        assertThat(gateway.send(List.of(sms(1, "+33612345678", "a"), sms(2, "+33612345679", "b")))).containsExactly(
                new SendResult.Deferred("127.0.0.1 answered 401: {\"error\": \"unauthorized\"}: check the credentials of providers.sms"),
                new SendResult.Deferred("127.0.0.1 answered 401: {\"error\": \"unauthorized\"}: check the credentials of providers.sms"));
        assertThat(calls).hasSize(1);
        assertThat(HttpSmsProvider.parse(url("/v1/messages", "&token=wrong"))).hasToString(
                "sms+http://127.0.0.1:" + server.getAddress().getPort() + "/v1/messages (from Herald, with a token)");
    }

    @Test
    void a_campaign_texts_through_the_gateway_named_by_providers_sms() throws Exception {
        Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(Workspace.CONFIG_FILE), "providers:\n  sms: '" + url("/v1/messages", "&token=t0k3n") + "'\n");
        try (Application app = Application.open(Workspace.open(dir), StoreLocation.duckdb(dir.resolve("herald.duckdb")), Clock.systemUTC())) {
            app.schemas().apply(false);
            app.imports().importFile(ImportRequest.of("profile", Files.writeString(dir.resolve("profiles.csv"),
                    "id,phone,sms_consent,first_name\n1,+33612345678,true,Ann\n2,+33612345679,false,Bob\n"), ImportMode.INSERT));
            RunRecord run = app.runs().start("""
                    id: flash
                    name: Flash sale
                    activities:
                      - id: everyone
                        type: build-audience
                        expression: "true"
                      - id: text
                        type: sms
                        from: [everyone]
                        text: "{{ profile.first_name }}, flash sale until midnight"
                    """, "flash.yaml", RunOptions.live().withApproval().at(Instant.parse("2026-11-01T10:00:00Z")).sleepingAtMost(Duration.ZERO),
                    RunListener.QUIET);
            assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
            assertThat(app.store().dsl().fetch("select address || ' ' || status || coalesce(' ' || reason, '') from herald_message order by address")
                    .map(r -> r.get(0, String.class))).containsExactly("+33612345678 sent", "+33612345679 excluded no_consent");
        }
        assertThat(calls).singleElement().satisfies(c -> assertThat(c.body()).contains("\"text\":\"Ann, flash sale until midnight\""));
    }
}
