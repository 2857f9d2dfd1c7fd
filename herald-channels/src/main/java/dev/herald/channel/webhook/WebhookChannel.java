package dev.herald.channel.webhook;

import dev.herald.channel.Channel;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.Throttle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhooks: each message is an HTTP POST of its JSON body to the URL its template rendered, with
 * <ul>
 *   <li>{@code Content-Type: application/json};</li>
 *   <li>{@code Herald-Message-Id: DELIVERY.ID}, the same on every attempt, so that an endpoint can
 *       recognise a request it already took (after a crash, or a retry whose first answer was lost);</li>
 *   <li>{@code Herald-Timestamp} (Unix seconds) and, when the provider has a secret,
 *       {@code Herald-Signature: sha256=HEX}, the HMAC-SHA256 of {@code TIMESTAMP.BODY} with the secret:
 *       the endpoint recomputes it, and refuses an old timestamp to stop replays.</li>
 * </ul>
 * A 2xx answer sends the message; 408, 425, 429 and 5xx, or no answer, are tried again with a
 * growing pause (0.5 s, 1 s, 2 s…) up to the provider's attempts, then the message is deferred (it
 * stays pending for a resume); any other answer fails it with the status and the start of the body.
 */
public final class WebhookChannel implements Channel {

    public static final String ID = "webhook";

    private final WebhookProvider provider;
    private final HttpClient http;
    private final Clock clock;
    private final Duration firstPause;
    private final Throttle throttle;

    public WebhookChannel(WebhookProvider provider) {
        this(provider, Clock.systemUTC(), Duration.ofMillis(500));
    }

    WebhookChannel(WebhookProvider provider, Clock clock, Duration firstPause) {
        this.provider = provider;
        this.clock = clock;
        this.firstPause = firstPause;
        this.throttle = new Throttle(provider.rate());
        this.http = HttpClient.newBuilder().connectTimeout(provider.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int concurrency() {
        return provider.connections();
    }

    /** 25 requests per connection: what a crash in the middle of a batch can send again (with the same id). */
    @Override
    public int batch() {
        return 25 * provider.connections();
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        List<SendResult> results = new ArrayList<>(batch.size());
        for (OutboundMessage m : batch) {
            try {
                throttle.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(new SendResult.Deferred("interrupted while waiting for the webhooks' rate"));
                continue;
            }
            results.add(send(m));
        }
        return results;
    }

    private SendResult send(OutboundMessage m) {
        URI url;
        try {
            url = URI.create(m.headline() == null ? "" : m.headline().strip());
        } catch (IllegalArgumentException e) {
            return new SendResult.Failed("not a URL: " + e.getMessage());
        }
        if (url.getScheme() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http")) || url.getHost() == null) {
            return new SendResult.Failed("not an http or https URL: " + url);
        }
        String body = m.main() == null ? "" : m.main();
        String later = null;
        for (int attempt = 1; attempt <= provider.attempts(); attempt++) {
            if (attempt > 1 && !pause(attempt)) {
                break;
            }
            try {
                HttpResponse<String> response = http.send(request(url, m, body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new SendResult.Sent("HTTP " + status);
                }
                String answer = "HTTP " + status + answerText(response.body());
                if (status != 408 && status != 425 && status != 429 && status < 500) {
                    return new SendResult.Failed(url.getHost() + " answered " + answer);
                }
                later = url.getHost() + " answered " + answer;
            } catch (IOException e) {
                later = "no answer from " + url.getHost() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new SendResult.Deferred((later == null ? "interrupted" : later) + " (after " + provider.attempts() + " attempts)");
    }

    private HttpRequest request(URI url, OutboundMessage m, String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(provider.timeout())
                .header("Content-Type", "application/json")
                .header("Herald-Message-Id", m.deliveryId() + "." + m.id())
                .header("Herald-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (provider.secret() != null) {
            request.header("Herald-Signature", "sha256=" + signature(provider.secret(), timestamp, body));
        }
        return request.build();
    }

    /** The HMAC-SHA256 of {@code TIMESTAMP.BODY} with {@code secret}, in lower-case hex. */
    public static String signature(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private boolean pause(int attempt) {
        try {
            Thread.sleep(firstPause.multipliedBy(1L << (attempt - 2)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String answerText(String body) {
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
