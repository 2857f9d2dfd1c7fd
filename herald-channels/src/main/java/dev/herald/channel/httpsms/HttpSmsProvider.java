package dev.herald.channel.httpsms;

import dev.herald.channel.provider.ProviderUrl;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An SMS gateway with an HTTP API, written as its endpoint's URL behind {@code sms+}:
 * {@code sms+https://api.sms.example.com/v1/messages?token=${SMS_TOKEN}&from=Herald}. Each message is
 * one POST to the endpoint; {@code user:password@} in the URL is sent as basic authentication,
 * {@code token} as a bearer token. {@code format} is {@code json} (the default) or {@code form};
 * {@code fields} names the recipient's, sender's and text's fields (default {@code to,from,text};
 * Twilio's are {@code To,From,Body}); {@code id} the answer's field that holds the gateway's id of
 * the message (default: the first of {@code id}, {@code message_id}, {@code sid}); {@code concurrency},
 * {@code timeout}, {@code attempts} and {@code rate} as for webhooks. {@link #toString()} never
 * shows the password or the token.
 */
public record HttpSmsProvider(URI endpoint, String user, String password, String token, String from, boolean form, List<String> fields,
                              String idField, int concurrency, Duration timeout, int attempts, int rate) {

    private static final Set<String> OPTIONS = Set.of("token", "from", "format", "fields", "id", "concurrency", "timeout", "attempts", "rate");

    /** Whether a provider URL names an HTTP gateway rather than an SMSC. */
    public static boolean names(String url) {
        String u = url.strip().toLowerCase(java.util.Locale.ROOT);
        return u.startsWith("sms+https:") || u.startsWith("sms+http:");
    }

    public static HttpSmsProvider parse(String text) {
        ProviderUrl url = new ProviderUrl("providers.sms", "SMS provider", text, OPTIONS);
        URI uri = url.uri();
        if (!names(text) || uri.getHost() == null) {
            throw url.invalid("an HTTP SMS gateway is written sms+https://api.example.com/PATH?from=…");
        }
        String from = url.option("from");
        if (from == null || !from.matches("\\+?[0-9]{1,20}|[A-Za-z0-9 ]{1,11}")) {
            throw url.invalid("it needs a sender, ?from=Herald (up to 11 letters and digits) or ?from=+33612345678");
        }
        String format = url.option("format") == null ? "json" : url.option("format");
        if (!format.equals("json") && !format.equals("form")) {
            throw url.invalid("format is json or form");
        }
        List<String> fields = List.of((url.option("fields") == null ? "to,from,text" : url.option("fields")).split(",", -1));
        if (fields.size() != 3 || fields.stream().anyMatch(f -> !f.matches("[A-Za-z_][A-Za-z0-9_.-]{0,63}"))) {
            throw url.invalid("fields names the recipient's, sender's and text's fields, e.g. fields=To,From,Body");
        }
        String[] login = url.userInfo();
        String token = url.option("token");
        URI endpoint = URI.create(uri.getScheme().substring(4) + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        return new HttpSmsProvider(endpoint, login[0], login[1], token == null || token.isEmpty() ? null : token, from, format.equals("form"),
                fields, url.option("id"), url.whole("concurrency", 8, 1, 256), Duration.ofSeconds(url.whole("timeout", 10, 1, 300)),
                url.whole("attempts", 3, 1, 10), url.whole("rate", 0, 0, 1_000_000));
    }

    @Override
    public String toString() {
        return "sms+" + endpoint + " (from " + from + (user != null ? ", as " + user : token != null ? ", with a token" : "") + ")";
    }
}
