package dev.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    @Test
    void threads_sharing_a_throttle_share_its_rate() throws Exception {
        Throttle throttle = new Throttle(50);
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10; i++) {
                    try {
                        throttle.acquire();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        // 30 slots, 20 ms apart: the last is 580 ms after the first; alone, each thread's 10 would take 180 ms
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(570);
    }

    @Test
    void none_never_waits() throws InterruptedException {
        long started = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            Throttle.NONE.acquire();
        }
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_000);
    }
}
