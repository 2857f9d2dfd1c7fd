package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.channel.ChannelTypes;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.smtp.SmtpChannel;
import dev.herald.channel.smtp.SmtpProvider;
import dev.herald.delivery.SignedLinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Email over TLS with a login, against an SMTP peer on the loopback that speaks STARTTLS (RFC 3207)
 * or TLS from the first byte, and takes mail only from a client that logged in over TLS: what
 * arrives came encrypted and authenticated, a wrong password or an untrusted certificate sends
 * nothing, and a relay that does not offer STARTTLS is never sent to in clear.
 */
class SmtpTlsIT {

    @TempDir
    static Path workspace;
    static SSLContext serverTls;

    @BeforeAll
    static void certificate() throws Exception {
        SelfSigned tls = SelfSigned.localhost();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(tls.keyStore(), "test".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        Files.writeString(workspace.resolve("ca.pem"), tls.certificatePem());
    }

    static OutboundMessage mail(long id, String to) {
        return new OutboundMessage(id, 5, ChannelTypes.of(ChannelTypes.EMAIL), to, Map.of("subject", "Hello", "body", "Hello Ann"));
    }

    static SmtpChannel channel(String url) {
        return new SmtpChannel(SmtpProvider.parse(url, workspace), new SignedLinks("https://t.shop.example", new byte[32]), null);
    }

    @Test
    void starttls_then_login_then_the_message() throws Exception {
        try (SmtpPeer peer = SmtpPeer.secured(serverTls, false, "news@shop.example", "p@ss:w/rd");
             SmtpChannel smtp = channel("smtp://news%40shop.example:p%40ss%3Aw%2Frd@localhost:" + peer.port()
                     + "?tls=starttls&from=news@shop.example&ca=ca.pem")) {
            assertThat(smtp.send(List.of(mail(1, "ann@example.com"), mail(2, "bob@example.com"))))
                    .allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
            assertThat(peer.received()).hasSize(2).allSatisfy(r -> {
                assertThat(r.tls()).as("over TLS").isTrue();
                assertThat(r.user()).isEqualTo("news@shop.example");
            });
        }
    }

    @Test
    void implicit_tls_then_login_then_the_message() throws Exception {
        try (SmtpPeer peer = SmtpPeer.secured(serverTls, true, "news", "s3cret");
             SmtpChannel smtp = channel("smtps://news:s3cret@localhost:" + peer.port() + "?from=news@shop.example&ca=ca.pem")) {
            assertThat(smtp.send(List.of(mail(1, "ann@example.com")))).singleElement().isInstanceOf(SendResult.Sent.class);
            assertThat(peer.received()).singleElement().satisfies(r -> assertThat(r.tls()).isTrue());
        }
    }

    @Test
    void a_wrong_password_sends_nothing_and_says_so_without_the_password() {
        try (SmtpPeer peer = SmtpPeer.secured(serverTls, false, "news", "s3cret");
             SmtpChannel smtp = channel("smtp://news:wrong-one@localhost:" + peer.port() + "?tls=starttls&from=news@shop.example&ca=ca.pem")) {
            assertThatThrownBy(() -> smtp.send(List.of(mail(1, "ann@example.com")))).isInstanceOf(ChannelUnavailableException.class)
                    .hasMessageContaining("news:***@localhost").satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-one"));
            assertThat(peer.received()).isEmpty();
        }
    }

    @Test
    void a_certificate_nobody_vouches_for_sends_nothing() {
        try (SmtpPeer peer = SmtpPeer.secured(serverTls, false, "news", "s3cret");
             SmtpChannel smtp = channel("smtp://news:s3cret@localhost:" + peer.port() + "?tls=starttls&from=news@shop.example")) {
            assertThatThrownBy(() -> smtp.send(List.of(mail(1, "ann@example.com")))).isInstanceOf(ChannelUnavailableException.class);
            assertThat(peer.received()).isEmpty();
        }
    }

    @Test
    void a_relay_that_offers_no_starttls_is_never_sent_to_in_clear() {
        try (SmtpPeer plain = new SmtpPeer();
             SmtpChannel smtp = channel("smtp://news:s3cret@localhost:" + plain.port() + "?tls=starttls&from=news@shop.example&ca=ca.pem")) {
            assertThatThrownBy(() -> smtp.send(List.of(mail(1, "ann@example.com")))).isInstanceOf(ChannelUnavailableException.class)
                    .hasMessageContaining("STARTTLS");
            assertThat(plain.received()).isEmpty();
        }
    }
}
