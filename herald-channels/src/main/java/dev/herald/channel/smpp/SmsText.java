package dev.herald.channel.smpp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text message as an SMSC takes it: in the GSM 7-bit default alphabet (3GPP TS 23.038) when every
 * character has a place in it or its extension table (a {@code €} or {@code [} takes two septets),
 * else in UCS-2; one part up to 160 septets or 70 UCS-2 units, else parts of 153 septets or 67 units
 * behind a 6-byte concatenation header (UDH, information element 0x00) that the handset joins. A part
 * never splits an escape pair or a surrogate pair. GSM-7 parts are sent one septet per byte, as
 * SMPP's default alphabet is written.
 */
public record SmsText(boolean gsm, List<byte[]> parts) {

    /** The GSM 7-bit default alphabet: a character's position is its septet. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each written as ESC (0x1B) and its septet. */
    private static final String EXTENDED = "\f^{}\\[~]|€";
    private static final byte[] EXTENDED_SEPTETS = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};
    /** The most parts a concatenated message can have. */
    public static final int MAX_PARTS = 255;

    static {
        if (BASIC.length() != 128) {
            throw new IllegalStateException("the GSM alphabet has " + BASIC.length() + " characters");
        }
    }

    /** Whether every character of {@code text} is in the GSM 7-bit alphabet or its extension. */
    public static boolean isGsm(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0x1B || BASIC.indexOf(c) < 0 && EXTENDED.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} as the parts to submit, each with its concatenation header when there are several ({@code reference} ties them). */
    public static SmsText of(String text, int reference) {
        return isGsm(text) ? gsm(text, reference) : ucs2(text, reference);
    }

    private static SmsText gsm(String text, int reference) {
        List<byte[]> units = new ArrayList<>(); // one or two septets per character
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = BASIC.indexOf(c);
            byte[] unit = basic >= 0 ? new byte[] {(byte) basic} : new byte[] {0x1B, EXTENDED_SEPTETS[EXTENDED.indexOf(c)]};
            units.add(unit);
            septets += unit.length;
        }
        return new SmsText(true, split(units, septets, 160, 153, reference));
    }

    private static SmsText ucs2(String text, int reference) {
        List<byte[]> units = new ArrayList<>(); // two bytes per UTF-16 unit, four for a surrogate pair
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            int end = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() ? i + 2 : i + 1;
            byte[] unit = text.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
            units.add(unit);
            count += unit.length / 2;
            i = end - 1;
        }
        return new SmsText(false, split(units, count * 2, 140, 134, reference));
    }

    /** The units in parts of at most {@code single} bytes, or {@code each} bytes behind a header when one part is not enough. */
    private static List<byte[]> split(List<byte[]> units, int size, int single, int each, int reference) {
        if (size <= single) {
            return List.of(join(units, 0, units.size(), null));
        }
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        int length = 0;
        for (int i = 0; i < units.size(); i++) {
            if (length + units.get(i).length > each) {
                ranges.add(new int[] {from, i});
                from = i;
                length = 0;
            }
            length += units.get(i).length;
        }
        ranges.add(new int[] {from, units.size()});
        if (ranges.size() > MAX_PARTS) {
            throw new IllegalArgumentException("the text needs " + ranges.size() + " parts; a message has at most " + MAX_PARTS);
        }
        List<byte[]> parts = new ArrayList<>();
        for (int p = 0; p < ranges.size(); p++) {
            byte[] header = {0x05, 0x00, 0x03, (byte) reference, (byte) ranges.size(), (byte) (p + 1)};
            parts.add(join(units, ranges.get(p)[0], ranges.get(p)[1], header));
        }
        return List.copyOf(parts);
    }

    private static byte[] join(List<byte[]> units, int from, int to, byte[] header) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (header != null) {
            out.writeBytes(header);
        }
        for (int i = from; i < to; i++) {
            out.writeBytes(units.get(i));
        }
        return out.toByteArray();
    }

    /** Whether the parts carry concatenation headers. */
    public boolean concatenated() {
        return parts.size() > 1;
    }

    /** Decodes one part's text (its header left out), as a handset shows it: for tests and the peer's log. */
    public static String decode(byte[] part, boolean gsm, boolean udh) {
        int start = udh ? (part[0] & 0xFF) + 1 : 0;
        if (!gsm) {
            return new String(part, start, part.length - start, StandardCharsets.UTF_16BE);
        }
        StringBuilder b = new StringBuilder();
        for (int i = start; i < part.length; i++) {
            if (part[i] == 0x1B && i + 1 < part.length) {
                i++;
                for (int k = 0; k < EXTENDED_SEPTETS.length; k++) {
                    if (EXTENDED_SEPTETS[k] == part[i]) {
                        b.append(EXTENDED.charAt(k));
                    }
                }
            } else {
                b.append(BASIC.charAt(part[i] & 0x7F));
            }
        }
        return b.toString();
    }
}
