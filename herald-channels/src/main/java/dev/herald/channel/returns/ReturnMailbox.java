package dev.herald.channel.returns;

import dev.herald.channel.ChannelEvents;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.ReturnsRead;
import dev.herald.channel.provider.ProviderUrl;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox bounces and complaints come back to — the email provider's return path, and the
 * address mailbox providers send their feedback loop reports to — read over IMAP, written as a URL:
 * {@code imaps://bounces%40example.com:${IMAP_PASSWORD}@imap.example.com/INBOX}
 * ({@code imap://…?tls=starttls} on port 143; the folder defaults to {@code INBOX}).
 * <p>
 * Each pass reads the messages not yet seen, records what each report says ({@link MailReport}) on
 * its message and the suppression list, and marks every message it read as seen ({@code
 * after=delete} deletes the reports instead), so the next pass reads only what came since. A
 * message read twice (a pass killed before it marked them) changes nothing twice.
 * {@link #toString()} never shows the password.
 */
public record ReturnMailbox(boolean implicitTls, boolean starttls, String host, int port, String user, String password, String folder,
                            boolean deleteReports, Duration timeout) {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnMailbox.class);
    private static final Set<String> OPTIONS = Set.of("tls", "after", "timeout");

    public static ReturnMailbox parse(String text) {
        ProviderUrl url = new ProviderUrl("providers.bounces", "return mailbox", text, OPTIONS);
        boolean implicit = url.scheme().equals("imaps");
        if (!implicit && !url.scheme().equals("imap")) {
            throw url.invalid("the return mailbox is an imaps:// or imap:// URL, e.g. imaps://bounces%40example.com:${IMAP_PASSWORD}@imap.example.com/INBOX");
        }
        URI uri = url.uri();
        String[] login = url.userInfo();
        if (uri.getHost() == null || login[0] == null) {
            throw url.invalid("it needs a user and a host: imaps://USER:PASSWORD@imap.example.com/INBOX");
        }
        String tls = url.option("tls");
        if (tls != null && !tls.equals("starttls") && !tls.equals("none")) {
            throw url.invalid("tls is starttls (imap://, port 143) or none; imaps:// is TLS from the start");
        }
        String after = url.option("after");
        if (after != null && !after.equals("seen") && !after.equals("delete")) {
            throw url.invalid("after is seen (the default: mark what was read) or delete");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new ReturnMailbox(implicit, "starttls".equals(tls), uri.getHost(), uri.getPort() > 0 ? uri.getPort() : implicit ? 993 : 143,
                login[0], login[1] == null ? "" : login[1], path.isEmpty() ? "INBOX" : path, "delete".equals(after),
                Duration.ofSeconds(url.whole("timeout", 30, 1, 600)));
    }

    /**
     * Reads what came back since the last pass and hands each report to {@code events}.
     *
     * @throws IOException when the mailbox cannot be reached or refuses the login (its message says which)
     */
    public ReturnsRead read(ChannelEvents events) throws IOException {
        String protocol = implicitTls ? "imaps" : "imap";
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", Long.toString(timeout.toMillis()));
        p.put("mail." + protocol + ".timeout", Long.toString(timeout.toMillis()));
        p.put("mail." + protocol + ".peek", "true");
        if (starttls) {
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
        }
        Session session = Session.getInstance(p);
        try (Store store = session.getStore(protocol)) {
            store.connect(host, port, user, password);
            Folder inbox = store.getFolder(folder);
            if (!inbox.exists()) {
                throw new IOException("the return mailbox " + this + " has no folder " + folder);
            }
            inbox.open(Folder.READ_WRITE);
            int[] counts = new int[7];
            try {
                for (Message message : inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    counts[0]++;
                    boolean report = record((MimeMessage) message, events, counts);
                    message.setFlag(Flags.Flag.SEEN, true);
                    if (report && deleteReports) {
                        message.setFlag(Flags.Flag.DELETED, true);
                    }
                }
            } finally {
                inbox.close(deleteReports);
            }
            return new ReturnsRead(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
        } catch (MessagingException e) {
            throw new IOException("the return mailbox " + this + " cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), e);
        }
    }

    /** Records one returned message; whether it was a report on one of Herald's messages. */
    static boolean record(MimeMessage message, ChannelEvents events, int[] counts) {
        Optional<MailReport> report;
        try {
            report = MailReport.read(message);
        } catch (MessagingException | IOException | RuntimeException e) {
            LOG.warn("a returned message could not be read ({}); it is left as read", e.getMessage());
            counts[6]++;
            return false;
        }
        if (report.isEmpty()) {
            counts[6]++;
            return false;
        }
        MailReport r = report.get();
        if (!events.returned(ChannelTypes.EMAIL, r.messageId(), r.kind(), r.detail())) {
            counts[5]++;
            return true;
        }
        switch (r.kind()) {
            case HARD -> counts[1]++;
            case SOFT -> counts[2]++;
            case COMPLAINT -> counts[3]++;
            default -> counts[4]++;
        }
        return true;
    }

    @Override
    public String toString() {
        return (implicitTls ? "imaps://" : "imap://") + user + ":***@" + host + ":" + port + "/" + folder;
    }
}
