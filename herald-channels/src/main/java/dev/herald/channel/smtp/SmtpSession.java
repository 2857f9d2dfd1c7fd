package dev.herald.channel.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One open connection to a relay, speaking RFC 5321 as a client: the greeting, {@code EHLO},
 * STARTTLS (RFC 3207) or TLS from the first byte, AUTH PLAIN or LOGIN (RFC 4954), then messages.
 *
 * <p>When the relay offers PIPELINING (RFC 2920), each message costs one round trip: its
 * {@code MAIL}, {@code RCPT} and {@code DATA} go in one write, and once the relay has answered
 * {@code 354}, its text goes in the next write together with the commands of the message after it.
 * A relay that does not offer it gets one command at a time, each after the reply to the one
 * before. Either way each message's outcome is the first reply that refused it, or the reply to its
 * final dot.
 *
 * <p>Any {@link IOException} means the connection is lost (or timed out, 30 s for a reply or a
 * write); the session is then of no more use, and the messages handed to {@link #send} whose
 * outcome had not been given are in an unknown state.
 */
final class SmtpSession implements AutoCloseable {

    /** A reply of the relay: its code and its text, the lines of a multi-line reply joined by spaces. */
    record Reply(int code, String text) {

        boolean positive() {
            return code >= 200 && code < 400;
        }
    }

    /** The relay refused to open a session (its greeting, EHLO, STARTTLS or AUTH): {@code reply} says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** One message: its envelope and its bytes as they go on the wire, CRLF line ends, ending with one. */
    record Mail(String from, String to, byte[] wire, boolean eightBit) {

        Mail {
            if (!envelopeSafe(from) || !envelopeSafe(to)) {
                throw new IllegalArgumentException("not an address SMTP can carry: " + (envelopeSafe(from) ? to : from));
            }
        }

        private static boolean envelopeSafe(String address) {
            return address.chars().noneMatch(c -> c < 0x21 || c == '<' || c == '>' || c == 0x7f);
        }
    }

    private static final int TIMEOUT_MILLIS = 30_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_REPLY = 64 * 1024;

    /** Closes a connection whose write has not finished in time (a relay that stopped reading). */
    private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1,
            r -> Thread.ofPlatform().name("smtp-write-timeout").daemon().unstarted(r));

    static {
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final Set<String> extensions = new HashSet<>();
    private final ArrayDeque<Consumer<Reply>> awaiting = new ArrayDeque<>();
    private Mail textDue;
    private Consumer<Reply> textOutcome;
    private boolean resetDue;
    private boolean resetRefused;
    private long lastUsed = System.nanoTime();

    private SmtpSession() {
    }

    /**
     * A session with {@code provider}, ready for messages: connected, greeted, protected as the
     * provider says, logged in when it names a user. {@code helo} is the name this side gives.
     *
     * @throws Refused when the relay refuses the session or offers less than the provider needs
     * @throws IOException when it cannot be reached or its certificate is not trusted
     */
    static SmtpSession open(SmtpProvider provider, String helo) throws IOException, Refused {
        SmtpSession s = new SmtpSession();
        try {
            s.connect(provider);
            s.greet(provider, helo);
            return s;
        } catch (IOException | Refused | RuntimeException e) {
            s.abandon();
            throw e;
        }
    }

    private void connect(SmtpProvider p) throws IOException {
        Socket plain = new Socket();
        plain.setTcpNoDelay(true); // the lone final dot must not wait for the acknowledgement of the text
        plain.connect(new InetSocketAddress(p.host(), p.port()), CONNECT_TIMEOUT_MILLIS);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        attach(p.tls() == SmtpProvider.Tls.IMPLICIT ? secure(plain, p) : plain);
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8 * 1024);
        out = new BufferedOutputStream(s.getOutputStream(), 32 * 1024);
    }

    /** TLS over {@code plain}, trusting the provider's authority (else the JDK's), checking that the certificate names the host. */
    private static SSLSocket secure(Socket plain, SmtpProvider p) throws IOException {
        SSLSocketFactory factory = p.trust() == null ? (SSLSocketFactory) SSLSocketFactory.getDefault() : p.trust().getSocketFactory();
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, p.host(), p.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name must be in the certificate (RFC 6125)
        tls.setSSLParameters(parameters);
        tls.setUseClientMode(true);
        tls.startHandshake();
        return tls;
    }

    private void greet(SmtpProvider p, String helo) throws IOException, Refused {
        expect(read(), 220, "greeting");
        hello(helo);
        if (p.tls() == SmtpProvider.Tls.STARTTLS) {
            if (!extensions.contains("STARTTLS")) {
                throw new Refused("the relay does not offer STARTTLS, and the provider asks for it (tls=starttls): nothing is sent in clear");
            }
            expect(command("STARTTLS"), 220, "STARTTLS");
            attach(secure(socket, p));
            extensions.clear();
            hello(helo);
        }
        if (p.user() != null) {
            login(p.user(), p.password() == null ? "" : p.password());
        }
    }

    /** EHLO, and the extensions it offers; HELO (and none) from a relay that does not know EHLO. */
    private void hello(String helo) throws IOException, Refused {
        Reply ehlo = command("EHLO " + helo);
        if (ehlo.code() >= 500) {
            expect(command("HELO " + helo), 250, "HELO");
            return;
        }
        expect(ehlo, 250, "EHLO");
        String[] lines = ehlo.text().split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] words = lines[i].substring(Math.min(4, lines[i].length())).strip().toUpperCase(Locale.ROOT).split("\\s+");
            extensions.add(words[0]);
            if (words[0].equals("AUTH")) {
                for (int w = 1; w < words.length; w++) {
                    extensions.add("AUTH=" + words[w]);
                }
            }
        }
    }

    /** AUTH PLAIN when offered, else LOGIN; the secret never goes in an error. */
    private void login(String user, String password) throws IOException, Refused {
        Base64.Encoder b64 = Base64.getEncoder();
        if (extensions.contains("AUTH=PLAIN")) {
            String response = b64.encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            expect(command("AUTH PLAIN " + response), 235, "AUTH PLAIN");
        } else if (extensions.contains("AUTH=LOGIN")) {
            expect(command("AUTH LOGIN"), 334, "AUTH LOGIN");
            expect(command(b64.encodeToString(user.getBytes(StandardCharsets.UTF_8))), 334, "AUTH LOGIN");
            expect(command(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8))), 235, "AUTH LOGIN");
        } else {
            throw new Refused("the relay offers no AUTH PLAIN or LOGIN" + (extensions.contains("AUTH") ? "" : " (no AUTH at all here)")
                    + ", and the provider names a user");
        }
    }

    private static void expect(Reply reply, int code, String step) throws Refused {
        if (reply.code() != code) {
            throw new Refused(step + " refused: " + reply.text().replace('\n', ' '));
        }
    }

    /** Whether the relay takes 8-bit text (8BITMIME, RFC 6152). */
    boolean eightBit() {
        return extensions.contains("8BITMIME");
    }

    boolean pipelining() {
        return extensions.contains("PIPELINING");
    }

    /** Nanoseconds since this session last spoke with the relay. */
    long idleNanos() {
        return System.nanoTime() - lastUsed;
    }

    /** Whether the relay still answers (NOOP); false when the connection is gone. */
    boolean alive() {
        try {
            return command("NOOP").code() == 250;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Hands {@code mail} to the relay; {@code outcome} gets the reply that decides it — now, or
     * with a later call (pipelined, the reply to its text comes with the next message's, or with
     * {@link #finish}).
     */
    void send(Mail mail, Consumer<Reply> outcome) throws IOException {
        releaseText();
        if (resetDue) {
            write("RSET");
            awaiting.add(r -> resetRefused |= !r.positive());
            resetDue = false;
        }
        boolean pipelined = pipelining();
        if (!pipelined) {
            sync();
        }
        Reply[] replies = new Reply[3];
        write("MAIL FROM:<" + mail.from() + ">" + parameters(mail));
        awaiting.add(r -> replies[0] = r);
        if (!pipelined) {
            sync();
            if (!replies[0].positive()) {
                outcome.accept(decisive(replies[0]));
                return;
            }
        }
        write("RCPT TO:<" + mail.to() + ">");
        awaiting.add(r -> replies[1] = r);
        if (!pipelined) {
            sync();
            if (!replies[1].positive()) {
                resetDue = true;
                outcome.accept(decisive(replies[1]));
                return;
            }
        }
        write("DATA");
        awaiting.add(r -> replies[2] = r);
        sync();
        if (resetRefused) {
            throw new IOException("the relay refused RSET");
        }
        boolean accepted = replies[0].positive() && replies[1].positive();
        if (replies[2].code() == 354 && accepted) {
            textDue = mail;
            textOutcome = outcome;
            if (!pipelined) {
                finish();
            }
            return;
        }
        if (replies[2].code() == 354) { // a relay that opened DATA for a refused envelope gets an empty text
            writeText(new byte[0]);
            awaiting.add(r -> { });
        }
        resetDue = replies[0].positive();
        outcome.accept(decisive(!replies[0].positive() ? replies[0] : !replies[1].positive() ? replies[1] : replies[2]));
    }

    /**
     * A refusal that decides a message; "bad sequence of commands" (503) decides none, as it says
     * the session lost its way, not that the message is wrong: the connection is given up instead.
     */
    private static Reply decisive(Reply r) throws IOException {
        if (r.code() == 503) {
            throw new IOException("the relay answered out of sequence: " + r.text());
        }
        return r;
    }

    /** Sends what is still held back and reads every reply still due, so that each message has its outcome. */
    void finish() throws IOException {
        releaseText();
        sync();
    }

    /** Writes the text held back for the relay's {@code 354}, if any: its reply is then due. */
    private void releaseText() throws IOException {
        if (textDue != null) {
            writeText(textDue.wire());
            awaiting.add(textOutcome);
            textDue = null;
        }
    }

    /** {@code BODY=8BITMIME} for 8-bit text, {@code SIZE=} when the relay states a limit. */
    private String parameters(Mail mail) {
        String p = mail.eightBit() && eightBit() ? " BODY=8BITMIME" : "";
        return extensions.contains("SIZE") ? p + " SIZE=" + mail.wire().length : p;
    }

    /** Writes the text dot-stuffed (RFC 5321 4.5.2), then the final dot. */
    private void writeText(byte[] wire) throws IOException {
        int start = 0;
        for (int i = 0; i < wire.length; i++) {
            if (wire[i] == '.' && (i == 0 || wire[i - 1] == '\n')) {
                out.write(wire, start, i - start);
                out.write('.');
                start = i;
            }
        }
        out.write(wire, start, wire.length - start);
        out.write(FINAL_DOT);
    }

    private static final byte[] FINAL_DOT = {'.', '\r', '\n'};

    private void write(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    /** Flushes what was written, then reads each reply it is due, in order. */
    private void sync() throws IOException {
        ScheduledFuture<?> deadline = WATCHDOG.schedule(this::abandon, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        try {
            out.flush();
        } finally {
            deadline.cancel(false);
        }
        while (!awaiting.isEmpty()) {
            Reply r = read();
            awaiting.poll().accept(r);
        }
        lastUsed = System.nanoTime();
    }

    private Reply command(String line) throws IOException {
        write(line);
        sync();
        return read();
    }

    /** One reply, all its lines; an end of the connection is an {@link EOFException}. */
    private Reply read() throws IOException {
        StringBuilder text = new StringBuilder();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            line.reset();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("the relay closed the connection");
                }
                if (b != '\r') {
                    line.write(b);
                }
                if (text.length() + line.size() > MAX_REPLY) {
                    throw new IOException("the relay's reply is longer than " + MAX_REPLY + " bytes");
                }
            }
            String l = line.toString(StandardCharsets.UTF_8);
            if (l.length() < 3 || !Character.isDigit(l.charAt(0)) || !Character.isDigit(l.charAt(1)) || !Character.isDigit(l.charAt(2))) {
                throw new IOException("not an SMTP reply: " + l);
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(l);
            if (l.length() == 3 || l.charAt(3) != '-') {
                return new Reply(Integer.parseInt(l.substring(0, 3)), text.toString());
            }
        }
    }

    /** QUIT, then the connection closed. */
    @Override
    public void close() {
        try {
            socket.setSoTimeout(2_000);
            write("QUIT");
            out.flush();
            read();
        } catch (IOException ignored) {
            // a relay that went away before saying goodbye
        } finally {
            abandon();
        }
    }

    /** Closes the connection without a word. */
    void abandon() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
    }
}
