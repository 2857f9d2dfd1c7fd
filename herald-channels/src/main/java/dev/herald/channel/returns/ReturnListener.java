package dev.herald.channel.returns;

import dev.herald.channel.ChannelEvents;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP listener of Herald's own for what comes back ({@code providers.bounces: smtp://0.0.0.0:2525}):
 * the return path's MX, or the relay that forwards it, hands each delivery status notification
 * (RFC 3464) and feedback report (RFC 5965) to Herald as it arrives, and each is recorded on its
 * message and the suppression list at once, as a read of the return mailbox would. Every message
 * is accepted ({@code 250}) whether it is a report or not, so that no sender is told anything; a
 * message over {@link #MOST_BYTES} is refused ({@code 552}). It speaks plain SMTP (RFC 5321)
 * without AUTH or TLS: put it where only the MX reaches it. A forged report can only suppress the
 * address of a message Herald really sent.
 */
public final class ReturnListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnListener.class);
    /** The largest message taken: a report is a few KB; with its returned message, at most this. */
    public static final int MOST_BYTES = 10 * 1024 * 1024;
    private static final int LONGEST_COMMAND = 2_048;
    private static final int IDLE_MILLIS = 60_000;

    private final ServerSocket server;
    private final ChannelEvents events;
    private final ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor();
    private final Session mail = Session.getInstance(new Properties());

    private ReturnListener(ServerSocket server, ChannelEvents events) {
        this.server = server;
        this.events = events;
        Thread.ofPlatform().name("herald-returns-smtp").daemon().start(this::accept);
    }

    /** Whether {@code url} names a listener ({@code smtp://HOST:PORT}) rather than a mailbox to read. */
    public static boolean names(String url) {
        return url != null && url.strip().toLowerCase(Locale.ROOT).startsWith("smtp://");
    }

    /** Listens where {@code url} says ({@code smtp://HOST:PORT}; port 0 picks a free one) and records what arrives through {@code events}. */
    public static ReturnListener start(String url, ChannelEvents events) throws IOException {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("providers.bounces: '" + url + "' is not a URL such as smtp://0.0.0.0:2525");
        }
        if (uri.getHost() == null || uri.getPort() < 0 || uri.getUserInfo() != null || uri.getQuery() != null
                || !(uri.getPath() == null || uri.getPath().isEmpty())) {
            throw new IllegalArgumentException("providers.bounces: a listener is smtp://HOST:PORT and nothing else, such as smtp://0.0.0.0:2525");
        }
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort()));
        return new ReturnListener(server, events);
    }

    /** The port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sessions.execute(() -> session(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("the returns listener could not take a connection: {}", e.getMessage());
                }
            }
        }
    }

    /** One SMTP session: commands and their replies, one message after another, until QUIT. */
    private void session(Socket client) {
        try (client; InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = client.getOutputStream()) {
            client.setSoTimeout(IDLE_MILLIS);
            reply(out, "220 herald returns ESMTP");
            boolean from = false;
            int recipients = 0;
            while (true) {
                String line = command(in);
                if (line == null) {
                    return;
                }
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-herald returns\r\n250-SIZE " + MOST_BYTES + "\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 herald returns");
                    case "MAIL" -> {
                        from = line.toUpperCase(Locale.ROOT).startsWith("MAIL FROM:");
                        recipients = 0;
                        reply(out, from ? "250 2.1.0 OK" : "501 5.5.4 MAIL FROM:<address>");
                    }
                    case "RCPT" -> {
                        if (!from) {
                            reply(out, "503 5.5.1 MAIL first");
                        } else {
                            recipients++;
                            reply(out, "250 2.1.5 OK");
                        }
                    }
                    case "DATA" -> {
                        if (recipients == 0) {
                            reply(out, "503 5.5.1 RCPT first");
                            continue;
                        }
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        byte[] message = data(in);
                        reply(out, message == null ? "552 5.3.4 a message of at most " + MOST_BYTES + " bytes" : record(message));
                        from = false;
                        recipients = 0;
                    }
                    case "RSET" -> {
                        from = false;
                        recipients = 0;
                        reply(out, "250 2.0.0 OK");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "500 5.5.2 not a command this listener takes");
                }
            }
        } catch (IOException e) {
            LOG.debug("a returns session ended: {}", e.getMessage());
        }
    }

    /**
     * Hands one message to the events; the reply, which accepts it whatever it was — unless it
     * could not be recorded (the store unreachable): then the sender is asked to try again later,
     * so that no report is lost.
     */
    private String record(byte[] message) {
        MimeMessage parsed;
        try {
            parsed = new MimeMessage(mail, new ByteArrayInputStream(message));
        } catch (MessagingException e) {
            LOG.warn("a returned message could not be read ({})", e.getMessage());
            return "250 2.0.0 OK";
        }
        try {
            ReturnMailbox.record(parsed, events, new int[7]);
            return "250 2.0.0 OK";
        } catch (RuntimeException e) {
            LOG.warn("a returned message could not be recorded ({}); its sender is asked to try again", e.getMessage());
            return "451 4.3.0 it cannot be recorded now; try again later";
        }
    }

    /** The next command line without its line break, or null when the client left; a line too long is cut. */
    private static String command(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        return line(in, line, LONGEST_COMMAND) < 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    /** The message up to the line that is a lone dot, its dots unstuffed; null when it is over {@link #MOST_BYTES} (read to its end). */
    private static byte[] data(InputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(8_192);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        boolean over = false;
        while (true) {
            int read = line(in, line, MOST_BYTES);
            if (read < 0) {
                throw new IOException("the connection closed inside DATA");
            }
            byte[] bytes = line.toByteArray();
            if (bytes.length == 1 && bytes[0] == '.') {
                return over ? null : message.toByteArray();
            }
            int from = bytes.length > 0 && bytes[0] == '.' ? 1 : 0;
            over |= read > 0 || message.size() + bytes.length + 2 > MOST_BYTES;
            if (!over) {
                message.write(bytes, from, bytes.length - from);
                message.write('\r');
                message.write('\n');
            }
        }
    }

    /**
     * Reads one line into {@code line} (emptied first) without its LF or CRLF, keeping at most
     * {@code most} bytes of it: -1 when the client left before any byte, 1 when the line was longer
     * (the rest is read and dropped), else 0.
     */
    private static int line(InputStream in, ByteArrayOutputStream line, int most) throws IOException {
        line.reset();
        boolean cut = false;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() < most) {
                line.write(b);
            } else {
                cut = true;
            }
        }
        if (b < 0 && line.size() == 0) {
            return -1;
        }
        byte[] bytes = line.toByteArray();
        if (!cut && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            line.reset();
            line.write(bytes, 0, bytes.length - 1);
        }
        return cut ? 1 : 0;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        sessions.shutdownNow();
    }
}
