package dev.herald.channel.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushProviderTest {

    @TempDir
    Path workspace;

    @TempDir
    Path elsewhere;

    @BeforeEach
    void keys() throws Exception {
        Files.createDirectories(workspace.resolve("secrets"));
        Files.writeString(workspace.resolve("secrets/AuthKey.p8"), pem("EC", 256));
        Files.writeString(workspace.resolve("secrets/firebase.json"), """
                {"type": "service_account", "project_id": "shop-app", "private_key_id": "k1",
                 "private_key": "%s", "client_email": "herald@shop-app.iam.gserviceaccount.com",
                 "token_uri": "https://oauth2.googleapis.com/token"}
                """.formatted(pem("RSA", 2048).replace("\n", "\\n")));
    }

    private static String pem(String algorithm, int size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(size);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void both_services_with_their_defaults() {
        PushProvider p = PushProvider.parse("fcm://?credentials=secrets/firebase.json "
                + "apns://?team=TEAM123456&key_id=KEY1234567&key=secrets/AuthKey.p8&topic=com.example.shop&concurrency=4", workspace);

        assertThat(p.fcm().project()).as("from the key file").isEqualTo("shop-app");
        assertThat(p.fcm().endpoint()).hasToString("https://fcm.googleapis.com");
        assertThat(p.fcm().tokenUri()).hasToString("https://oauth2.googleapis.com/token");
        assertThat(p.fcm().settings().concurrency()).isEqualTo(16);
        assertThat(p.fcm().settings().ttl()).isEqualTo(Duration.ofDays(1));
        assertThat(p.apns().endpoint()).hasToString("https://api.push.apple.com:443");
        assertThat(p.apns().settings().concurrency()).isEqualTo(4);
        assertThat(p).hasToString("fcm://shop-app (as herald@shop-app.iam.gserviceaccount.com) and apns://api.push.apple.com:443 "
                + "(com.example.shop, key KEY1234567)");
    }

    @Test
    void a_key_file_outside_the_workspace_is_refused_before_it_is_read() throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("AuthKey.p8"), pem("EC", 256));
        String url = "apns://?team=T&key_id=K&topic=t&key=";

        assertThatThrownBy(() -> PushProvider.parse(url + outside, workspace)).isInstanceOf(UserError.class)
                .hasMessageContaining("providers.push").hasMessageContaining("outside the workspace");
        assertThatThrownBy(() -> PushProvider.parse(url + "../" + elsewhere.getFileName() + "/AuthKey.p8", workspace))
                .hasMessageContaining("outside the workspace");
        Files.createSymbolicLink(workspace.resolve("secrets/link.p8"), outside);
        assertThatThrownBy(() -> PushProvider.parse(url + "secrets/link.p8", workspace))
                .hasMessageContaining("a link to a file outside the workspace");
    }

    @Test
    void each_mistake_is_named() throws Exception {
        assertThatThrownBy(() -> PushProvider.parse("apns://?team=T&key_id=K&key=secrets/AuthKey.p8", workspace))
                .hasMessageContaining("it needs topic");
        Files.writeString(workspace.resolve("secrets/notes.txt"), "the key is in the safe");
        assertThatThrownBy(() -> PushProvider.parse("apns://?team=T&key_id=K&key=secrets/notes.txt&topic=t", workspace))
                .hasMessageContaining("its key file is wrong: it holds no PKCS #8 private key");
        assertThatThrownBy(() -> PushProvider.parse("apns://?team=T&key_id=K&key=secrets/none.p8&topic=t", workspace))
                .hasMessageContaining("which is not a file of the workspace");
        assertThatThrownBy(() -> PushProvider.parse("fcm://p", workspace)).hasMessageContaining("it needs the service account's key file");
        assertThatThrownBy(() -> PushProvider.parse("fcm://p?credentials=secrets/AuthKey.p8", workspace))
                .hasMessageContaining("its credentials file is not JSON");
        assertThatThrownBy(() -> PushProvider.parse("fcm://p?credentials=secrets/firebase.json&endpoint=http://fcm.local", workspace))
                .hasMessageContaining("not an https URL: http://fcm.local");
        assertThatThrownBy(() -> PushProvider.parse("gcm://p", workspace)).hasMessageContaining("an fcm:// or apns:// URL");
        assertThatThrownBy(() -> PushProvider.parse("fcm://p?credentials=secrets/firebase.json&colour=red", workspace))
                .hasMessageContaining("unknown option 'colour'");
        assertThatThrownBy(() -> PushProvider.parse("fcm://a?credentials=secrets/firebase.json fcm://b?credentials=secrets/firebase.json",
                workspace)).hasMessageContaining("one fcm:// URL at most");
    }

    @Test
    void apple_tokens_are_hex() {
        assertThat(ApnsService.isDeviceToken("0a1B".repeat(16))).isTrue();
        assertThat(ApnsService.isDeviceToken("cAnn1:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx")).isFalse();
        assertThat(ApnsService.isDeviceToken("0a1b/../x")).isFalse();
    }
}
