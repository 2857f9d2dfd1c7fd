package dev.herald.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.channel.provider.Pem;
import dev.herald.channel.provider.ProviderUrl;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The push services a workspace sends through, written as one URL each, separated by a space when
 * there are both:
 * <ul>
 *   <li>{@code fcm://PROJECT_ID?credentials=secrets/firebase.json} — Firebase Cloud Messaging's HTTP v1
 *       API, authenticated as the service account of that JSON key file (the project id may be left
 *       out: the key file names it);</li>
 *   <li>{@code apns://api.push.apple.com?team=TEAM_ID&key_id=KEY_ID&key=secrets/AuthKey_KEY_ID.p8&topic=com.example.app}
 *       — Apple's push service over HTTP/2 with a token-based (.p8) key; {@code topic} is the app's
 *       bundle id; {@code apns://api.sandbox.push.apple.com} for development builds.</li>
 * </ul>
 * Both take {@code concurrency} (requests under way at once, default 16), {@code timeout} (seconds,
 * default 10), {@code ttl} (seconds a notification waits for an offline device, default 86400),
 * {@code attempts} (tries of a request answered "later", default 3), {@code rate} (most requests a
 * second, 0 = no limit) and {@code ca} (a PEM file of the certificates to trust instead of the JDK's,
 * for a service behind a private authority or a test server). Key files are files of the workspace.
 * {@link #toString()} never shows a key.
 */
public record PushProvider(Fcm fcm, Apns apns) {

    /** How requests to one service are made. */
    public record Settings(int concurrency, Duration timeout, Duration ttl, int attempts, int rate, SSLContext tls) {
    }

    /** Firebase Cloud Messaging, as the service account {@code clientEmail}. */
    public record Fcm(URI endpoint, String project, String clientEmail, String keyId, PrivateKey key, URI tokenUri,
                      Settings settings) {
        @Override
        public String toString() {
            return "fcm://" + project + " (as " + clientEmail + ")";
        }
    }

    /** Apple's push service at {@code endpoint}, for the app {@code topic}. */
    public record Apns(URI endpoint, String teamId, String keyId, PrivateKey key, String topic, Settings settings) {
        @Override
        public String toString() {
            return "apns://" + endpoint.getAuthority() + " (" + topic + ", key " + keyId + ")";
        }
    }

    private static final Set<String> SHARED = Set.of("concurrency", "timeout", "ttl", "attempts", "rate", "ca");
    private static final Set<String> FCM = union(SHARED, Set.of("credentials", "endpoint"));
    private static final Set<String> APNS = union(SHARED, Set.of("team", "key_id", "key", "topic"));
    private static final String SETTING = "providers.push";

    /** The services of {@code text}, their key files read from {@code workspace}. */
    public static PushProvider parse(String text, Path workspace) {
        Fcm fcm = null;
        Apns apns = null;
        for (String one : text.strip().split("\\s+")) {
            String scheme = one.contains(":") ? one.substring(0, one.indexOf(':')).toLowerCase(java.util.Locale.ROOT) : "";
            switch (scheme) {
                case "fcm" -> {
                    if (fcm != null) {
                        throw new ProviderUrl(SETTING, "push provider", one, FCM).invalid("there is one fcm:// URL at most");
                    }
                    fcm = fcm(new ProviderUrl(SETTING, "push provider", one, FCM), workspace);
                }
                case "apns" -> {
                    if (apns != null) {
                        throw new ProviderUrl(SETTING, "push provider", one, APNS).invalid("there is one apns:// URL at most");
                    }
                    apns = apns(new ProviderUrl(SETTING, "push provider", one, APNS), workspace);
                }
                default -> throw new ProviderUrl(SETTING, "push provider", one, Set.of()).invalid(
                        "a push provider is an fcm:// or apns:// URL, e.g. fcm://my-project?credentials=secrets/firebase.json");
            }
        }
        return new PushProvider(fcm, apns);
    }

    private static Fcm fcm(ProviderUrl url, Path workspace) {
        String credentials = url.file("credentials", workspace);
        if (credentials == null) {
            throw url.invalid("it needs the service account's key file, ?credentials=secrets/firebase.json (a file of the workspace)");
        }
        JsonNode account;
        try {
            account = new ObjectMapper().readTree(credentials);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw url.invalid("its credentials file is not JSON (" + e.getOriginalMessage() + ")");
        }
        for (String field : new String[] {"client_email", "private_key", "token_uri"}) {
            if (!account.path(field).isTextual()) {
                throw url.invalid("its credentials file has no " + field + ": it should be a service account's JSON key from the Firebase console");
            }
        }
        String project = url.uri().getHost() != null ? url.uri().getHost() : account.path("project_id").asText("");
        if (project.isBlank()) {
            throw url.invalid("it names no project: fcm://PROJECT_ID?credentials=…");
        }
        PrivateKey key;
        try {
            key = Pem.privateKey(account.get("private_key").asText(), "RSA");
        } catch (IllegalArgumentException e) {
            throw url.invalid("the private_key of its credentials file is wrong: " + e.getMessage());
        }
        return new Fcm(https(url, url.option("endpoint") == null ? "https://fcm.googleapis.com" : url.option("endpoint")), project,
                account.get("client_email").asText(), account.path("private_key_id").asText(""), key,
                https(url, account.get("token_uri").asText()), settings(url, workspace));
    }

    private static Apns apns(ProviderUrl url, Path workspace) {
        for (String option : new String[] {"team", "key_id", "key", "topic"}) {
            if (url.option(option) == null || url.option(option).isBlank()) {
                throw url.invalid("it needs " + option + ", e.g. apns://api.push.apple.com?team=TEAM_ID&key_id=KEY_ID"
                        + "&key=secrets/AuthKey_KEY_ID.p8&topic=com.example.app");
            }
        }
        PrivateKey key;
        try {
            key = Pem.privateKey(url.file("key", workspace), "EC");
        } catch (IllegalArgumentException e) {
            throw url.invalid("its key file is wrong: " + e.getMessage() + " (the .p8 file Apple gives out)");
        }
        URI uri = url.uri();
        String host = uri.getHost() == null ? "api.push.apple.com" : uri.getHost();
        return new Apns(URI.create("https://" + host + ":" + (uri.getPort() > 0 ? uri.getPort() : 443)), url.option("team"),
                url.option("key_id"), key, url.option("topic"), settings(url, workspace));
    }

    private static Settings settings(ProviderUrl url, Path workspace) {
        String ca = url.file("ca", workspace);
        SSLContext tls = null;
        if (ca != null) {
            try {
                tls = Pem.trusting(ca);
            } catch (IllegalArgumentException e) {
                throw url.invalid("its ca file is wrong: " + e.getMessage());
            }
        }
        return new Settings(url.whole("concurrency", 16, 1, 1000), Duration.ofSeconds(url.whole("timeout", 10, 1, 300)),
                Duration.ofSeconds(url.whole("ttl", 86_400, 0, 2_419_200)), url.whole("attempts", 3, 1, 10),
                url.whole("rate", 0, 0, 1_000_000), tls);
    }

    private static URI https(ProviderUrl url, String text) {
        try {
            URI uri = URI.create(text);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // said below
        }
        throw url.invalid("not an https URL: " + text);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    @Override
    public String toString() {
        return (fcm == null ? "" : fcm + (apns == null ? "" : " and ")) + (apns == null ? "" : apns.toString());
    }
}
