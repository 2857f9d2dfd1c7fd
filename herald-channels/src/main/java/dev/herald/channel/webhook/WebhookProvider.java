package dev.herald.channel.webhook;

import dev.herald.error.UserError;
import dev.herald.text.Echo;
import dev.herald.workspace.Passwords;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How webhooks are called, written as a URL: {@code webhook://?secret=${WEBHOOK_SECRET}&connections=8&timeout=10}.
 * Each message goes to the URL its own template renders; this says how: {@code secret} signs every
 * request (HMAC-SHA256, see {@link WebhookChannel}), {@code connections} how many requests are under
 * way at once (default 8), {@code timeout} the seconds a request may take (default 10),
 * {@code attempts} how many times a request the endpoint answers "later" is tried before it stays
 * pending (default 3). {@link #toString()} never shows the secret.
 */
public record WebhookProvider(String secret, int connections, Duration timeout, int attempts) {

    private static final Set<String> OPTIONS = Set.of("secret", "connections", "timeout", "attempts");

    public static WebhookProvider parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(url, "not a URL (" + e.getReason() + ")");
        }
        if (!"webhook".equalsIgnoreCase(uri.getScheme())) {
            throw invalid(url, "the webhook provider is a webhook:// URL, e.g. webhook://?secret=${WEBHOOK_SECRET}");
        }
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null && uri.getRawSchemeSpecificPart() != null && uri.getRawSchemeSpecificPart().startsWith("//?")) {
            raw = uri.getRawSchemeSpecificPart().substring(3);
        }
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                if (!OPTIONS.contains(key)) {
                    throw invalid(url, "unknown option " + Echo.quoted(key) + " (options: attempts, connections, secret, timeout)");
                }
                query.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        String secret = query.get("secret");
        return new WebhookProvider(secret == null || secret.isEmpty() ? null : secret,
                whole(url, query, "connections", 8, 1, 256), Duration.ofSeconds(whole(url, query, "timeout", 10, 1, 300)),
                whole(url, query, "attempts", 3, 1, 10));
    }

    private static int whole(String url, Map<String, String> query, String key, int fallback, int min, int max) {
        String v = query.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw invalid(url, key + " is a whole number from " + min + " to " + max + ", got " + Echo.quoted(v));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static UserError invalid(String url, String reason) {
        return UserError.invalid("providers.webhook", "the webhook provider " + Passwords.mask(url) + " is wrong: " + reason);
    }

    @Override
    public String toString() {
        return "webhooks (" + (secret == null ? "unsigned" : "signed") + ", " + connections + " at once, timeout " + timeout.toSeconds()
                + " s, " + attempts + " attempts)";
    }
}
