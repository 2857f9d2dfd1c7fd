package dev.herald.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links a message carries back to Herald — its unsubscribe link, its open pixel and its tracked
 * links — signed, so that nobody can unsubscribe someone else by changing a number, and a click
 * redirect goes only to a URL that was in the message: {@code BASE/u/TOKEN}, {@code BASE/o/TOKEN},
 * {@code BASE/c/TOKEN}. A token holds the signing key's id, the kind of link, the message's id, and
 * for a click the link's number and its URL, then the first 16 bytes of their HMAC-SHA256 with that
 * key, in URL-safe base64. Keys rotate: links are signed with the newest key, and a token signed with
 * any key still known is read ({@link #read}).
 */
public final class SignedLinks {

    /** The kinds of link, each with the path it is served under. */
    public enum Kind {
        UNSUBSCRIBE("u"), OPEN("o"), CLICK("c"), VIEW("v");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** What a link's token says: its kind, its message, and for a click the link's number (from 1; 0 is the hidden honeypot link) and URL. */
    public record Token(Kind kind, int keyId, long messageId, int link, String url) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int SIGNATURE_BYTES = 16;
    /** The longest token read: a click's URL of 8 KiB, base64. */
    private static final int MAX_TOKEN = 11_000;

    private final String baseUrl;
    /**
     * Key id → a MAC initialised with that key, cloned for each use (cheaper than looking one up and
     * initialising it); replaced whole when the keys are read again after a rotation.
     */
    private volatile TreeMap<Integer, Mac> keys;

    /** Links signed with the one key {@code secret} (key id 1). */
    public SignedLinks(String baseUrl, byte[] secret) {
        this(baseUrl, Map.of(1, secret));
    }

    /** Links signed with the newest of {@code keys} (key id → secret); tokens of any of them are read. */
    public SignedLinks(String baseUrl, Map<Integer, byte[]> keys) {
        useKeys(keys);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * Signs with the newest of {@code keys} from now on, and reads tokens of any of them: a key
     * rotated by this process or another takes over without a restart.
     */
    public void useKeys(Map<Integer, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key");
        }
        TreeMap<Integer, Mac> macs = new TreeMap<>();
        keys.forEach((id, secret) -> {
            if (id < 1 || id > 255 || secret.length < 16) {
                throw new IllegalArgumentException("a key id from 1 to 255 and a secret of at least 16 bytes");
            }
            macs.put(id, mac(secret));
        });
        this.keys = macs;
    }

    /** The id of the key that signs. */
    public int signingKey() {
        return keys.lastKey();
    }

    /** Where the links point, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The token of a message's unsubscribe link. */
    public String unsubscribeToken(long messageId) {
        return token(Kind.UNSUBSCRIBE, messageId, 0, null);
    }

    /** The one-click unsubscribe URL of a message (RFC 8058); the same URL shows the unsubscribe page. */
    public String unsubscribeUrl(long messageId) {
        return url(Kind.UNSUBSCRIBE, unsubscribeToken(messageId));
    }

    /** The URL of the preference page of a message's recipient (its topics), under the unsubscribe token. */
    public String preferencesUrl(long messageId) {
        return baseUrl + "/p/" + unsubscribeToken(messageId);
    }

    /** The URL of the view-online mirror of a message: its HTML as the recipient got it. */
    public String viewUrl(long messageId) {
        return url(Kind.VIEW, token(Kind.VIEW, messageId, 0, null));
    }

    /** The URL of a message's open pixel. */
    public String openUrl(long messageId) {
        return url(Kind.OPEN, token(Kind.OPEN, messageId, 0, null));
    }

    /** The tracked form of the {@code link}-th link (from 1; 0 for the honeypot) of a message, redirecting to {@code target}. */
    public String clickUrl(long messageId, int link, String target) {
        return url(Kind.CLICK, token(Kind.CLICK, messageId, link, target));
    }

    /** Whether {@code url} is one of these links (a tracked link is not tracked again). */
    public boolean isOwn(String url) {
        return url.startsWith(baseUrl + "/");
    }

    /**
     * What a token of {@code kind} says, when its signature holds under a known key; empty for a
     * token changed, cut short, of another kind, or made with a key that is not known.
     */
    public Optional<Token> read(Kind kind, String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < 3 + SIGNATURE_BYTES || !ENCODER.encodeToString(raw).equals(token)) { // one spelling per token: no spare bits changed
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(raw, raw.length - SIGNATURE_BYTES);
        Mac key = keys.get(payload[0] & 0xff);
        if (key == null || payload[1] != kind.path().charAt(0)
                || !MessageDigest.isEqual(sign(key, payload), Arrays.copyOfRange(raw, payload.length, raw.length))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(payload, 2, payload.length - 2);
        long messageId = varint(b);
        if (kind != Kind.CLICK) {
            return b.hasRemaining() || messageId < 0 ? Optional.empty() : Optional.of(new Token(kind, payload[0] & 0xff, messageId, 0, null));
        }
        long link = varint(b);
        if (messageId < 0 || link < 0 || link > 65_535) {
            return Optional.empty();
        }
        try {
            String url = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(b).toString();
            return Optional.of(new Token(kind, payload[0] & 0xff, messageId, (int) link, url));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private String url(Kind kind, String token) {
        return baseUrl + "/" + kind.path() + "/" + token;
    }

    private String token(Kind kind, long messageId, int link, String target) {
        TreeMap<Integer, Mac> keys = this.keys;
        int keyId = keys.lastKey();
        ByteArrayOutputStream payload = new ByteArrayOutputStream(32);
        payload.write(keyId);
        payload.write(kind.path().charAt(0));
        varint(payload, messageId);
        if (kind == Kind.CLICK) {
            varint(payload, link);
            payload.writeBytes(target.getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = payload.toByteArray();
        byte[] signature = sign(keys.get(keyId), bytes);
        return ENCODER.encodeToString(ByteBuffer.allocate(bytes.length + SIGNATURE_BYTES).put(bytes).put(signature).array());
    }

    /** Unsigned LEB128: message ids are large, link numbers small. */
    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** The varint at {@code b}'s position, or -1 when it is cut short or too long. */
    private static long varint(ByteBuffer b) {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            if (!b.hasRemaining()) {
                return -1;
            }
            byte next = b.get();
            value |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        return -1;
    }

    private static byte[] sign(Mac key, byte[] payload) {
        Mac mac;
        try {
            mac = (Mac) key.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", e);
        }
        return Arrays.copyOf(mac.doFinal(payload), SIGNATURE_BYTES);
    }

    private static Mac mac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
