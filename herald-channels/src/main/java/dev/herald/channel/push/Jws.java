package dev.herald.channel.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * A signed JSON Web Token in compact form (RFC 7515/7519): what APNs takes as its provider token
 * (ES256) and Google's token endpoint as a service account's assertion (RS256).
 */
final class Jws {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Jws() {
    }

    /** An RS256 token: {@code header.claims.signature}, signed with {@code key}. */
    static String rs256(String keyId, Map<String, Object> claims, PrivateKey key) {
        return sign("RS256", "SHA256withRSA", keyId, claims, key);
    }

    /**
     * An ES256 token whose signature is DER-encoded, as APNs provider tokens are made by pushy, the
     * most used Java APNs client, and checked by its mock server. Apple takes this form as well as
     * JWS's plain {@code r ‖ s}.
     */
    static String es256Der(String keyId, Map<String, Object> claims, PrivateKey key) {
        return sign("ES256", "SHA256withECDSA", keyId, claims, key);
    }

    private static String sign(String algorithm, String jca, String keyId, Map<String, Object> claims, PrivateKey key) {
        try {
            String signingInput = part(Map.of("alg", algorithm, "kid", keyId, "typ", "JWT")) + "." + part(claims);
            Signature signature = Signature.getInstance(jca);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot sign a " + algorithm + " token: " + e.getMessage(), e);
        }
    }

    private static String part(Map<String, Object> json) throws com.fasterxml.jackson.core.JsonProcessingException {
        return URL.encodeToString(JSON.writeValueAsBytes(json));
    }
}
