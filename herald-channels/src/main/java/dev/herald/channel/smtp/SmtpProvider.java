package dev.herald.channel.smtp;

import dev.herald.channel.provider.Pem;
import dev.herald.channel.provider.ProviderUrl;
import dev.herald.error.UserError;
import dev.herald.text.Echo;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * An SMTP relay, written as a URL: {@code smtp://user:password@host:587?tls=starttls&from=news@example.com}.
 * {@code smtps://} (or {@code tls=implicit}) speaks TLS from the first byte, port 465 by default;
 * {@code tls=starttls} (the default for port 587) upgrades the connection and refuses a server that
 * does not offer it; {@code tls=none} sends in clear (a local test server). {@code from} is the
 * sender address of every message; {@code connections} how many connections the channel keeps open
 * (default 4). The user and password are percent-encoded like any URL's. {@code dkim_selector} and
 * {@code dkim_key} (and {@code dkim_domain}, by default the sender's) sign every message
 * ({@link DkimSigner}). {@code rate} is the most messages a second through this relay, every
 * delivery of the process together (0, the default: no limit). {@code ca} names a PEM file of the
 * workspace with the certificates to trust instead of the JDK's ({@code trust}: a relay behind a
 * private authority, a test server; null: the JDK's). Neither the password nor the key leaves this
 * record: {@link #toString()} masks them.
 */
public record SmtpProvider(String host, int port, Tls tls, String user, String password, String from, int connections, Dkim dkim,
                           int rate, SSLContext trust) {

    /** Who signs: the domain ({@code d=}), the selector ({@code s=}) and the PKCS#8 private key, base64. */
    public record Dkim(String domain, String selector, String key) {
        @Override
        public String toString() {
            return selector + "._domainkey." + domain;
        }
    }

    /** How the connection is protected. */
    public enum Tls { NONE, STARTTLS, IMPLICIT }

    private static final Set<String> OPTIONS = Set.of("tls", "from", "connections", "dkim_domain", "dkim_selector", "dkim_key", "rate", "ca");

    public SmtpProvider {
        if (from == null || !from.matches("[^@\\s]+@[^@\\s]+")) {
            throw UserError.invalid("providers.email", "the SMTP provider needs a sender address: add ?from=news@example.com to its URL");
        }
    }

    /** A relay whose URL names no file ({@code ca=} needs a workspace to read it from). */
    public static SmtpProvider parse(String text) {
        return parse(text, null);
    }

    /** A relay, its {@code ca} file read from {@code workspace}. */
    public static SmtpProvider parse(String text, Path workspace) {
        ProviderUrl url = new ProviderUrl("providers.email", "email provider", text, OPTIONS);
        String scheme = url.scheme();
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw url.invalid("an email provider is an smtp:// or smtps:// URL");
        }
        URI uri = url.uri();
        if (uri.getHost() == null) {
            throw url.invalid("it names no host, e.g. smtp://smtp.example.com:587");
        }
        String tlsOption = url.option("tls");
        Tls tls = scheme.equals("smtps") ? Tls.IMPLICIT : switch (tlsOption == null ? (uri.getPort() == 587 ? "starttls" : "none") : tlsOption) {
            case "none" -> Tls.NONE;
            case "starttls" -> Tls.STARTTLS;
            case "implicit", "tls", "ssl" -> Tls.IMPLICIT;
            default -> throw url.invalid("tls is none, starttls or implicit, got " + Echo.quoted(tlsOption));
        };
        int port = uri.getPort() > 0 ? uri.getPort() : tls == Tls.IMPLICIT ? 465 : 25;
        String[] login = url.userInfo();
        Dkim dkim = null;
        if (url.option("dkim_key") != null || url.option("dkim_selector") != null || url.option("dkim_domain") != null) {
            if (url.option("dkim_key") == null || url.option("dkim_key").isBlank() || url.option("dkim_selector") == null) {
                throw url.invalid("DKIM needs dkim_selector and dkim_key (the PKCS#8 private key, base64, e.g. ${DKIM_KEY}); dkim_domain "
                        + "defaults to the sender's domain");
            }
            String from = url.option("from");
            String domain = url.option("dkim_domain") != null ? url.option("dkim_domain")
                    : from == null ? null : from.substring(from.lastIndexOf('@') + 1);
            dkim = new Dkim(domain, url.option("dkim_selector"), url.option("dkim_key"));
            try {
                new DkimSigner(dkim.domain(), dkim.selector(), dkim.key());
            } catch (IllegalArgumentException e) {
                throw url.invalid(e.getMessage());
            }
        }
        SSLContext trust = null;
        if (url.option("ca") != null) {
            if (workspace == null) {
                throw url.invalid("ca names a file of the workspace, and there is none here");
            }
            try {
                trust = Pem.trusting(url.file("ca", workspace));
            } catch (IllegalArgumentException e) {
                throw url.invalid("its ca file is wrong: " + e.getMessage());
            }
        }
        return new SmtpProvider(uri.getHost(), port, tls, login[0], login[1], url.option("from"), url.whole("connections", 4, 1, 64), dkim,
                url.whole("rate", 0, 0, 1_000_000), trust);
    }

    @Override
    public String toString() {
        return (tls == Tls.IMPLICIT ? "smtps://" : "smtp://") + (user == null ? "" : user + (password == null ? "" : ":***") + "@")
                + host + ":" + port + " (tls " + tls.name().toLowerCase(java.util.Locale.ROOT) + ", from " + from
                + (dkim == null ? "" : ", DKIM " + dkim) + ")";
    }
}
