package dev.herald.testkit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.herald.channel.ChannelEvents;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.smpp.SmppChannel;
import dev.herald.channel.smpp.SmppProvider;
import dev.herald.channel.Bounce;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.Test;

/** Text messages to a real SMSC on the loopback (jSMPP's server side), as the SMSC sees them. */
class SmppChannelIT {

    private static OutboundMessage sms(long id, String to, String text) {
        return new OutboundMessage(id, 7, ChannelTypes.of(ChannelTypes.SMS), to, Map.of("text", text));
    }

    /** What the channel reported after the messages left. */
    static final class Recorded implements ChannelEvents {

        @Override
        public boolean returned(String channel, long messageId, dev.herald.channel.Bounce kind, String detail) {
            return false;
        }

        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void receipt(String channel, Long messageId, String providerId, Receipt receipt, String detail) {
            events.add(channel + " " + messageId + " " + receipt + " " + detail.replaceAll(" err:.*", ""));
        }

        @Override
        public void inbound(String channel, String from, String to, String text) {
            events.add(channel + " from " + from + " to " + to + ": " + text);
        }
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
    }

    @Test
    void gsm_text_goes_in_one_part_and_a_long_one_in_concatenated_parts_the_handset_can_join() throws Exception {
        try (SmscPeer smsc = new SmscPeer("herald", "s3cret"); SmppChannel channel = new SmppChannel(SmppProvider.parse(smsc.url("Herald")), ChannelEvents.NONE)) {
            String longText = "Hello Ann, your order 1234 is ready: € 12.50 [store: Lyon] ".repeat(6).strip();
            List<SendResult> results = channel.send(List.of(sms(1, "+33 6 12 34 56 78", "Hello Ann, 10% off {this} week: €5 ~ ok"),
                    sms(2, "+33612345679", longText)));

            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
            List<SmscPeer.Submitted> got = smsc.submitted();
            assertThat(got.get(0).to()).isEqualTo("33612345678");
            assertThat(got.get(0).toTon()).isEqualTo(1); // international
            assertThat(got.get(0).sourceTon()).isEqualTo(5); // alphanumeric
            assertThat(got.get(0).source()).isEqualTo("Herald");
            assertThat(got.get(0).ucs2()).isFalse();
            assertThat(got.get(0).udh()).isFalse();
            assertThat(got.get(0).text()).isEqualTo("Hello Ann, 10% off {this} week: €5 ~ ok");
            assertThat(got.get(0).bytes()).hasSize(39 + 4); // {, }, € and ~ take two septets each

            List<SmscPeer.Submitted> parts = got.subList(1, got.size());
            assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.udh()).isTrue());
            assertThat(parts).extracting(p -> p.concatenation()[1]).containsOnly(3);
            assertThat(parts).extracting(p -> p.concatenation()[2]).containsExactly(1, 2, 3);
            assertThat(parts).extracting(p -> p.concatenation()[0]).containsOnly(parts.get(0).concatenation()[0]);
            assertThat(parts).allSatisfy(p -> assertThat(p.bytes().length - 6).isLessThanOrEqualTo(153));
            assertThat(String.join("", parts.stream().map(SmscPeer.Submitted::text).toList())).isEqualTo(longText);
            assertThat(((SendResult.Sent) results.get(1)).providerId()).isEqualTo(String.join(",", parts.stream().map(SmscPeer.Submitted::messageId).toList()));
            assertThat(smsc.binds()).isEqualTo(1);
        }
    }

    @Test
    void text_outside_the_gsm_alphabet_goes_as_ucs2_in_parts_of_67_without_splitting_an_emoji() throws Exception {
        try (SmscPeer smsc = new SmscPeer("herald", "s3cret"); SmppChannel channel = new SmppChannel(SmppProvider.parse(smsc.url("%2B33600000000")), ChannelEvents.NONE)) {
            String text = "Привет, Анна! 🎉".repeat(6); // 15 units each, an emoji is two: 90 units, two parts
            assertThat(channel.send(List.of(sms(1, "+79161234567", "Привет 🎉"), sms(2, "+79161234567", text))))
                    .allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
            List<SmscPeer.Submitted> got = smsc.submitted();
            assertThat(got.get(0).ucs2()).isTrue();
            assertThat(got.get(0).text()).isEqualTo("Привет 🎉");
            assertThat(got.get(0).sourceTon()).isEqualTo(1);
            assertThat(got.get(0).source()).isEqualTo("33600000000");
            assertThat(got.subList(1, got.size())).hasSize(2).allSatisfy(p -> {
                assertThat(p.bytes().length - 6).isLessThanOrEqualTo(134);
                assertThat(Character.isHighSurrogate(p.text().charAt(p.text().length() - 1))).isFalse();
            });
            assertThat(got.get(1).text() + got.get(2).text()).isEqualTo(text);
        }
    }

    @Test
    void a_throttled_message_is_tried_again_later_and_stays_pending_when_the_smsc_keeps_throttling() throws Exception {
        try (SmscPeer smsc = new SmscPeer("herald", "s3cret");
             SmppChannel channel = new SmppChannel(SmppProvider.parse(smsc.url("Herald") + "&attempts=4"), ChannelEvents.NONE)) {
            AtomicInteger calls = new AtomicInteger();
            smsc.answer(s -> s.to().endsWith("99") ? SMPPConstant.STAT_ESME_RTHROTTLED
                    : s.to().endsWith("98") ? SMPPConstant.STAT_ESME_RINVDSTADR
                    : calls.incrementAndGet() <= 2 ? SMPPConstant.STAT_ESME_RTHROTTLED : SMPPConstant.STAT_ESME_ROK);
            long started = System.nanoTime();
            List<SendResult> results = channel.send(List.of(sms(1, "+33600000001", "a"), sms(2, "+33600000099", "b"), sms(3, "+33600000098", "c")));
            assertThat(results.get(0)).isInstanceOf(SendResult.Sent.class);
            assertThat(results.get(1)).isEqualTo(new SendResult.Deferred("the SMSC 127.0.0.1 throttled it 4 times (ESME_RTHROTTLED (throttling error))"));
            assertThat(results.get(2)).isEqualTo(new SendResult.Failed("refused by the SMSC 127.0.0.1: ESME_RINVDSTADR (invalid destination address)",
                    Bounce.HARD));
            assertThat(System.nanoTime() - started).as("paused 0.1 + 0.2 s, then 0.1 + 0.2 + 0.4 s").isGreaterThan(1_000_000_000L);
            assertThat(smsc.submitted()).hasSize(1);
        }
    }

    @Test
    void receipts_and_replies_reach_the_events_with_the_message_they_belong_to() throws Exception {
        Recorded events = new Recorded();
        try (SmscPeer smsc = new SmscPeer("herald", "s3cret"); SmppChannel channel = new SmppChannel(SmppProvider.parse(smsc.url("Herald")), events)) {
            smsc.receipts(s -> s.to().endsWith("1") ? DeliveryReceiptState.DELIVRD : DeliveryReceiptState.UNDELIV);
            channel.send(List.of(sms(41, "+33600000001", "a"), sms(42, "+33600000002", "b")));
            smsc.reply("33600000001", "Herald", "STOP");
            await(() -> events.events.size() >= 3);
            assertThat(events.events).containsExactlyInAnyOrder("sms 41 DELIVERED DELIVRD", "sms 42 UNDELIVERED UNDELIV",
                    "sms from 33600000001 to Herald: STOP");
        }
    }

    @Test
    void many_messages_go_through_one_bind_with_a_window_of_ten() throws Exception {
        try (SmscPeer smsc = new SmscPeer("herald", "s3cret"); SmppChannel channel = new SmppChannel(SmppProvider.parse(smsc.url("Herald")), ChannelEvents.NONE)) {
            List<OutboundMessage> batch = IntStream.range(0, 300).mapToObj(i -> sms(i, "+3360000" + String.format("%04d", i), "n " + i)).toList();
            var pipeline = new dev.herald.delivery.run.DeliveryPipeline(channel.batch(), 64);
            List<Long> sent = new CopyOnWriteArrayList<>();
            var pending = new dev.herald.delivery.run.PendingMessages() {
                int at;

                @Override
                public List<dev.herald.delivery.run.PendingMessage> next(int size) {
                    List<dev.herald.delivery.run.PendingMessage> out = new java.util.ArrayList<>();
                    while (out.size() < size && at < batch.size()) {
                        OutboundMessage m = batch.get(at++);
                        out.add(new dev.herald.delivery.run.PendingMessage(m.id(), m.address(), Map.of()));
                    }
                    return out;
                }

                @Override
                public void close() {
                }
            };
            boolean done = pipeline.send(pending, m -> sms(m.id(), m.address(), "n " + m.id()), channel, (s, ids, failed, deferred, excluded) -> {
                assertThat(ids.keySet()).containsExactlyInAnyOrderElementsOf(s);
                sent.addAll(s);
            }, 0, () -> false);
            assertThat(done).isTrue();
            assertThat(sent).hasSize(300).doesNotHaveDuplicates();
            assertThat(smsc.submitted()).hasSize(300);
            assertThat(smsc.binds()).isEqualTo(1);
        }
    }

    @Test
    void the_provider_rate_holds_for_every_delivery_sending_at_once() throws Exception {
        try (SmscPeer smsc = new SmscPeer("herald", "s3cret");
             SmppChannel channel = new SmppChannel(SmppProvider.parse(smsc.url("Herald") + "&rate=40"), ChannelEvents.NONE)) {
            long started = System.nanoTime();
            List<Thread> deliveries = new java.util.ArrayList<>();
            for (int d = 0; d < 2; d++) {
                int delivery = d;
                deliveries.add(Thread.ofVirtual().start(() -> {
                    try {
                        channel.send(IntStream.range(0, 20).mapToObj(i -> sms(delivery * 100 + i, "+3360000" + (1000 + delivery * 100 + i), "x")).toList());
                    } catch (ChannelUnavailableException e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            for (Thread t : deliveries) {
                t.join();
            }
            // 40 messages at 40 a second: the last leaves 975 ms after the first (each delivery alone at 40/s: 475 ms)
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(960);
            assertThat(smsc.submitted()).hasSize(40);
        }
    }

    @Test
    void a_refused_bind_is_an_unavailable_provider_and_the_password_is_never_shown() throws Exception {
        try (SmscPeer smsc = new SmscPeer("herald", "s3cret");
             SmppChannel channel = new SmppChannel(SmppProvider.parse(smsc.url("Herald").replace("s3cret", "wrong")), ChannelEvents.NONE)) {
            assertThatExceptionOfType(ChannelUnavailableException.class).isThrownBy(() -> channel.send(List.of(sms(1, "+33600000001", "a"))))
                    .withMessageStartingWith("cannot bind to the SMSC 127.0.0.1:" + smsc.port() + " as herald: ")
                    .withMessageNotContaining("wrong");
        }
        assertThat(SmppProvider.parse("smpp://herald:s3cret@smsc.example.com?source=Herald").toString())
                .isEqualTo("smpp://herald:***@smsc.example.com:2775 (from Herald, window 10)");
    }
}
