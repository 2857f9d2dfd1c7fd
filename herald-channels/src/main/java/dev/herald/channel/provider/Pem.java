package dev.herald.channel.provider;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Keys and certificates in PEM, the form providers hand them out in (an APNs .p8 key, a service account's key). */
public final class Pem {

    private Pem() {
    }

    /**
     * The PKCS #8 private key ({@code -----BEGIN PRIVATE KEY-----}) of {@code algorithm} ({@code EC},
     * {@code RSA}) in {@code pem}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static PrivateKey privateKey(String pem, String algorithm) {
        if (pem == null || !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("it holds no PKCS #8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27);
        int end = base64.indexOf("-----END PRIVATE KEY-----");
        if (end < 0) {
            throw new IllegalArgumentException("its private key has no -----END PRIVATE KEY----- line");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.substring(0, end));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("its private key is not a valid " + algorithm + " key (" + e.getMessage() + ")");
        }
    }

    /**
     * A TLS context that trusts the certificates of {@code pem} and no other — for a provider behind
     * a private certificate authority, or a test server.
     */
    public static SSLContext trusting(String pem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("it holds no certificate (-----BEGIN CERTIFICATE-----)");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate c : certificates) {
                trusted.setCertificateEntry("ca-" + n++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("its certificates cannot be read (" + e.getMessage() + ")");
        }
    }
}
