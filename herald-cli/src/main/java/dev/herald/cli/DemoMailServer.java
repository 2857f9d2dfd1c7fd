package dev.herald.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Optional;

/**
 * The SMTP server {@code herald demo} sends its emails to: GreenMail, in the demo's own process, on
 * a free port of the loopback — so that the demo's messages leave Herald over a real SMTP
 * conversation (the pooled connections, MIME, List-Unsubscribe headers of a production relay)
 * without any setup, and can be shown as the server received them.
 */
final class DemoMailServer implements AutoCloseable {

    static final String FROM = "news@shop.example";

    private final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    DemoMailServer() {
        mail.start();
    }

    /** The workspace's {@code providers.email} that sends to it. */
    String url() {
        return "smtp://127.0.0.1:" + mail.getSmtp().getPort() + "?tls=none&from=" + FROM;
    }

    /** How many messages it received. */
    int received() {
        return mail.getReceivedMessages().length;
    }

    /** The first message it received, as the server got it: its headers and the start of its text; empty when none came. */
    Optional<String> first() {
        MimeMessage[] all = mail.getReceivedMessages();
        if (all.length == 0) {
            return Optional.empty();
        }
        try {
            MimeMessage m = all[0];
            StringBuilder shown = new StringBuilder();
            for (String header : new String[] {"From", "To", "Subject", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"}) {
                String value = m.getHeader(header, ", ");
                if (value != null) {
                    shown.append(header).append(": ").append(jakarta.mail.internet.MimeUtility.decodeText(value)).append('\n');
                }
            }
            shown.append("Content-Type: ").append(m.getContentType().replaceAll("\\s+", " "));
            return Optional.of(shown.toString());
        } catch (MessagingException | IOException e) {
            return Optional.of("(it cannot be read back: " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        mail.stop();
    }
}
