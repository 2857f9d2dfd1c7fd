package dev.herald.channel.smtp;

import dev.herald.error.UserError;
import dev.herald.text.Echo;
import dev.herald.workspace.Passwords;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An SMTP relay, written as a URL: {@code smtp://user:password@host:587?tls=starttls&from=news@example.com}.
 * {@code smtps://} (or {@code tls=implicit}) speaks TLS from the first byte, port 465 by default;
 * {@code tls=starttls} (the default for port 587) upgrades the connection and refuses a server that
 * does not offer it; {@code tls=none} sends in clear (a local test server). {@code from} is the
 * sender address of every message; {@code connections} how many connections the channel keeps open
 * (default 4). The user and password are percent-encoded like any URL's. The password never leaves
 * this record: {@link #toString()} masks it.
 */
public record SmtpProvider(String host, int port, Tls tls, String user, String password, String from, int connections) {

    /** How the connection is protected. */
    public enum Tls { NONE, STARTTLS, IMPLICIT }

    private static final Set<String> OPTIONS = Set.of("tls", "from", "connections");

    public SmtpProvider {
        if (from == null || !from.matches("[^@\\s]+@[^@\\s]+")) {
            throw UserError.invalid("providers.email", "the SMTP provider needs a sender address: add ?from=news@example.com to its URL");
        }
    }

    public static SmtpProvider parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid(url, "not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw invalid(url, "an email provider is an smtp:// or smtps:// URL");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host, e.g. smtp://smtp.example.com:587");
        }
        Map<String, String> query = query(url, uri.getRawQuery());
        Tls tls = scheme.equals("smtps") ? Tls.IMPLICIT : switch (query.getOrDefault("tls", uri.getPort() == 587 ? "starttls" : "none")) {
            case "none" -> Tls.NONE;
            case "starttls" -> Tls.STARTTLS;
            case "implicit", "tls", "ssl" -> Tls.IMPLICIT;
            default -> throw invalid(url, "tls is none, starttls or implicit, got " + Echo.quoted(query.get("tls")));
        };
        int port = uri.getPort() > 0 ? uri.getPort() : tls == Tls.IMPLICIT ? 465 : 25;
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        int connections;
        try {
            connections = Integer.parseInt(query.getOrDefault("connections", "4"));
        } catch (NumberFormatException e) {
            connections = 0;
        }
        if (connections < 1 || connections > 64) {
            throw invalid(url, "connections is a whole number from 1 to 64, got " + Echo.quoted(query.get("connections")));
        }
        return new SmtpProvider(uri.getHost(), port, tls, user, password, query.get("from"), connections);
    }

    private static Map<String, String> query(String url, String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!OPTIONS.contains(key)) {
                throw invalid(url, "unknown option " + Echo.quoted(key) + " (options: connections, from, tls)");
            }
            query.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static UserError invalid(String url, String reason) {
        return UserError.invalid("providers.email", "the email provider " + Passwords.mask(url) + " is wrong: " + reason);
    }

    @Override
    public String toString() {
        return (tls == Tls.IMPLICIT ? "smtps://" : "smtp://") + (user == null ? "" : user + (password == null ? "" : ":***") + "@")
                + host + ":" + port + " (tls " + tls.name().toLowerCase(java.util.Locale.ROOT) + ", from " + from + ")";
    }
}
