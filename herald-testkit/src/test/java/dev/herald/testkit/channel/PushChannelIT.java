package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.channel.Bounce;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.push.PushChannel;
import dev.herald.channel.push.PushProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push notifications over HTTP/2 to a local APNs (pushy's validating mock server) and a local FCM
 * (its token and send endpoints): what each service is sent, and what Herald makes of its answers.
 */
class PushChannelIT {

    static final String IPHONE = "a".repeat(64);
    static final String OLD_IPHONE = "b".repeat(64);
    static final String UNKNOWN_IPHONE = "c".repeat(64);
    static final String ANDROID = "fGcm1:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx";
    static final String OLD_ANDROID = "eOld2:APA91bE7p0wYq9zLCrBFX0d3oHcE-2NsLk";

    static SelfSigned tls;
    static ApnsPeer apns;
    static FcmPeer fcm;
    static final Instant REMOVED = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    static Path workspace;

    @BeforeAll
    static void start() throws Exception {
        tls = SelfSigned.localhost();
        apns = new ApnsPeer(tls, Set.of(IPHONE, OLD_IPHONE), Map.of(OLD_IPHONE, REMOVED));
        fcm = new FcmPeer(tls, Set.of(OLD_ANDROID));
        Files.createDirectories(workspace.resolve("secrets"));
        Files.writeString(workspace.resolve("secrets/AuthKey.p8"), apns.keyPem());
        Files.writeString(workspace.resolve("secrets/firebase.json"), fcm.credentials());
        Files.writeString(workspace.resolve("secrets/ca.pem"), tls.certificatePem());
    }

    @AfterAll
    static void stop() throws Exception {
        apns.close();
        fcm.close();
    }

    static String apnsUrl(String key) {
        return "apns://localhost:" + apns.port() + "?team=" + ApnsPeer.TEAM + "&key_id=" + ApnsPeer.KEY_ID + "&key=" + key
                + "&topic=" + ApnsPeer.TOPIC + "&ca=secrets/ca.pem&ttl=3600";
    }

    static String fcmUrl(String options) {
        return "fcm://" + FcmPeer.PROJECT + "?credentials=secrets/firebase.json&endpoint=https://localhost:" + fcm.port() + "&ca=secrets/ca.pem" + options;
    }

    static OutboundMessage push(long id, String token) {
        return new OutboundMessage(id, 7, ChannelTypes.of(ChannelTypes.PUSH), token,
                Map.of("title", "Ann, your \"basket\" misses you", "body", "20 % off until Sunday 🛒"));
    }

    @Test
    void apns_takes_a_signed_alert_for_a_registered_device_and_bounces_removed_and_unknown_ones() throws Exception {
        apns.accepted.clear();
        Instant before = Instant.now();
        try (PushChannel channel = new PushChannel(PushProvider.parse(apnsUrl("secrets/AuthKey.p8"), workspace))) {
            List<SendResult> results = channel.send(List.of(push(1, IPHONE), push(2, OLD_IPHONE), push(3, UNKNOWN_IPHONE), push(4, "not-a-token")));

            assertThat(results.get(0)).isInstanceOf(SendResult.Sent.class);
            assertThat(((SendResult.Sent) results.get(0)).providerId()).isNotBlank();
            assertThat(results.get(1)).isEqualTo(new SendResult.Failed("APNs answered 410 Unregistered (the app is no longer on that device)", Bounce.HARD));
            assertThat(results.get(2)).isEqualTo(new SendResult.Failed("APNs answered 400 DeviceTokenNotForTopic", Bounce.HARD));
            assertThat(results.get(3)).isEqualTo(new SendResult.Failed("not an APNs device token (hex digits): 'not-a-token'", Bounce.HARD));
        }
        assertThat(apns.accepted).hasSize(1);
        ApnsPushNotification n = apns.accepted.get(0);
        assertThat(n.getToken()).isEqualTo(IPHONE);
        assertThat(n.getTopic()).isEqualTo(ApnsPeer.TOPIC);
        assertThat(n.getPushType()).isEqualTo(PushType.ALERT);
        assertThat(n.getPriority()).isEqualTo(DeliveryPriority.IMMEDIATE);
        assertThat(n.getCollapseId()).isEqualTo("herald-7-1");
        assertThat(n.getExpiration()).isBetween(before.plusSeconds(3599), Instant.now().plusSeconds(3601));
        JsonNode payload = new ObjectMapper().readTree(n.getPayload());
        assertThat(payload.at("/aps/alert/title").asText()).isEqualTo("Ann, your \"basket\" misses you");
        assertThat(payload.at("/aps/alert/body").asText()).isEqualTo("20 % off until Sunday 🛒");
        assertThat(payload.at("/herald/message").asLong()).isEqualTo(1);
    }

    @Test
    void a_key_apple_does_not_know_defers_the_whole_batch_and_sends_nothing() throws Exception {
        apns.accepted.clear();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        Files.writeString(workspace.resolve("secrets/Other.p8"), SelfSigned.privateKeyPem(generator.generateKeyPair().getPrivate()));
        try (PushChannel channel = new PushChannel(PushProvider.parse(apnsUrl("secrets/Other.p8"), workspace))) {
            List<SendResult> results = channel.send(List.of(push(1, IPHONE), push(2, IPHONE)));

            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Deferred.class));
            assertThat(((SendResult.Deferred) results.get(1)).reason())
                    .isEqualTo("APNs answered 403 InvalidProviderToken: check team, key_id and key of providers.push");
        }
        assertThat(apns.accepted).isEmpty();
    }

    @Test
    void fcm_takes_notifications_over_http2_with_one_access_token_and_bounces_removed_and_invalid_tokens() throws Exception {
        fcm.accepted.clear();
        fcm.protocols.clear();
        int tokens = fcm.tokensIssued.get();
        try (PushChannel channel = new PushChannel(PushProvider.parse(fcmUrl(""), workspace))) {
            List<SendResult> results = channel.send(List.of(push(1, ANDROID), push(2, OLD_ANDROID), push(3, "short"), push(4, ANDROID)));

            assertThat(results.get(0)).isEqualTo(new SendResult.Sent("projects/shop-app/messages/0:1"));
            assertThat(results.get(1)).isEqualTo(new SendResult.Failed("FCM answered 404 UNREGISTERED: Requested entity was not found.", Bounce.HARD));
            assertThat(results.get(2)).isEqualTo(new SendResult.Failed(
                    "FCM answered 400 INVALID_ARGUMENT: The registration token is not a valid FCM registration token", Bounce.HARD));
            assertThat(results.get(3)).isInstanceOf(SendResult.Sent.class);
        }
        assertThat(fcm.tokensIssued.get() - tokens).as("one access token for the batch").isEqualTo(1);
        assertThat(fcm.protocols).isNotEmpty().containsOnly("HTTP/2.0");
        JsonNode m = fcm.accepted.get(0);
        assertThat(m.path("token").asText()).isEqualTo(ANDROID);
        assertThat(m.at("/notification/title").asText()).isEqualTo("Ann, your \"basket\" misses you");
        assertThat(m.at("/notification/body").asText()).isEqualTo("20 % off until Sunday 🛒");
        assertThat(m.at("/data/herald_message").asText()).isEqualTo("1");
        assertThat(m.at("/android/notification/tag").asText()).isEqualTo("herald-7-1");
        assertThat(m.at("/android/ttl").asText()).isEqualTo("86400s");
        assertThat(m.at("/apns/headers/apns-collapse-id").asText()).isEqualTo("herald-7-1");
    }

    @Test
    void fcm_gets_a_new_access_token_when_the_old_one_is_refused() throws Exception {
        try (PushChannel channel = new PushChannel(PushProvider.parse(fcmUrl(""), workspace))) {
            assertThat(channel.send(List.of(push(1, ANDROID)))).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
            int tokens = fcm.tokensIssued.get();
            fcm.expireAccessTokens();

            assertThat(channel.send(List.of(push(2, ANDROID)))).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
            assertThat(fcm.tokensIssued.get()).isEqualTo(tokens + 1);
        }
    }

    @Test
    void fcm_unavailable_is_tried_again_then_the_message_stays_pending() throws Exception {
        try (PushChannel channel = new PushChannel(PushProvider.parse(fcmUrl("&attempts=2"), workspace))) {
            fcm.unavailable.set(1);
            assertThat(channel.send(List.of(push(1, ANDROID)))).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));

            fcm.unavailable.set(2);
            assertThat(channel.send(List.of(push(2, ANDROID)))).containsExactly(new SendResult.Deferred(
                    "FCM answered 503 UNAVAILABLE: The service is currently unavailable. (after 2 attempts)"));
        } finally {
            fcm.unavailable.set(0);
        }
    }

    @Test
    void with_both_services_apple_tokens_go_to_apns_and_the_rest_to_fcm() throws Exception {
        apns.accepted.clear();
        fcm.accepted.clear();
        try (PushChannel channel = new PushChannel(PushProvider.parse(fcmUrl("") + " " + apnsUrl("secrets/AuthKey.p8"), workspace))) {
            assertThat(channel.send(List.of(push(1, IPHONE), push(2, ANDROID))))
                    .allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
        }
        assertThat(apns.accepted).extracting(ApnsPushNotification::getToken).containsExactly(IPHONE);
        assertThat(fcm.accepted).extracting(m -> m.path("token").asText()).containsExactly(ANDROID);
    }

    @Test
    void nobody_listening_defers_the_message() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "apns://localhost:" + closed + "?team=T&key_id=K&key=secrets/AuthKey.p8&topic=t&attempts=1&timeout=2";
        try (PushChannel channel = new PushChannel(PushProvider.parse(url, workspace))) {
            assertThat(channel.send(List.of(push(1, IPHONE)))).singleElement()
                    .isInstanceOfSatisfying(SendResult.Deferred.class, d -> assertThat(d.reason()).startsWith("no answer from APNs localhost"));
        }
    }
}
