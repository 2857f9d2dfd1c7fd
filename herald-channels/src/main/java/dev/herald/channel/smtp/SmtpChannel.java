package dev.herald.channel.smtp;

import dev.herald.channel.Bounce;
import dev.herald.channel.Channel;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.Throttle;
import dev.herald.delivery.SignedLinks;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email over SMTP to a relay ({@link SmtpProvider}), through Herald's own client
 * ({@link SmtpSession}, pipelined where the relay offers it): connections are opened as needed, up
 * to the provider's number, and reused from batch to batch. Each message ({@link WireMessage}) has a
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

    /** A connection idle for longer is asked whether it is still there (NOOP) before it is used again. */
    private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final SmtpProvider provider;
    private final String domain;
    private final InternetAddress from;
    private final SignedLinks links;
    private final DkimSigner dkim;
    private final Throttle throttle;
    private final String unsubscribeEmail;
    private final BlockingQueue<SmtpSession> idle;
    private final Semaphore open;

    /**
     * {@code links} signs each message's unsubscribe link; {@code unsubscribeEmail}, when not null,
     * is the mailbox of the {@code mailto:} form beside it.
     */
    public SmtpChannel(SmtpProvider provider, SignedLinks links, String unsubscribeEmail) {
        this.provider = provider;
        this.links = links;
        this.unsubscribeEmail = unsubscribeEmail;
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
        SendResult[] results = new SendResult[batch.size()];
        SmtpSession session = borrow();
        int i = 0;
        try {
            while (i < batch.size()) {
                if (session == null) {
                    results[i++] = new SendResult.Deferred("the connection to " + provider.host() + " was lost");
                    continue;
                }
                int first = i;
                try {
                    for (; i < batch.size(); i++) {
                        hand(session, batch.get(i), results, i);
                    }
                    session.finish();
                } catch (IOException lost) {
                    // the messages handed over without an answer may or may not have arrived: they stay pending
                    for (int k = first; k < Math.min(i + 1, batch.size()); k++) {
                        if (results[k] == null) {
                            results[k] = new SendResult.Deferred("the connection to " + provider.host() + " was lost: " + reason(lost));
                        }
                    }
                    i++;
                    close(session);
                    session = reconnect();
                }
            }
            return Arrays.asList(results);
        } finally {
            giveBack(session);
        }
    }

    /** One message to the session, its outcome into {@code results[index]} when the relay has given it. */
    private void hand(SmtpSession session, OutboundMessage m, SendResult[] results, int index) throws IOException {
        String messageId = "<herald." + m.deliveryId() + "." + m.id() + "@" + domain + ">";
        SmtpSession.Mail mail;
        try {
            InternetAddress to = new InternetAddress(m.address(), true);
            WireMessage wire = WireMessage.of(m, from, to, messageId, unsubscribe(m), session.eightBit(), ZonedDateTime.now(ZoneOffset.UTC), dkim);
            mail = new SmtpSession.Mail(from.getAddress(), to.getAddress(), wire.bytes(), wire.eightBit());
        } catch (AddressException | IllegalArgumentException e) {
            results[index] = new SendResult.Failed("not an email address: " + e.getMessage());
            return;
        }
        try {
            throttle.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results[index] = new SendResult.Deferred("interrupted while waiting for the relay's rate");
            return;
        }
        session.send(mail, reply -> results[index] = result(reply, messageId));
    }

    /** What the relay's reply makes of a message: sent, failed, or deferred. */
    private SendResult result(SmtpSession.Reply reply, String messageId) {
        String text = reply.text().strip().replaceAll("\\s+", " ");
        if (reply.positive()) {
            return new SendResult.Sent(messageId);
        }
        if (reply.code() >= 500) {
            return new SendResult.Failed("refused by " + provider.host() + ": " + text, Bounce.ofSmtp(reply.code(), enhancedCode(text)));
        }
        return new SendResult.Deferred(provider.host() + " asked to try again later: " + text);
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

    /** The enhanced status code (RFC 3463) a reply gives after its reply code ({@code 550 5.1.1 no such user}), or null. */
    static String enhancedCode(String reply) {
        Matcher m = ENHANCED.matcher(reply);
        return m.find() ? m.group(1) : null;
    }

    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().replaceAll("\\s+", " ");
    }

    /** An open connection: an idle one that still answers, else a new one while there are fewer than the provider allows. */
    private SmtpSession borrow() throws ChannelUnavailableException {
        SmtpSession s = idle.poll();
        if (s != null) {
            if (s.idleNanos() < CHECK_AFTER_IDLE_NANOS || s.alive()) {
                return s;
            }
            s.abandon();
            open.release();
        }
        try {
            open.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelUnavailableException("interrupted while connecting to " + provider, e);
        }
        try {
            return SmtpSession.open(provider, domain);
        } catch (IOException | SmtpSession.Refused e) {
            open.release();
            throw new ChannelUnavailableException("cannot reach the email provider " + provider + ": " + reason(e), e);
        }
    }

    /** After a lost connection, one new one; null when the relay cannot be reached (the rest is deferred). */
    private SmtpSession reconnect() {
        try {
            open.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            return SmtpSession.open(provider, domain);
        } catch (IOException | SmtpSession.Refused e) {
            open.release();
            return null;
        }
    }

    private void giveBack(SmtpSession s) {
        if (s != null && !idle.offer(s)) {
            close(s);
        }
    }

    private void close(SmtpSession s) {
        try {
            s.close();
        } finally {
            open.release();
        }
    }

    /** Closes the idle connections (QUIT). */
    @Override
    public void close() {
        SmtpSession s;
        while ((s = idle.poll()) != null) {
            close(s);
        }
    }

    @Override
    public String toString() {
        return "SMTP to " + provider;
    }
}
