package dev.herald.channel.smpp;

import dev.herald.channel.provider.ProviderUrl;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * An SMSC spoken to over SMPP 3.4, written as a URL:
 * {@code smpp://system_id:password@smsc.example.com:2775?source=Herald&window=10}. The user and
 * password are the bind's {@code system_id} and {@code password}; {@code source} is the sender
 * (alphanumeric, such as {@code Herald}, or a number, {@code +33612345678}); {@code window} how many
 * {@code submit_sm} may wait for their answer at once (default 10); {@code system_type} the bind's
 * (empty by default); {@code attempts} how many times a message the SMSC throttles is tried before it
 * stays pending (default 6, waiting 0.1 s, then twice as long each time); {@code timeout} the seconds
 * an answer may take (default 10); {@code batch} how many messages have their statuses written
 * together (default 100): a process killed mid-batch resends, on resume, those of the batch the SMSC
 * had taken, and bigger batches send faster; {@code rate} the most messages a second through this
 * SMSC, every delivery of the process together (0, the default: no limit; an SMSC's contract often
 * names one). {@link #toString()} never shows the password.
 */
public record SmppProvider(String host, int port, String systemId, String password, String systemType, String source, int window,
                           int attempts, Duration timeout, int batch, int rate) {

    private static final Set<String> OPTIONS = Set.of("source", "window", "system_type", "attempts", "timeout", "batch", "rate");

    public static SmppProvider parse(String text) {
        ProviderUrl url = new ProviderUrl("providers.sms", "SMS provider", text, OPTIONS);
        if (!url.scheme().equals("smpp")) {
            throw url.invalid("an SMS provider is an smpp:// URL, e.g. smpp://user:password@smsc.example.com:2775?source=Herald");
        }
        URI uri = url.uri();
        if (uri.getHost() == null) {
            throw url.invalid("it names no host, e.g. smpp://user:password@smsc.example.com:2775");
        }
        String[] login = url.userInfo();
        if (login[0] == null) {
            throw url.invalid("it names no system_id: write it as the URL's user, smpp://SYSTEM_ID:PASSWORD@host:2775");
        }
        String source = url.option("source");
        if (source == null || source.isBlank() || !source.matches("\\+?[0-9]{1,20}|[A-Za-z0-9 ]{1,11}")) {
            throw url.invalid("it needs a sender, ?source=Herald (up to 11 letters and digits) or ?source=+33612345678");
        }
        String systemType = url.option("system_type");
        return new SmppProvider(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2775, login[0], login[1] == null ? "" : login[1],
                systemType == null ? "" : systemType, source, url.whole("window", 10, 1, 100), url.whole("attempts", 6, 1, 20),
                Duration.ofSeconds(url.whole("timeout", 10, 1, 300)), url.whole("batch", 100, 1, 5000),
                url.whole("rate", 0, 0, 1_000_000));
    }

    /** Whether the sender is a number (international when it starts with +) rather than a name. */
    public boolean numericSource() {
        return source.matches("\\+?[0-9]+");
    }

    @Override
    public String toString() {
        return "smpp://" + systemId + ":***@" + host + ":" + port + " (from " + source + ", window " + window + ")";
    }
}
