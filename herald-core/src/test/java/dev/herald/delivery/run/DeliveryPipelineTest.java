package dev.herald.delivery.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.channel.Channel;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A few recipients a provider defers hold up nobody else: the later batches go on and the delivery
 * ends by counting them; a batch deferred whole stops the delivery at once (the provider asks to wait).
 */
class DeliveryPipelineTest {

    /** The messages 1…n, read in id order, a batch at a time. */
    private static PendingMessages pending(int n) {
        List<PendingMessage> all = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            all.add(new PendingMessage(id, "r" + id + "@example.com", Map.of()));
        }
        return new PendingMessages() {
            private int at;

            @Override
            public List<PendingMessage> next(int size) {
                List<PendingMessage> batch = all.subList(at, Math.min(all.size(), at + size));
                at += batch.size();
                return List.copyOf(batch);
            }

            @Override
            public void close() {
            }
        };
    }

    /** A provider that takes every message except those {@code defer} picks; it keeps what it took. */
    private record Provider(Predicate<Long> defer, List<Long> took) implements Channel {
        @Override
        public String id() {
            return "smtp";
        }

        @Override
        public List<SendResult> send(List<OutboundMessage> batch) {
            List<SendResult> results = new ArrayList<>();
            for (OutboundMessage m : batch) {
                if (defer.test(m.id())) {
                    results.add(new SendResult.Deferred("451 greylisted"));
                } else {
                    took.add(m.id());
                    results.add(SendResult.SENT);
                }
            }
            return results;
        }
    }

    private static OutboundMessage render(PendingMessage m) {
        return new OutboundMessage(m.id(), 1, ChannelTypes.of("email"), m.address(), Map.of("subject", "Hi", "body", "Hello"));
    }

    @Test
    void deferred_recipients_stay_pending_while_the_later_batches_are_sent() {
        Provider provider = new Provider(Set.of(3L, 17L)::contains, new ArrayList<>());
        List<Long> recordedSent = new ArrayList<>();
        List<Long> recordedDeferred = new ArrayList<>();
        assertThatThrownBy(() -> new DeliveryPipeline(10, 1).send(pending(35), DeliveryPipelineTest::render, provider,
                (sent, ids, failed, deferred, excluded) -> {
                    recordedSent.addAll(sent);
                    recordedDeferred.addAll(deferred);
                }, 0, () -> false))
                .isInstanceOf(ChannelUnavailableException.class)
                .hasMessage("smtp deferred 2 messages (451 greylisted); they stay pending and are sent again");
        assertThat(provider.took()).hasSize(33).doesNotContain(3L, 17L).contains(35L);
        assertThat(recordedDeferred).containsExactly(3L, 17L);
    }

    @Test
    void a_batch_deferred_whole_stops_the_delivery_at_once() {
        Provider provider = new Provider(id -> id > 10, new ArrayList<>());
        assertThatThrownBy(() -> new DeliveryPipeline(10, 1).send(pending(50), DeliveryPipelineTest::render, provider,
                (sent, ids, failed, deferred, excluded) -> { }, 0, () -> false))
                .isInstanceOf(ChannelUnavailableException.class).hasMessageStartingWith("smtp deferred 10 messages");
        assertThat(provider.took()).hasSize(10);
    }

    @Test
    void nothing_deferred_is_a_finished_delivery() throws Exception {
        Provider provider = new Provider(id -> false, new ArrayList<>());
        assertThat(new DeliveryPipeline(10, 1).send(pending(25), DeliveryPipelineTest::render, provider,
                (sent, ids, failed, deferred, excluded) -> { }, 0, () -> false)).isTrue();
        assertThat(provider.took()).hasSize(25);
    }
    @Test
    void messages_that_never_leave_are_excluded_with_their_reason_and_held_ones_stay_pending_until_the_first_release() {
        Provider provider = new Provider(id -> false, new ArrayList<>());
        Map<Long, String> recordedExcluded = new java.util.LinkedHashMap<>();
        List<Long> recordedLeft = new ArrayList<>();
        java.time.Instant morning = java.time.Instant.parse("2026-11-02T07:00:00Z");
        assertThatThrownBy(() -> new DeliveryPipeline(10, 1).send(pending(25), DeliveryPipelineTest::render,
                m -> m.id() % 5 == 0 ? new SendTime.Never("quiet_hours")
                        : m.id() % 7 == 0 ? new SendTime.Later(morning.plusSeconds(m.id())) : SendTime.NOW, provider,
                (sent, ids, failed, deferred, excluded) -> {
                    recordedExcluded.putAll(excluded);
                    recordedLeft.addAll(deferred);
                }, 0, () -> false))
                .isInstanceOf(HeldUntil.class).satisfies(e -> {
                    assertThat(((HeldUntil) e).messages()).isEqualTo(3);
                    assertThat(((HeldUntil) e).until()).isEqualTo(morning.plusSeconds(7));
                });
        assertThat(recordedExcluded).containsOnlyKeys(5L, 10L, 15L, 20L, 25L).containsValue("quiet_hours");
        assertThat(recordedLeft).containsExactly(7L, 14L, 21L);
        assertThat(provider.took()).hasSize(25 - 5 - 3).doesNotContain(5L, 7L);
    }
}
