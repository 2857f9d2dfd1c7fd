package dev.herald.testkit.channel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small SMTP server on the loopback, speaking RFC 5321 to a real client over a real socket, for
 * tests: it answers each {@code RCPT TO} as the test says (accept, {@code 450}, {@code 550}), keeps
 * every message it accepted (its envelope and its text), and counts the connections it was given.
 */
public final class SmtpPeer implements AutoCloseable {

    /** A message the peer accepted: the envelope's recipients and the text after DATA. */
    public record Received(List<String> recipients, String data) {

        /** The value of a header of the message, unfolded, or null. */
        public String header(String name) {
            String head = data.split("\r\n\r\n", 2)[0].replaceAll("\r\n[ \t]+", " ");
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Function<String, String> rcpt = address -> null;

    public SmtpPeer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("smtp-peer").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code smtp://127.0.0.1:PORT?from=…}: the provider URL of this peer. */
    public String url(String from) {
        return "smtp://127.0.0.1:" + port() + "?tls=none&from=" + from;
    }

    /**
     * How to answer {@code RCPT TO:<address>}: the reply line ({@code "450 4.2.1 mailbox busy"}), or
     * null to accept. Replaces the earlier rule.
     */
    public void answerRecipients(Function<String, String> reply) {
        this.rcpt = reply;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> converse(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 herald-test ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-herald-test\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "HELO" -> reply(out, "250 herald-test");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RCPT" -> {
                        String address = line.replaceAll("(?i)^RCPT TO:\\s*<([^>]*)>.*$", "$1");
                        String answer = rcpt.apply(address);
                        if (answer == null) {
                            recipients.add(address);
                            reply(out, "250 2.1.5 ok");
                        } else {
                            reply(out, answer);
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        StringBuilder data = new StringBuilder();
                        String d;
                        while ((d = in.readLine()) != null && !d.equals(".")) {
                            data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
                        }
                        if (d == null) {
                            return; // the client went away in the middle: nothing was accepted
                        }
                        received.add(new Received(List.copyOf(recipients), data.toString()));
                        reply(out, "250 2.0.0 queued as " + received.size());
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 2.0.0 ok");
                    }
                    case "NOOP" -> reply(out, "250 2.0.0 ok");
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException closed) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
