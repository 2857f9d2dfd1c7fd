package dev.herald.testkit.channel;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.ParsingMockApnsServerListenerAdapter;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local APNs: pushy's mock server over HTTP/2 and TLS, validating each provider token's ES256
 * signature against the team's key, the topic, and the device token — registered, removed (410) or
 * unknown — exactly as Apple answers.
 */
final class ApnsPeer implements AutoCloseable {

    static final String TEAM = "TEAM123456";
    static final String KEY_ID = "KEY1234567";
    static final String TOPIC = "com.example.shop";

    final KeyPair signingKey;
    final List<ApnsPushNotification> accepted = new CopyOnWriteArrayList<>();
    final List<String> rejected = new CopyOnWriteArrayList<>();
    private final MockApnsServer server;
    private final int port;

    /**
     * @param devices the device tokens of the app
     * @param removed those of them whose app was removed, and when
     */
    ApnsPeer(SelfSigned tls, Set<String> devices, Map<String, Instant> removed) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        signingKey = generator.generateKeyPair();
        ApnsVerificationKey verification = new ApnsVerificationKey(KEY_ID, TEAM, (ECPublicKey) signingKey.getPublic());
        server = new MockApnsServerBuilder()
                .setServerCredentials(new java.security.cert.X509Certificate[] {tls.certificate()}, tls.keys().getPrivate(), null)
                .setUseAlpn(true)
                .setHandlerFactory(new ValidatingPushNotificationHandlerFactory(Map.of(TOPIC, devices), removed,
                        Map.of(KEY_ID, verification), Map.of(verification, Set.of(TOPIC))))
                .setListener(new ParsingMockApnsServerListenerAdapter() {
                    @Override
                    public void handlePushNotificationAccepted(ApnsPushNotification notification) {
                        accepted.add(notification);
                    }

                    @Override
                    public void handlePushNotificationRejected(ApnsPushNotification notification, RejectionReason reason, Instant timestamp) {
                        rejected.add(notification.getToken() + " " + reason);
                    }
                })
                .build();
        port = (Integer) server.start(0).get();
    }

    int port() {
        return port;
    }

    /** The team's .p8 key, as Apple hands it out. */
    String keyPem() {
        return SelfSigned.privateKeyPem(signingKey.getPrivate());
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get();
    }
}
