package dev.herald.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FailedKeysTest {

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-02T10:00:10Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void an_address_is_shut_out_after_its_thirtieth_failure_until_the_minute_ends_and_others_are_not() {
        Hands clock = new Hands();
        FailedKeys keys = new FailedKeys(clock);
        for (int i = 0; i < FailedKeys.PER_MINUTE - 1; i++) {
            keys.failed("10.0.0.1");
        }
        assertThat(keys.blockedFor("10.0.0.1")).as("29 failures").isZero();
        keys.failed("10.0.0.1");
        assertThat(keys.blockedFor("10.0.0.1")).as("30 failures at :10").isEqualTo(50);
        assertThat(keys.blockedFor("10.0.0.2")).isZero();
        clock.now = Instant.parse("2026-12-02T10:00:59.500Z");
        assertThat(keys.blockedFor("10.0.0.1")).isEqualTo(1);
        clock.now = Instant.parse("2026-12-02T10:01:00Z");
        assertThat(keys.blockedFor("10.0.0.1")).as("a new minute").isZero();
        keys.failed("10.0.0.1");
        assertThat(keys.blockedFor("10.0.0.1")).as("one failure in the new minute").isZero();
    }
}
