package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.webhook.WebhookChannel;
import dev.herald.channel.webhook.WebhookProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks against a real HTTP server on the loopback (the JDK's), which checks what it is sent. */
class WebhookChannelIT {

    record Call(String path, String messageId, String timestamp, String signature, String contentType, String body) {
    }

    private HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(path, h.getFirst("Herald-Message-Id"), h.getFirst("Herald-Timestamp"), h.getFirst("Herald-Signature"),
                    h.getFirst("Content-Type"), body));
            int status = switch (path) {
                case "/gone" -> 404;
                case "/busy-twice" -> busy.incrementAndGet() <= 2 ? 503 : 200;
                case "/down" -> 503;
                default -> 204;
            };
            byte[] answer = status == 404 ? "no such hook".getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static OutboundMessage hook(long id, String url, String body) {
        return new OutboundMessage(id, 9, ChannelTypes.of(ChannelTypes.WEBHOOK), "", Map.of("url", url, "body", body));
    }

    @Test
    void each_message_is_posted_as_json_with_its_id_and_a_signature_the_endpoint_can_check() {
        WebhookChannel webhooks = new WebhookChannel(WebhookProvider.parse("webhook://?secret=s3cret&attempts=3"));
        String body = "{\"profile\":42,\"name\":\"L\\u00e9a \\\"the\\\" best\"}";
        List<SendResult> results = webhooks.send(List.of(hook(1, url("/crm/42"), body)));
        assertThat(results).containsExactly(new SendResult.Sent("HTTP 204"));
        Call call = calls.getFirst();
        assertThat(call.path()).isEqualTo("/crm/42");
        assertThat(call.body()).isEqualTo(body);
        assertThat(call.contentType()).isEqualTo("application/json");
        assertThat(call.messageId()).isEqualTo("9.1");
        assertThat(Long.parseLong(call.timestamp())).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(call.signature()).isEqualTo("sha256=" + WebhookChannel.signature("s3cret", call.timestamp(), body));
        assertThat(call.signature()).isNotEqualTo("sha256=" + WebhookChannel.signature("s3cret", call.timestamp(), body + " "));
    }

    @Test
    void an_endpoint_that_says_later_is_tried_again_one_that_says_no_fails_and_one_that_stays_down_defers() {
        WebhookChannel webhooks = new WebhookChannel(WebhookProvider.parse("webhook://?attempts=3"));
        List<SendResult> results = webhooks.send(List.of(hook(1, url("/busy-twice"), "{}"), hook(2, url("/gone"), "{}"),
                hook(3, url("/down"), "{}"), hook(4, "ftp://files.example/x", "{}")));
        assertThat(results.get(0)).isEqualTo(new SendResult.Sent("HTTP 200"));
        assertThat(results.get(1)).isEqualTo(new SendResult.Failed("127.0.0.1 answered HTTP 404: no such hook"));
        assertThat(results.get(2)).isEqualTo(new SendResult.Deferred("127.0.0.1 answered HTTP 503 (after 3 attempts)"));
        assertThat(results.get(3)).isEqualTo(new SendResult.Failed("not an http or https URL: ftp://files.example/x"));
        assertThat(calls).extracting(Call::path).containsExactly("/busy-twice", "/busy-twice", "/busy-twice", "/gone", "/down", "/down", "/down");
        assertThat(calls).filteredOn(c -> c.path().equals("/busy-twice")).extracting(Call::messageId).containsOnly("9.1");
        assertThat(calls.getFirst().signature()).as("no secret, no signature").isNull();
    }

    @Test
    void the_provider_url_never_shows_its_secret() {
        assertThat(WebhookProvider.parse("webhook://?secret=s3cret").toString()).doesNotContain("s3cret").contains("signed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebhookProvider.parse("webhook://?secret=s3cret&attempts=99"))
                .hasMessageContaining("attempts is a whole number from 1 to 10").hasMessageNotContaining("s3cret");
    }
}
