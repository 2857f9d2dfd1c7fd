package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.smtp.SmtpChannel;
import dev.herald.channel.smtp.SmtpProvider;
import dev.herald.delivery.SignedLinks;
import dev.herald.delivery.run.DeliveryPipeline;
import dev.herald.delivery.run.PendingMessage;
import dev.herald.delivery.run.PendingMessages;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Email over SMTP, against real SMTP servers on the loopback: GreenMail (a full server, which
 * parses what it receives) for the MIME message, and {@link SmtpPeer} for what a relay answers.
 */
class SmtpChannelIT {

    private static final SignedLinks LINKS = new SignedLinks("https://t.shop.example", new byte[32]);

    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private static OutboundMessage email(long id, String address, String subject, String body) {
        return new OutboundMessage(id, 7, ChannelTypes.of(ChannelTypes.EMAIL), address, Map.of("subject", subject, "body", body));
    }

    @Test
    void the_relay_rate_spaces_the_messages_of_every_connection() throws Exception {
        try (SmtpPeer peer = new SmtpPeer();
             SmtpChannel smtp = new SmtpChannel(SmtpProvider.parse(peer.url("news@shop.example") + "&rate=20&connections=2"), LINKS, null)) {
            long started = System.nanoTime();
            Thread other = Thread.ofVirtual().start(() -> {
                try {
                    smtp.send(java.util.stream.IntStream.range(0, 5).mapToObj(i -> email(100 + i, "b" + i + "@example.com", "Hi", "Hi")).toList());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            smtp.send(java.util.stream.IntStream.range(0, 5).mapToObj(i -> email(i, "a" + i + "@example.com", "Hi", "Hi")).toList());
            other.join();
            // 10 messages at 20 a second over two connections: the last leaves 450 ms after the first
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(440);
            assertThat(peer.received()).hasSize(10);
        }
    }

    @Test
    void each_message_is_a_mime_message_with_its_stable_id_a_utf8_subject_and_an_html_or_text_body() throws Exception {
        SmtpProvider provider = SmtpProvider.parse("smtp://127.0.0.1:" + greenMail.getSmtp().getPort() + "?from=news@shop.example");
        List<SendResult> results;
        try (SmtpChannel smtp = new SmtpChannel(provider, LINKS, "unsubscribe@shop.example")) {
            results = smtp.send(List.of(
                    email(1, "lea@example.com", "Café ☕ for Léa", "<p>Hello L\u00e9a, <a href=\"https://shop.example\">shop</a></p>"),
                    email(2, "tom@example.com", "Plain", "Hello Tom,\nsee you.")));
        }
        assertThat(results).containsExactly(new SendResult.Sent("<herald.7.1@shop.example>"), new SendResult.Sent("<herald.7.2@shop.example>"));
        MimeMessage[] got = greenMail.getReceivedMessages();
        assertThat(got).hasSize(2);
        MimeMessage html = got[0].getAllRecipients()[0].toString().equals("lea@example.com") ? got[0] : got[1];
        MimeMessage text = html == got[0] ? got[1] : got[0];
        assertThat(html.getMessageID()).isEqualTo("<herald.7.1@shop.example>");
        assertThat(html.getSubject()).isEqualTo("Café ☕ for Léa");
        assertThat(html.getHeader("Subject")[0]).startsWith("=?UTF-8?"); // RFC 2047: the header itself is ASCII
        assertThat(html.getFrom()[0].toString()).isEqualTo("news@shop.example");
        assertThat(html.getHeader("Date")).isNotNull();
        assertThat(html.getHeader("Feedback-ID")[0]).isEqualTo("7:herald");
        String token = LINKS.unsubscribeToken(1);
        assertThat(html.getHeader("List-Unsubscribe")[0].replaceAll("\\s+", " ")).isEqualTo("<https://t.shop.example/u/" + token
                + ">, <mailto:unsubscribe@shop.example?subject=unsubscribe%20" + token + ">");
        assertThat(LINKS.read(SignedLinks.Kind.UNSUBSCRIBE, token)).hasValueSatisfying(t -> assertThat(t.messageId()).isEqualTo(1));
        assertThat(html.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(html.getContent().toString().strip()).isEqualTo("<p>Hello Léa, <a href=\"https://shop.example\">shop</a></p>");
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(text.getContent().toString().replace("\r\n", "\n").strip()).isEqualTo("Hello Tom,\nsee you.");
    }

    @Test
    void the_relays_answer_decides_each_message_and_one_connection_serves_every_batch() throws Exception {
        try (SmtpPeer peer = new SmtpPeer()) {
            peer.answerRecipients(address -> switch (address.substring(0, address.indexOf('@'))) {
                case "busy" -> "450 4.2.1 mailbox busy, try later";
                case "gone" -> "550 5.1.1 no such user";
                default -> null;
            });
            try (SmtpChannel smtp = new SmtpChannel(SmtpProvider.parse(peer.url("news@shop.example")), LINKS, null)) {
                List<SendResult> first = smtp.send(List.of(email(1, "a@example.com", "Hi", "A"), email(2, "busy@example.com", "Hi", "B"),
                        email(3, "gone@example.com", "Hi", "C"), email(4, "not an address", "Hi", "D"), email(5, "e@example.com", "Hi", "E")));
                assertThat(first.get(0)).isEqualTo(new SendResult.Sent("<herald.7.1@shop.example>"));
                assertThat(first.get(1)).isInstanceOf(SendResult.Deferred.class);
                assertThat(((SendResult.Deferred) first.get(1)).reason()).isEqualTo("127.0.0.1 asked to try again later: 450 4.2.1 mailbox busy, try later");
                assertThat(first.get(2)).isEqualTo(new SendResult.Failed("refused by 127.0.0.1: 550 5.1.1 no such user", dev.herald.channel.Bounce.HARD));
                assertThat(first.get(3)).isInstanceOf(SendResult.Failed.class);
                assertThat(((SendResult.Failed) first.get(3)).reason()).startsWith("not an email address: ");
                assertThat(first.get(4)).isEqualTo(new SendResult.Sent("<herald.7.5@shop.example>"));
                assertThat(smtp.send(List.of(email(6, "f@example.com", "Hi", "F")))).containsExactly(new SendResult.Sent("<herald.7.6@shop.example>"));
            }
            assertThat(peer.received()).extracting(r -> r.recipients().get(0)).containsExactly("a@example.com", "e@example.com", "f@example.com");
            assertThat(peer.received().get(0).header("Message-ID")).isEqualTo("<herald.7.1@shop.example>");
            assertThat(peer.connections()).isEqualTo(1);
        }
    }

    @Test
    void pipelined_or_one_command_at_a_time_each_message_gets_its_own_answer_and_arrives_with_its_text_exactly() throws Exception {
        String text = "Dear Ann,\n.a line that starts with a dot\n..and two\n.\nthe end";
        List<OutboundMessage> batch = java.util.stream.LongStream.rangeClosed(1, 30).mapToObj(id -> email(id,
                (id % 5 == 0 ? "gone" : id % 7 == 0 ? "busy" : "p") + id + "@example.com", "Hi", text + " " + id)).toList();
        for (SmtpPeer peer : List.of(new SmtpPeer(), SmtpPeer.withoutPipelining())) {
            try (peer) {
                peer.answerRecipients(address -> address.startsWith("gone") ? "550 5.1.1 no such user"
                        : address.startsWith("busy") ? "450 4.2.1 mailbox busy" : null);
                List<SendResult> results;
                try (SmtpChannel smtp = new SmtpChannel(SmtpProvider.parse(peer.url("news@shop.example")), LINKS, null)) {
                    results = smtp.send(batch);
                }
                for (int i = 0; i < batch.size(); i++) {
                    long id = batch.get(i).id();
                    assertThat(results.get(i)).as("message " + id).isEqualTo(id % 5 == 0
                            ? new SendResult.Failed("refused by 127.0.0.1: 550 5.1.1 no such user", dev.herald.channel.Bounce.HARD)
                            : id % 7 == 0 ? new SendResult.Deferred("127.0.0.1 asked to try again later: 450 4.2.1 mailbox busy")
                            : new SendResult.Sent("<herald.7." + id + "@shop.example>"));
                }
                List<Long> accepted = batch.stream().map(OutboundMessage::id).filter(id -> id % 5 != 0 && id % 7 != 0).toList();
                assertThat(peer.received()).extracting(r -> r.recipients().get(0)).containsExactlyElementsOf(
                        accepted.stream().map(id -> "p" + id + "@example.com").toList());
                assertThat(peer.received()).allSatisfy(r -> assertThat(r.data().split("\r\n\r\n", 2)[1]).isEqualTo(
                        text.replace("\n", "\r\n") + " " + r.recipients().get(0).replaceAll("\\D", "") + "\r\n"));
                assertThat(peer.connections()).isEqualTo(1);
                assertThat(peer.pipelinedCommands() > 0).as("pipelined exactly when the peer offers it").isEqualTo(peer.offersPipelining());
            }
        }
    }

    @Test
    void a_relay_offering_pipelining_gets_each_envelope_in_one_write_and_one_that_does_not_never_gets_a_command_early() throws Exception {
        List<OutboundMessage> batch = java.util.stream.LongStream.rangeClosed(1, 20).mapToObj(id -> email(id, "p" + id + "@example.com", "Hi", "Hello")).toList();
        try (SmtpPeer pipelining = new SmtpPeer(); SmtpPeer lockstep = SmtpPeer.withoutPipelining();
             SmtpChannel one = new SmtpChannel(SmtpProvider.parse(pipelining.url("news@shop.example")), LINKS, null);
             SmtpChannel other = new SmtpChannel(SmtpProvider.parse(lockstep.url("news@shop.example")), LINKS, null)) {
            assertThat(one.send(batch)).allMatch(r -> r instanceof SendResult.Sent);
            assertThat(other.send(batch)).allMatch(r -> r instanceof SendResult.Sent);
            // MAIL and RCPT each arrive with the rest of their envelope behind them
            assertThat(pipelining.pipelinedCommands()).isGreaterThanOrEqualTo(20);
            assertThat(lockstep.pipelinedCommands()).isZero();
            assertThat(pipelining.received()).hasSize(20);
            assertThat(lockstep.received()).hasSize(20);
        }
    }

    @Test
    void a_connection_lost_before_the_relays_answer_leaves_the_unanswered_messages_pending_and_the_rest_go_on_a_new_one() throws Exception {
        List<OutboundMessage> batch = java.util.stream.LongStream.rangeClosed(1, 10).mapToObj(id -> email(id, "p" + id + "@example.com", "Hi", "Hello")).toList();
        for (SmtpPeer peer : List.of(new SmtpPeer(), SmtpPeer.withoutPipelining())) {
            try (peer; SmtpChannel smtp = new SmtpChannel(SmtpProvider.parse(peer.url("news@shop.example")), LINKS, null)) {
                peer.loseConnectionAfter(4);
                List<SendResult> results = smtp.send(batch);
                assertThat(results.get(3)).as("taken by the relay, never acknowledged").isInstanceOfSatisfying(SendResult.Deferred.class,
                        d -> assertThat(d.reason()).startsWith("the connection to 127.0.0.1 was lost: "));
                List<Long> sent = java.util.stream.IntStream.range(0, 10).filter(i -> results.get(i) instanceof SendResult.Sent)
                        .mapToObj(i -> batch.get(i).id()).toList();
                List<Long> deferred = java.util.stream.IntStream.range(0, 10).filter(i -> results.get(i) instanceof SendResult.Deferred)
                        .mapToObj(i -> batch.get(i).id()).toList();
                assertThat(deferred).as(peer.pipelinedCommands() > 0 ? "pipelined: the next envelope was in flight too" : "one at a time")
                        .isEqualTo(peer.pipelinedCommands() > 0 ? List.of(4L, 5L) : List.of(4L));
                assertThat(sent).hasSize(10 - deferred.size()).doesNotContainAnyElementsOf(deferred);
                // what the relay has: every message sent, once, and the one whose answer was lost
                assertThat(peer.received()).extracting(r -> Long.valueOf(r.recipients().get(0).replaceAll("\\D", "")))
                        .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(sent.stream(), java.util.stream.Stream.of(4L)).toList());
                assertThat(peer.connections()).isEqualTo(2);
            }
        }
    }

    @Test
    void a_delivery_sends_through_as_many_connections_as_the_provider_allows_and_each_message_once() throws Exception {
        try (SmtpPeer peer = new SmtpPeer()) {
            List<PendingMessage> messages = new java.util.ArrayList<>();
            for (long id = 1; id <= 1_200; id++) {
                messages.add(new PendingMessage(id, "p" + id + "@example.com", Map.of()));
            }
            java.util.Iterator<PendingMessage> queue = messages.iterator();
            PendingMessages pending = new PendingMessages() {
                @Override
                public List<PendingMessage> next(int size) {
                    List<PendingMessage> batch = new java.util.ArrayList<>();
                    while (batch.size() < size && queue.hasNext()) {
                        batch.add(queue.next());
                    }
                    return batch;
                }

                @Override
                public void close() {
                }
            };
            List<Long> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (SmtpChannel smtp = new SmtpChannel(SmtpProvider.parse(peer.url("news@shop.example") + "&connections=3"), LINKS, null)) {
                boolean done = new DeliveryPipeline(DeliveryPipeline.BATCH, DeliveryPipeline.MAX_CONCURRENCY).send(pending,
                        m -> email(m.id(), m.address(), "Hi", "Hello"), smtp, (s, ids, failed, deferred, excluded) -> sent.addAll(s), 0, () -> false);
                assertThat(done).isTrue();
            }
            assertThat(sent).hasSize(1_200).doesNotHaveDuplicates();
            assertThat(peer.received()).hasSize(1_200);
            assertThat(peer.received().stream().map(r -> r.recipients().get(0)).distinct().count()).isEqualTo(1_200);
            assertThat(peer.connections()).isEqualTo(3);
        }
    }

    @Test
    void a_subject_cannot_add_a_header_and_each_body_goes_in_the_encoding_its_lines_and_the_relay_allow() throws Exception {
        try (SmtpPeer peer = new SmtpPeer();
             SmtpChannel smtp = new SmtpChannel(SmtpProvider.parse(peer.url("news@shop.example")), LINKS, null)) {
            assertThat(smtp.send(List.of(email(1, "a@example.com", "Hi\r\nBcc: evil@example.com", "Hello"),
                    email(2, "b@example.com", "Ol\u00e1", "Ol\u00e1, Jo\u00e3o"),
                    email(3, "c@example.com", "Long", "x".repeat(2_000))))).allMatch(r -> r instanceof SendResult.Sent);
            List<SmtpPeer.Received> got = peer.received();
            assertThat(got.get(0).header("Bcc")).isNull();
            assertThat(got.get(0).header("Subject")).isEqualTo("Hi Bcc: evil@example.com");
            assertThat(got.get(0).header("Content-Transfer-Encoding")).isEqualTo("7bit");
            assertThat(got.get(1).header("Subject")).isEqualTo("=?UTF-8?B?T2zDoQ==?=");
            assertThat(got.get(1).header("Content-Transfer-Encoding")).as("the peer offers 8BITMIME").isEqualTo("8bit");
            assertThat(got.get(1).data()).endsWith("\r\n\r\nOl\u00e1, Jo\u00e3o\r\n");
            assertThat(got.get(2).header("Content-Transfer-Encoding")).as("a line over 998 octets").isEqualTo("base64");
            assertThat(got.get(2).data().lines()).allMatch(line -> line.length() <= 998);
        }
    }

    @Test
    void a_relay_that_cannot_be_reached_makes_the_batch_unavailable_with_nothing_sent() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (SmtpChannel smtp = new SmtpChannel(SmtpProvider.parse("smtp://u:s3cret@127.0.0.1:" + closed + "?from=news@shop.example"), LINKS, null)) {
            assertThatThrownBy(() -> smtp.send(List.of(email(1, "a@example.com", "Hi", "A"))))
                    .isInstanceOf(ChannelUnavailableException.class)
                    .hasMessageStartingWith("cannot reach the email provider smtp://u:***@127.0.0.1:" + closed + " (tls none, from news@shop.example): ")
                    .message().doesNotContain("s3cret");
        }
    }
}
