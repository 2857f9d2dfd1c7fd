package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.channel.ChannelTypes;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.smtp.SmtpChannel;
import dev.herald.channel.smtp.SmtpProvider;
import dev.herald.delivery.SignedLinks;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DKIM signatures as a receiver checks them: every message the SMTP channel sends with a DKIM key
 * is verified by dkimpy (Debian's python3-dkim, an implementation that is not Herald's), with the
 * public key it would find in DNS — RSA and Ed25519 — and fails once a signed header is changed.
 */
class DkimIT {

    private static final SignedLinks LINKS = new SignedLinks("https://t.shop.example", "0123456789abcdef0123456789abcdef".getBytes());
    private static final String VERIFY = """
            import sys, dkim
            message = open(sys.argv[1], 'rb').read()
            record = open(sys.argv[2], 'rb').read()
            print(dkim.verify(message, dnsfunc=lambda name, timeout=5: record if name == b's1._domainkey.shop.example.' else None))
            """;

    @TempDir
    Path dir;

    private static OutboundMessage email(long id, String subject, String body) {
        return new OutboundMessage(id, 7, ChannelTypes.of(ChannelTypes.EMAIL), "ann@example.com", Map.of("subject", subject, "body", body));
    }

    /** What dkimpy says of {@code message} with {@code record} as the selector's DNS TXT record: True or False. */
    private String verify(String message, String record) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        assertThat(python).as("Debian's python3 with python3-dkim and python3-nacl (apt-get install python3-dkim python3-nacl)").exists();
        Path m = Files.writeString(dir.resolve("message.eml"), message);
        Path r = Files.writeString(dir.resolve("record.txt"), record);
        Path script = Files.writeString(dir.resolve("verify.py"), VERIFY);
        Process p = new ProcessBuilder(python.toString(), script.toString(), m.toString(), r.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "Ed25519"})
    void every_message_verifies_and_a_changed_header_does_not(String kind) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(kind);
        if (kind.equals("RSA")) {
            generator.initialize(2048);
        }
        KeyPair keys = generator.generateKeyPair();
        String privateKey = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
        byte[] spki = keys.getPublic().getEncoded();
        String record = kind.equals("RSA") ? "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(spki)
                : "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        try (SmtpPeer peer = new SmtpPeer()) {
            SmtpProvider provider = SmtpProvider.parse(peer.url("news@shop.example") + "&dkim_selector=s1&dkim_key="
                    + URLEncoder.encode(privateKey, StandardCharsets.UTF_8));
            assertThat(provider.toString()).contains("DKIM s1._domainkey.shop.example").doesNotContain(privateKey.substring(0, 20));
            try (SmtpChannel smtp = new SmtpChannel(provider, LINKS, "unsubscribe@shop.example")) {
                List<SendResult> results = smtp.send(List.of(
                        email(1, "Hello Ann", "Hello Ann,\nsee you soon.\n"),
                        email(2, "Ann, nos idées d'automne 🍂 pour vous, avec une longue ligne d'objet qui sera pliée en plusieurs mots",
                                "<p>Hello   Ann,\t trailing spaces   \n\n<a href=\"https://shop.example/x\">x</a></p>\n\n\n"),
                        email(3, "Long lines", "<p>" + "word ".repeat(400) + "</p>"),
                        email(4, "Empty", "")));
                assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
            }
            List<SmtpPeer.Received> got = peer.received();
            assertThat(got).hasSize(4);
            for (SmtpPeer.Received r : got) {
                String signature = r.data().substring(0, r.data().indexOf("\r\nDate:"));
                assertThat(signature.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
                assertThat(signature.replace("\r\n ", " ")).startsWith("DKIM-Signature: v=1; a=" + (kind.equals("RSA") ? "rsa-sha256" : "ed25519-sha256"))
                        .contains("d=shop.example; s=s1;");
                assertThat(signature.replace("\r\n ", "")).contains("h=Date:From:To:Message-ID:Subject:List-Unsubscribe:List-Unsubscribe-Post:"
                        + "MIME-Version:Feedback-ID:Content-Type:Content-Transfer-Encoding:From;");
                assertThat(verify(r.data(), record)).as(r.data()).isEqualTo("True");
            }
            String tampered = got.get(0).data().replace("Subject: Hello Ann", "Subject: Hello Bob");
            assertThat(verify(tampered, record)).isEqualTo("False");
            String otherBody = got.get(0).data().replace("see you soon.", "see you later.");
            assertThat(verify(otherBody, record)).isEqualTo("False");
        }
    }

    @Test
    void a_key_that_is_not_one_is_refused_with_the_setting_and_never_printed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpProvider.parse(
                        "smtp://relay?from=a@shop.example&dkim_selector=s1&dkim_key=bm90IGEga2V5IGF0IGFsbA"))
                .hasMessageContaining("providers.email")
                .hasMessageContaining("the DKIM key is neither an RSA nor an Ed25519 PKCS#8 private key")
                .hasMessageNotContaining("bm90IGEga2V5IGF0IGFsbA");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpProvider.parse("smtp://relay?from=a@shop.example&dkim_selector=s1"))
                .hasMessageContaining("DKIM needs dkim_selector and dkim_key");
    }
}
