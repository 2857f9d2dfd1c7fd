package dev.herald.channel.smtp;

import dev.herald.channel.Channel;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.Throttle;
import dev.herald.delivery.SignedLinks;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import dev.herald.channel.Bounce;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Email over SMTP to a relay ({@link SmtpProvider}): connections are opened as needed, up to the
 * provider's number, and reused from batch to batch. Each message ({@link WireMessage}) has a
 * {@code Message-ID} made of its id in the message log, so that a message sent again after a crash
 * (accepted by the relay just before its status was written) can be recognised as the same one;
 * an HTML body goes as {@code text/html}, any other as {@code text/plain}, both in UTF-8, and the
 * subject is encoded as RFC 2047 says when it is not ASCII.
 *
 * <p>What the relay answers decides each message: accepted ({@code 250}) is sent; a permanent
 * refusal ({@code 5xx}) fails it with the relay's reply; a temporary one ({@code 4xx}) or a lost
 * connection defers it (it stays pending). A relay that cannot be reached at all makes the batch
 * unavailable, nothing of it sent.
 */
public final class SmtpChannel implements Channel, AutoCloseable {

    public static final String ID = "smtp";

    private final SmtpProvider provider;
    private final Session session;
    private final String domain;
    private final InternetAddress from;
    private final SignedLinks links;
    private final DkimSigner dkim;
    private final Throttle throttle;
    private final String unsubscribeEmail;
    private final BlockingQueue<Transport> idle;
    private final Semaphore open;

    /**
     * {@code links} signs each message's unsubscribe link; {@code unsubscribeEmail}, when not null,
     * is the mailbox of the {@code mailto:} form beside it.
     */
    public SmtpChannel(SmtpProvider provider, SignedLinks links, String unsubscribeEmail) {
        this.provider = provider;
        this.links = links;
        this.unsubscribeEmail = unsubscribeEmail;
        this.session = Session.getInstance(properties(provider));
        this.domain = provider.from().substring(provider.from().lastIndexOf('@') + 1);
        try {
            this.from = new InternetAddress(provider.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not an email address: " + provider.from(), e);
        }
        this.dkim = provider.dkim() == null ? null : new DkimSigner(provider.dkim().domain(), provider.dkim().selector(), provider.dkim().key());
        this.throttle = new Throttle(provider.rate());
        this.idle = new ArrayBlockingQueue<>(provider.connections());
        this.open = new Semaphore(provider.connections());
    }

    private static Properties properties(SmtpProvider p) {
        Properties props = new Properties();
        String protocol = p.tls() == SmtpProvider.Tls.IMPLICIT ? "smtps" : "smtp";
        props.setProperty("mail.transport.protocol", protocol);
        props.setProperty("mail." + protocol + ".host", p.host());
        props.setProperty("mail." + protocol + ".port", Integer.toString(p.port()));
        props.setProperty("mail." + protocol + ".from", p.from());
        props.setProperty("mail." + protocol + ".auth", Boolean.toString(p.user() != null));
        props.setProperty("mail." + protocol + ".connectiontimeout", "10000");
        props.setProperty("mail." + protocol + ".timeout", "30000");
        props.setProperty("mail." + protocol + ".writetimeout", "30000");
        if (p.tls() == SmtpProvider.Tls.IMPLICIT) {
            props.put("mail.smtps.ssl.socketFactory", NoDelaySockets.tls(p.trust()));
        } else {
            props.put("mail.smtp.socketFactory", NoDelaySockets.plain());
            if (p.trust() != null) { // the STARTTLS upgrade
                props.put("mail.smtp.ssl.socketFactory", p.trust().getSocketFactory());
            }
        }
        if (p.tls() == SmtpProvider.Tls.STARTTLS) {
            props.setProperty("mail.smtp.starttls.enable", "true");
            props.setProperty("mail.smtp.starttls.required", "true");
        }
        if (p.tls() != SmtpProvider.Tls.NONE) {
            props.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return props;
    }

    @Override
    public String id() {
        return ID;
    }

    /** One part of a batch per connection. */
    @Override
    public int concurrency() {
        return provider.connections();
    }

    /**
     * 25 messages per connection: a process killed while sending sends again, on resume, at most
     * the messages of one batch that the relay had taken (see docs/channels.md).
     */
    @Override
    public int batch() {
        return 25 * provider.connections();
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) throws ChannelUnavailableException {
        List<SendResult> results = new ArrayList<>(batch.size());
        Transport transport = borrow();
        try {
            for (OutboundMessage m : batch) {
                if (transport == null) {
                    results.add(new SendResult.Deferred("the connection to " + provider.host() + " was lost"));
                    continue;
                }
                try {
                    throttle.acquire();
                    results.add(send(transport, m));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    results.add(new SendResult.Deferred("interrupted while waiting for the relay's rate"));
                } catch (MessagingException lost) {
                    // the connection broke: this message may or may not have arrived; it stays pending
                    results.add(new SendResult.Deferred("the connection to " + provider.host() + " was lost: " + reason(lost)));
                    close(transport);
                    transport = reconnect();
                }
            }
            return results;
        } finally {
            giveBack(transport);
        }
    }

    /** One message on an open connection: sent, failed, or deferred by the relay's reply. */
    private SendResult send(Transport transport, OutboundMessage m) throws MessagingException {
        String messageId = "<herald." + m.deliveryId() + "." + m.id() + "@" + domain + ">";
        WireMessage message;
        try {
            boolean eightBit = transport instanceof SMTPTransport smtp && smtp.supportsExtension("8BITMIME");
            message = WireMessage.of(session, m, from, messageId, unsubscribe(m), eightBit, ZonedDateTime.now(ZoneOffset.UTC), dkim);
        } catch (AddressException e) {
            return new SendResult.Failed("not an email address: " + e.getMessage());
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
            return new SendResult.Sent(messageId);
        } catch (MessagingException e) {
            int code = replyCode(e);
            if (code >= 500) {
                String reason = reason(e);
                return new SendResult.Failed("refused by " + provider.host() + ": " + reason, Bounce.ofSmtp(code, enhancedCode(reason)));
            }
            if (code >= 400) {
                return new SendResult.Deferred(provider.host() + " asked to try again later: " + reason(e));
            }
            throw e;
        }
    }

    /**
     * The {@code List-Unsubscribe} header's value (RFC 2369, one-click as RFC 8058 says): the signed
     * link, then the mailbox when the workspace names one.
     */
    private String unsubscribe(OutboundMessage m) {
        String header = "<" + links.unsubscribeUrl(m.id()) + ">";
        return unsubscribeEmail == null ? header : header + ", <mailto:" + unsubscribeEmail + "?subject=unsubscribe%20"
                + links.unsubscribeToken(m.id()) + ">";
    }

    /** The relay's reply code to a refused message, or 0 when the connection failed instead. */
    private static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        return 0;
    }

    /** The enhanced status code (RFC 3463) a reply gives after its reply code ({@code 550 5.1.1 no such user}), or null. */
    static String enhancedCode(String reply) {
        java.util.regex.Matcher m = ENHANCED.matcher(reply);
        return m.find() ? m.group(1) : null;
    }

    private static final java.util.regex.Pattern ENHANCED = java.util.regex.Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private static String reason(MessagingException e) {
        Exception x = e;
        while (x instanceof MessagingException me && me.getNextException() != null
                && (me.getMessage() == null || me.getMessage().isBlank() || me.getMessage().startsWith("Invalid Addresses"))) {
            x = me.getNextException();
        }
        String m = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage();
        return m.strip().replaceAll("\\s+", " ");
    }

    /** An open connection: an idle one, else a new one while there are fewer than the provider allows. */
    private Transport borrow() throws ChannelUnavailableException {
        Transport t = idle.poll();
        if (t != null) {
            if (t.isConnected()) {
                return t;
            }
            close(t);
        }
        try {
            open.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelUnavailableException("interrupted while connecting to " + provider, e);
        }
        try {
            return connect();
        } catch (MessagingException e) {
            open.release();
            throw new ChannelUnavailableException("cannot reach the email provider " + provider + ": " + reason(e), e);
        }
    }

    /** After a lost connection, one new one; null when the relay cannot be reached (the rest is deferred). */
    private Transport reconnect() {
        try {
            open.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            return connect();
        } catch (MessagingException e) {
            open.release();
            return null;
        }
    }

    private Transport connect() throws MessagingException {
        Transport t = session.getTransport();
        t.connect(provider.host(), provider.port(), provider.user(), provider.password());
        return t;
    }

    private void giveBack(Transport t) {
        if (t != null && !idle.offer(t)) {
            close(t);
        }
    }

    private void close(Transport t) {
        try {
            t.close();
        } catch (MessagingException ignored) {
            // closing a connection that already broke
        } finally {
            open.release();
        }
    }

    /** Closes the idle connections (QUIT). */
    @Override
    public void close() {
        Transport t;
        while ((t = idle.poll()) != null) {
            close(t);
        }
    }

    @Override
    public String toString() {
        return "SMTP to " + provider;
    }
}
