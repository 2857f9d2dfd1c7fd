package dev.herald.app.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.tracking.TrackingEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Events reach the store in batches; a store that fails for a while loses none; one bad event holds up no other. */
class EventBufferTest {

    private static TrackingEvent open(long message) {
        return new TrackingEvent(TrackingEvent.Kind.OPEN, message, 0, null, Instant.EPOCH, "Mozilla/5.0", null);
    }

    @Test
    void events_added_from_many_threads_are_all_written_once() throws Exception {
        List<Long> written = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (EventBuffer buffer = new EventBuffer(batch -> batch.forEach(e -> written.add(e.messageId())))) {
            Thread[] threads = new Thread[8];
            for (int t = 0; t < threads.length; t++) {
                int from = t * 10_000;
                threads[t] = Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        buffer.add(open(from + i));
                    }
                });
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(buffer.flush(10_000)).isTrue();
        }
        assertThat(written).hasSize(80_000).doesNotHaveDuplicates();
    }

    @Test
    void a_store_that_fails_for_a_while_loses_nothing_and_a_bad_event_is_set_aside_alone() {
        AtomicInteger calls = new AtomicInteger();
        List<Long> written = new CopyOnWriteArrayList<>();
        try (EventBuffer buffer = new EventBuffer(batch -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("the store is down");
            }
            if (batch.stream().anyMatch(e -> e.messageId() == 13)) {
                throw new IllegalArgumentException("a value the store refuses");
            }
            batch.forEach(e -> written.add(e.messageId()));
        })) {
            for (long m = 10; m < 20; m++) {
                buffer.add(open(m));
            }
            assertThat(buffer.flush(20_000)).isTrue();
            assertThat(buffer.lost()).isEqualTo(1);
        }
        assertThat(written).containsExactlyInAnyOrder(10L, 11L, 12L, 14L, 15L, 16L, 17L, 18L, 19L);
    }
}
