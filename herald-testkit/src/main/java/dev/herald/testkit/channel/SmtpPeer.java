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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on the loopback, speaking RFC 5321 to a real client over a real socket, for
 * tests: it answers each {@code RCPT TO} as the test says (accept, {@code 450}, {@code 550}), keeps
 * every message it accepted (its envelope and its text), and counts the connections it was given.
 * It offers PIPELINING (RFC 2920) unless made {@link #withoutPipelining()}, counts the commands
 * that came with more behind them, unanswered, and keeps to the order of a transaction as a strict
 * relay does: a second {@code MAIL} before the end of one is a {@code 503}, {@code DATA} without an
 * accepted recipient a {@code 554} that leaves the transaction open until {@code RSET}.
 * {@link #secured} makes one that speaks TLS (STARTTLS, RFC 3207, or from the first byte) and takes
 * mail only from a client that logged in (AUTH LOGIN or PLAIN, RFC 4954) over TLS.
 */
public final class SmtpPeer implements AutoCloseable {

    /**
     * A message the peer accepted: the envelope's recipients, the text after DATA, whether it came
     * over TLS, and the user the client logged in as (null: none).
     */
    public record Received(List<String> recipients, String data, boolean tls, String user) {

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
    private final SSLContext tls;
    private final boolean implicit;
    private final String user;
    private final String password;
    private final boolean pipelining;
    private final AtomicInteger pipelined = new AtomicInteger();
    private volatile int loseAfter;

    public SmtpPeer() {
        this(null, false, null, null, true);
    }

    private SmtpPeer(SSLContext tls, boolean implicit, String user, String password, boolean pipelining) {
        this.pipelining = pipelining;
        this.tls = tls;
        this.implicit = implicit;
        this.user = user;
        this.password = password;
        try {
            server = implicit ? tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress())
                    : new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("smtp-peer").start(this::accept);
    }

    /**
     * A peer that speaks TLS with {@code tls}'s key — from the first byte when {@code implicit},
     * else after STARTTLS, which it then requires — and takes mail only from {@code user}
     * logged in with {@code password}.
     */
    public static SmtpPeer secured(SSLContext tls, boolean implicit, String user, String password) {
        return new SmtpPeer(tls, implicit, user, password, true);
    }

    /** A peer that does not offer PIPELINING: a client must wait for each reply before its next command. */
    public static SmtpPeer withoutPipelining() {
        return new SmtpPeer(null, false, null, null, false);
    }

    /**
     * Makes the peer keep its {@code count}-th message and then close the connection instead of
     * answering its final dot, once: the sender cannot know that it arrived.
     */
    public void loseConnectionAfter(int count) {
        this.loseAfter = count;
    }

    public boolean offersPipelining() {
        return pipelining;
    }

    /** How many commands arrived with another one already behind them, before the peer had answered. */
    public int pipelinedCommands() {
        return pipelined.get();
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
                s.setTcpNoDelay(true); // replies to pipelined commands go one write each: Nagle would hold them
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> converse(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket accepted) {
        Socket socket = accepted;
        try {
            boolean secure = implicit;
            String loggedIn = null;
            BufferedReader in = reader(socket);
            OutputStream out = socket.getOutputStream();
            reply(out, "220 herald-test ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            boolean mail = false;
            String line;
            while ((line = in.readLine()) != null) {
                if (in.ready()) {
                    pipelined.incrementAndGet();
                }
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
                if (tls != null && !secure && !verb.equals("EHLO") && !verb.equals("STAR") && !verb.equals("QUIT") && !verb.equals("NOOP")) {
                    reply(out, "530 5.7.0 Must issue a STARTTLS command first");
                    continue;
                }
                if (user != null && loggedIn == null && (verb.equals("MAIL") || verb.equals("RCPT") || verb.equals("DATA"))) {
                    reply(out, "530 5.7.0 Authentication required");
                    continue;
                }
                switch (verb) {
                    case "EHLO" -> reply(out, "250-herald-test\r\n250-8BITMIME\r\n"
                            + (tls != null && !secure ? "250-STARTTLS\r\n" : "")
                            + (user != null && secure ? "250-AUTH LOGIN PLAIN\r\n" : "")
                            + (pipelining ? "250-PIPELINING\r\n" : "") + "250 SIZE 52428800");
                    case "HELO" -> reply(out, "250 herald-test");
                    case "STAR" -> {
                        if (tls == null || secure) {
                            reply(out, "502 5.5.2 not implemented");
                            continue;
                        }
                        reply(out, "220 2.0.0 Ready to start TLS");
                        SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
                        upgraded.setUseClientMode(false);
                        upgraded.startHandshake();
                        socket = upgraded;
                        secure = true;
                        in = reader(socket);
                        out = socket.getOutputStream();
                    }
                    case "AUTH" -> {
                        String name = login(line, in, out);
                        if (name == null) {
                            reply(out, "535 5.7.8 Authentication credentials invalid");
                        } else {
                            loggedIn = name;
                            reply(out, "235 2.7.0 Authentication successful");
                        }
                    }
                    case "MAIL" -> {
                        if (mail) {
                            reply(out, "503 5.5.1 Error: nested MAIL command");
                            continue;
                        }
                        mail = true;
                        recipients.clear();
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RCPT" -> {
                        if (!mail) {
                            reply(out, "503 5.5.1 Error: need MAIL command");
                            continue;
                        }
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
                        if (recipients.isEmpty()) {
                            reply(out, mail ? "554 5.5.1 Error: no valid recipients" : "503 5.5.1 Error: need RCPT command");
                            continue;
                        }
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        StringBuilder data = new StringBuilder();
                        String d;
                        while ((d = in.readLine()) != null && !d.equals(".")) {
                            data.append(d.startsWith("..") ? d.substring(1) : d).append("\r\n");
                        }
                        if (d == null) {
                            return; // the client went away in the middle: nothing was accepted
                        }
                        received.add(new Received(List.copyOf(recipients), data.toString(), secure, loggedIn));
                        mail = false;
                        recipients.clear();
                        if (received.size() == loseAfter) {
                            loseAfter = 0;
                            return;
                        }
                        reply(out, "250 2.0.0 queued as " + received.size());
                    }
                    case "RSET" -> {
                        mail = false;
                        recipients.clear();
                        if (received.size() == loseAfter) {
                            loseAfter = 0;
                            return;
                        }
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
            // the client went away, or its TLS handshake failed
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The user an {@code AUTH LOGIN} or {@code AUTH PLAIN} exchange logs in as, or null when its credentials are wrong. */
    private String login(String line, BufferedReader in, OutputStream out) throws IOException {
        String[] words = line.split(" ");
        String mechanism = words.length > 1 ? words[1].toUpperCase(java.util.Locale.ROOT) : "";
        String name;
        String secret;
        if (mechanism.equals("PLAIN")) {
            String response = words.length > 2 ? words[2] : null;
            if (response == null) {
                reply(out, "334 ");
                response = in.readLine();
            }
            String[] parts = decode(response).split("\u0000", -1);
            if (parts.length != 3) {
                return null;
            }
            name = parts[1];
            secret = parts[2];
        } else if (mechanism.equals("LOGIN")) {
            reply(out, "334 VXNlcm5hbWU6");
            name = decode(in.readLine());
            reply(out, "334 UGFzc3dvcmQ6");
            secret = decode(in.readLine());
        } else {
            return null;
        }
        return user.equals(name) && password.equals(secret) ? name : null;
    }

    private static String decode(String base64) {
        try {
            return new String(java.util.Base64.getDecoder().decode(base64 == null ? "" : base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
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
