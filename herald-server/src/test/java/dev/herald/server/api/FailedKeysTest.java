package dev.herald.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedKeysTest {

    @Test
    void an_address_is_shut_out_after_its_thirtieth_failure_until_the_minute_ends_and_others_are_not() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:10Z"));
        FailedKeys keys = new FailedKeys(clock);
        for (int i = 0; i < FailedKeys.PER_MINUTE - 1; i++) {
            keys.failed("10.0.0.1");
        }
        assertThat(keys.blockedFor("10.0.0.1")).as("29 failures").isZero();
        keys.failed("10.0.0.1");
        assertThat(keys.blockedFor("10.0.0.1")).as("30 failures at :10").isEqualTo(50);
        assertThat(keys.blockedFor("10.0.0.2")).isZero();
        clock.move(Duration.ofMillis(49_500));
        assertThat(keys.blockedFor("10.0.0.1")).isEqualTo(1);
        clock.move(Duration.ofMillis(500));
        assertThat(keys.blockedFor("10.0.0.1")).as("a new minute").isZero();
        keys.failed("10.0.0.1");
        assertThat(keys.blockedFor("10.0.0.1")).as("one failure in the new minute").isZero();
    }
}
