package dev.herald.delivery;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links a message carries back to Herald — today its unsubscribe link — signed, so that nobody
 * can unsubscribe someone else by changing a number: {@code BASE/u/TOKEN}, where the token holds the
 * delivery's and the message's ids and the first 16 bytes of their HMAC-SHA256 with the store's
 * secret, in URL-safe base64. The server checks a token with {@link #unsubscribed}.
 */
public final class SignedLinks {

    /** The message a link was made for. */
    public record MessageRef(long deliveryId, long messageId) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int SIGNATURE_BYTES = 16;

    private final String baseUrl;
    private final byte[] secret;

    public SignedLinks(String baseUrl, byte[] secret) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.secret = secret.clone();
    }

    /** The token of a message's unsubscribe link. */
    public String unsubscribeToken(long deliveryId, long messageId) {
        byte[] ids = ByteBuffer.allocate(16).putLong(deliveryId).putLong(messageId).array();
        byte[] token = ByteBuffer.allocate(16 + SIGNATURE_BYTES).put(ids).put(sign(ids)).array();
        return ENCODER.encodeToString(token);
    }

    /** The one-click unsubscribe URL of a message (RFC 8058). */
    public String unsubscribeUrl(long deliveryId, long messageId) {
        return baseUrl + "/u/" + unsubscribeToken(deliveryId, messageId);
    }

    /** The message a token was made for, when its signature holds; empty for a token changed or made with another secret. */
    public Optional<MessageRef> unsubscribed(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != 16 + SIGNATURE_BYTES) {
            return Optional.empty();
        }
        byte[] ids = Arrays.copyOf(raw, 16);
        if (!MessageDigest.isEqual(sign(ids), Arrays.copyOfRange(raw, 16, raw.length))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(ids);
        return Optional.of(new MessageRef(b.getLong(), b.getLong()));
    }

    private byte[] sign(byte[] ids) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update("unsubscribe:".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return Arrays.copyOf(mac.doFinal(ids), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
