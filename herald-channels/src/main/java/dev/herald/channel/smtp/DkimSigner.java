package dev.herald.channel.smtp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DKIM signatures (RFC 6376) over the headers and body of each message, with relaxed/relaxed
 * canonicalization: {@code rsa-sha256} for an RSA key, {@code ed25519-sha256} (RFC 8463) for an
 * Ed25519 one. The key is a PKCS#8 private key, base64 (the body of a {@code -----BEGIN PRIVATE
 * KEY-----} file), and the receiver finds its public half in DNS at {@code SELECTOR._domainkey.DOMAIN}.
 * Every header Herald writes is signed, {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}
 * among them (RFC 8058 asks for it), and {@code From} once more than it appears, so that no second
 * {@code From} can be added without breaking the signature.
 */
public final class DkimSigner {

    private final String domain;
    private final String selector;
    private final PrivateKey key;
    private final String algorithm;

    public DkimSigner(String domain, String selector, String pkcs8Base64) {
        this.domain = domain;
        this.selector = selector;
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pkcs8Base64.replaceAll("-----[A-Z ]+-----", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the DKIM key is not base64: give the PKCS#8 private key, the text between its BEGIN and END lines");
        }
        PrivateKey k = null;
        String a = null;
        for (String kind : List.of("RSA", "Ed25519")) {
            try {
                k = KeyFactory.getInstance(kind).generatePrivate(new PKCS8EncodedKeySpec(der));
                a = kind.equals("RSA") ? "rsa-sha256" : "ed25519-sha256";
                break;
            } catch (GeneralSecurityException notThisKind) {
                // try the next
            }
        }
        if (k == null) {
            throw new IllegalArgumentException("the DKIM key is neither an RSA nor an Ed25519 PKCS#8 private key");
        }
        this.key = k;
        this.algorithm = a;
    }

    /** {@code rsa-sha256} or {@code ed25519-sha256}. */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The {@code DKIM-Signature} header line (with its CRLF) for a message of {@code headers} (name →
     * value as written, in order) and {@code body} (as it goes on the wire), signed at {@code time}
     * (seconds since 1970).
     */
    public String sign(List<Map.Entry<String, String>> headers, byte[] body, long time) {
        StringBuilder names = new StringBuilder();
        StringBuilder signed = new StringBuilder();
        for (Map.Entry<String, String> h : headers) {
            names.append(names.length() == 0 ? "" : ":").append(h.getKey());
            signed.append(relaxed(h.getKey(), h.getValue())).append("\r\n");
        }
        names.append(":From"); // oversigned: a From added later breaks the signature
        String value = fold(List.of("v=1", "a=" + algorithm, "c=relaxed/relaxed", "d=" + domain, "s=" + selector, "t=" + time,
                "h=" + names, "bh=" + Base64.getEncoder().encodeToString(sha256(relaxedBody(body))), "b="));
        // what the receiver hashes: the header as it arrives, folds and all, with b= empty
        signed.append(relaxed("DKIM-Signature", value));
        byte[] data = signed.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Signature s;
            if (algorithm.equals("rsa-sha256")) {
                s = Signature.getInstance("SHA256withRSA");
                s.initSign(key);
                s.update(data);
            } else {
                s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(sha256(data)); // RFC 8463: Ed25519 signs the SHA-256 hash of the data
            }
            String b = Base64.getEncoder().encodeToString(s.sign());
            StringBuilder line = new StringBuilder("DKIM-Signature:").append(value);
            for (int i = 0; i < b.length(); i += 72) {
                line.append("\r\n ").append(b, i, Math.min(b.length(), i + 72)); // white space in b= is ignored
            }
            return line.append("\r\n").toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the DKIM key: " + e.getMessage(), e);
        }
    }

    /**
     * The tags as a header value folded before a tag that would pass 76 columns, and inside
     * {@code h=} only at its colons (where RFC 6376 allows white space): " v=1; a=…; b=".
     */
    private static String fold(List<String> tags) {
        StringBuilder out = new StringBuilder();
        int column = "DKIM-Signature:".length();
        for (int t = 0; t < tags.size(); t++) {
            String tag = tags.get(t) + (t < tags.size() - 1 ? ";" : "");
            String[] pieces = tag.startsWith("h=") ? tag.split("(?<=:)") : new String[] {tag};
            for (int p = 0; p < pieces.length; p++) {
                String sep = p == 0 ? " " : "";
                if (column + sep.length() + pieces[p].length() > 76) {
                    out.append("\r\n ");
                    column = 1;
                    sep = "";
                }
                out.append(sep).append(pieces[p]);
                column += sep.length() + pieces[p].length();
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern FOLD = java.util.regex.Pattern.compile("\r\n(?=[ \t])");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[ \t]+");

    /** A header in relaxed form: the name in lower case, the value unfolded, its runs of spaces one space, none at the ends. */
    static String relaxed(String name, String value) {
        String v = SPACES.matcher(FOLD.matcher(value).replaceAll("")).replaceAll(" ").strip();
        return name.toLowerCase(Locale.ROOT).strip() + ":" + v;
    }

    /**
     * The body in relaxed form, in one pass over its bytes: runs of spaces and tabs one space, none at
     * a line's end, no empty lines at the end, CRLF last unless it is empty.
     */
    static byte[] relaxedBody(byte[] body) {
        byte[] out = new byte[body.length + 2];
        int n = 0;
        int kept = 0; // the length up to the end of the last line that has something
        int i = 0;
        while (i < body.length) {
            int start = n;
            boolean space = false;
            while (i < body.length && !(body[i] == '\r' && i + 1 < body.length && body[i + 1] == '\n')) {
                byte b = body[i++];
                if (b == ' ' || b == '\t') {
                    space = true;
                } else {
                    if (space) {
                        out[n++] = ' ';
                        space = false;
                    }
                    out[n++] = b;
                }
            }
            i += 2; // past the CRLF, or past the end
            boolean empty = n == start;
            out[n++] = '\r';
            out[n++] = '\n';
            if (!empty) {
                kept = n;
            }
        }
        return Arrays.copyOf(out, kept);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
