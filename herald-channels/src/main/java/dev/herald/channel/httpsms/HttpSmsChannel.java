package dev.herald.channel.httpsms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.channel.Channel;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.Throttle;
import dev.herald.channel.provider.Attempt;
import dev.herald.channel.provider.OneRequestEach;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Text messages through an HTTP gateway: one POST per message, of the recipient, the sender and
 * the text (JSON or a form), with {@code Idempotency-Key: herald-DELIVERY-ID}, the same on every
 * attempt and after a crash, so that a gateway that honours the header sends a message it was
 * given twice only once. A 2xx answer sends it (the gateway's id kept from the answer); 401 and
 * 403 stop the batch (Herald's credentials); 408, 425, 429, 5xx and no answer are tried again; any
 * other answer fails the message with the gateway's words.
 */
public final class HttpSmsChannel implements Channel {

    public static final String ID = "http-sms";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpSmsProvider provider;
    private final HttpClient http;
    private final OneRequestEach requests;

    public HttpSmsChannel(HttpSmsProvider provider) {
        this(provider, Duration.ofMillis(500));
    }

    HttpSmsChannel(HttpSmsProvider provider, Duration firstPause) {
        this.provider = provider;
        this.http = HttpClient.newBuilder().connectTimeout(provider.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.requests = new OneRequestEach(new Throttle(provider.rate()), firstPause);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int concurrency() {
        return provider.concurrency();
    }

    /** 25 requests per connection: what a crash in the middle of a batch can send again (with the same key). */
    @Override
    public int batch() {
        return 25 * provider.concurrency();
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        return requests.send(batch, m -> provider.attempts(), this::post);
    }

    private Attempt post(OutboundMessage m) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(provider.endpoint()).timeout(provider.timeout())
                .header("Idempotency-Key", "herald-" + m.deliveryId() + "-" + m.id())
                .header("Accept", "application/json");
        String to = m.address() == null ? "" : m.address().strip();
        String text = m.main() == null ? "" : m.main();
        List<String> f = provider.fields();
        if (provider.form()) {
            request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                    form(f.get(0), to) + "&" + form(f.get(1), provider.from()) + "&" + form(f.get(2), text)));
        } else {
            ObjectNode body = JSON.createObjectNode().put(f.get(0), to).put(f.get(1), provider.from()).put(f.get(2), text)
                    .put("reference", m.deliveryId() + "." + m.id());
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        if (provider.user() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((provider.user() + ":"
                    + (provider.password() == null ? "" : provider.password())).getBytes(StandardCharsets.UTF_8)));
        } else if (provider.token() != null) {
            request.header("Authorization", "Bearer " + provider.token());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Attempt.Later("no answer from " + provider.endpoint().getHost() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        int status = response.statusCode();
        String said = provider.endpoint().getHost() + " answered " + status + excerpt(response.body());
        if (status >= 200 && status < 300) {
            return Attempt.sent(providerId(response.body()));
        }
        if (status == 401 || status == 403) {
            return new Attempt.Refused(said + ": check the credentials of providers.sms");
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new Attempt.Later(said);
        }
        return Attempt.failed(said, dev.herald.channel.Bounce.OTHER);
    }

    private String providerId(String body) {
        try {
            JsonNode answer = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            for (String field : provider.idField() != null ? List.of(provider.idField()) : List.of("id", "message_id", "sid")) {
                JsonNode id = answer.path(field);
                if (id.isValueNode() && !id.asText().isEmpty()) {
                    return id.asText();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
            // a gateway that answers no JSON gives no id
        }
        return null;
    }

    private static String form(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
    }

    @Override
    public String toString() {
        return provider.toString();
    }
}
