package dev.herald.channel.smtp;

import dev.herald.channel.ChannelTypes;
import dev.herald.channel.OutboundMessage;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One email as it goes on the wire, written once by Herald instead of by Jakarta Mail's MIME
 * classes (which encode a body a byte at a time and look up a service per message — a 10 KB
 * message cost about five times what sending it did): the headers, then the body in UTF-8 as
 * {@code 7bit} when it is ASCII, {@code 8bit} when the relay takes 8BITMIME, else base64; every line
 * within SMTP's 998 octets, CRLF line ends, ending with one. {@link SmtpSession} sends the bytes as
 * they are, dot-stuffed. {@code eightBit} says that the text has 8-bit lines ({@code BODY=8BITMIME}).
 */
record WireMessage(byte[] bytes, boolean eightBit) {

    private static final int MAX_LINE = 998;
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    /**
     * {@code m} from {@code from} to {@code to}, with its {@code List-Unsubscribe} value;
     * {@code eightBit} when the relay said 8BITMIME; signed by {@code dkim} unless it is null.
     */
    static WireMessage of(OutboundMessage m, InternetAddress from, InternetAddress to, String messageId, String listUnsubscribe,
                          boolean eightBit, ZonedDateTime now, DkimSigner dkim) {
        String body = m.main() == null ? "" : m.main();
        List<Map.Entry<String, String>> headers = new ArrayList<>(12);
        headers.add(Map.entry("Date", DATE.format(now)));
        headers.add(Map.entry("From", from.toString()));
        headers.add(Map.entry("To", to.toString()));
        headers.add(Map.entry("Message-ID", messageId));
        headers.add(Map.entry("Subject", subject(m.headline() == null ? "" : m.headline())));
        headers.add(Map.entry("List-Unsubscribe", listUnsubscribe));
        headers.add(Map.entry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        headers.add(Map.entry("MIME-Version", "1.0"));
        headers.add(Map.entry("Feedback-ID", m.deliveryId() + ":herald"));
        headers.add(Map.entry("Content-Type", "text/" + (ChannelTypes.isHtml(body) ? "html" : "plain") + "; charset=UTF-8"));
        Body text = Body.of(body.getBytes(StandardCharsets.UTF_8));
        byte[] encoded;
        int length;
        boolean eightBitText = false;
        if (text.longestLine <= MAX_LINE && (text.ascii || eightBit)) {
            eightBitText = !text.ascii;
            headers.add(Map.entry("Content-Transfer-Encoding", text.ascii ? "7bit" : "8bit"));
            encoded = text.crlf;
            length = text.length;
        } else {
            headers.add(Map.entry("Content-Transfer-Encoding", "base64"));
            encoded = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(Arrays.copyOf(text.crlf, text.length));
            length = encoded.length;
        }
        byte[] wireBody = withLastLineBreak(encoded, length);
        StringBuilder head = new StringBuilder(dkim == null ? 512 : 1024);
        if (dkim != null) {
            head.append(dkim.sign(headers, wireBody, now.toEpochSecond()));
        }
        headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        head.append("\r\n");
        return new WireMessage(join(head, wireBody), eightBitText);
    }

    /** The subject as a header value: ASCII as it is, anything else as RFC 2047 encoded words; never a line break. */
    static String subject(String subject) {
        String oneLine = subject.replaceAll("[\\r\\n]+", " ");
        if (oneLine.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && oneLine.length() <= 900) {
            return oneLine;
        }
        StringBuilder words = new StringBuilder();
        int i = 0;
        while (i < oneLine.length()) {
            int end = i;
            int bytes = 0;
            while (end < oneLine.length()) {
                int cp = oneLine.codePointAt(end);
                int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > 45) { // 45 bytes make 60 base64 characters: a word of 72, within 75
                    break;
                }
                bytes += size;
                end += Character.charCount(cp);
            }
            if (words.length() > 0) {
                words.append("\r\n ");
            }
            words.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(
                    oneLine.substring(i, end).getBytes(StandardCharsets.UTF_8))).append("?=");
            i = end;
        }
        return words.toString();
    }

    /** The first {@code length} bytes of {@code body}, ending with a line break. */
    private static byte[] withLastLineBreak(byte[] body, int length) {
        boolean ends = length > 0 && body[length - 1] == '\n';
        byte[] out = Arrays.copyOf(body, length + (ends ? 0 : 2));
        if (!ends) {
            out[out.length - 2] = '\r';
            out[out.length - 1] = '\n';
        }
        return out;
    }

    /** The headers, then the body. */
    private static byte[] join(CharSequence headers, byte[] body) {
        byte[] head = headers.toString().getBytes(StandardCharsets.UTF_8);
        byte[] wire = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, wire, head.length, body.length);
        return wire;
    }

    /** A body in UTF-8 with every line break made CRLF, read in one pass: whether it is ASCII, its longest line. */
    private record Body(byte[] crlf, int length, boolean ascii, int longestLine) {

        static Body of(byte[] utf8) {
            byte[] out = new byte[utf8.length + utf8.length / 16 + 16];
            int n = 0;
            boolean ascii = true;
            int line = 0;
            int longest = 0;
            for (int i = 0; i < utf8.length; i++) {
                byte b = utf8[i];
                if (b == '\r' || b == '\n') {
                    if (b == '\r' && i + 1 < utf8.length && utf8[i + 1] == '\n') {
                        i++;
                    }
                    if (n + 2 > out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = '\r';
                    out[n++] = '\n';
                    longest = Math.max(longest, line);
                    line = 0;
                    continue;
                }
                if (n + 1 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = b;
                ascii &= b >= 0;
                line++;
            }
            return new Body(out, n, ascii, Math.max(longest, line));
        }
    }
}
