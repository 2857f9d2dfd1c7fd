package dev.herald.channel.webhook;

import dev.herald.channel.provider.ProviderUrl;
import java.time.Duration;
import java.util.Set;

/**
 * How webhooks are called, written as a URL: {@code webhook://?secret=${WEBHOOK_SECRET}&connections=8&timeout=10}.
 * Each message goes to the URL its own template renders; this says how: {@code secret} signs every
 * request (HMAC-SHA256, see {@link WebhookChannel}), {@code connections} how many requests are under
 * way at once (default 8), {@code timeout} the seconds a request may take (default 10),
 * {@code attempts} how many times a request the endpoint answers "later" is tried before it stays
 * pending (default 3), {@code rate} the most calls a second, every delivery together (0, the
 * default: no limit). {@link #toString()} never shows the secret.
 */
public record WebhookProvider(String secret, int connections, Duration timeout, int attempts, int rate) {

    private static final Set<String> OPTIONS = Set.of("secret", "connections", "timeout", "attempts", "rate");

    public static WebhookProvider parse(String text) {
        ProviderUrl url = new ProviderUrl("providers.webhook", "webhook provider", text, OPTIONS);
        if (!url.scheme().equals("webhook")) {
            throw url.invalid("the webhook provider is a webhook:// URL, e.g. webhook://?secret=${WEBHOOK_SECRET}");
        }
        String secret = url.option("secret");
        return new WebhookProvider(secret == null || secret.isEmpty() ? null : secret, url.whole("connections", 8, 1, 256),
                Duration.ofSeconds(url.whole("timeout", 10, 1, 300)), url.whole("attempts", 3, 1, 10),
                url.whole("rate", 0, 0, 1_000_000));
    }

    @Override
    public String toString() {
        return "webhooks (" + (secret == null ? "unsigned" : "signed") + ", " + connections + " at once, timeout " + timeout.toSeconds()
                + " s, " + attempts + " attempts)";
    }
}
