package dev.herald.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyRatesTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final KeyRates rates = new KeyRates(10, nanos::get);

    @Test
    void a_key_bursts_twice_its_rate_then_keeps_to_it_and_other_keys_are_not_slowed() {
        for (int i = 0; i < 20; i++) {
            assertThat(rates.take("a")).as("call %d of the burst", i).isZero();
        }
        assertThat(rates.take("a")).as("the 21st waits a tenth of a second").isEqualTo(100);
        assertThat(rates.take("b")).as("another key").isZero();
        nanos.addAndGet(50_000_000L);
        assertThat(rates.take("a")).as("half a call back after 50 ms").isEqualTo(50);
        nanos.addAndGet(50_000_000L);
        assertThat(rates.take("a")).as("a whole one after 100 ms").isZero();
        assertThat(rates.take("a")).isEqualTo(100);
        nanos.addAndGet(60_000_000_000L);
        for (int i = 0; i < 20; i++) {
            assertThat(rates.take("a")).as("a minute later, the whole burst again, not more").isZero();
        }
        assertThat(rates.take("a")).isPositive();
    }

    @Test
    void no_rate_is_no_limit() {
        KeyRates none = new KeyRates(0, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(none.take("a")).isZero();
        }
    }
}
