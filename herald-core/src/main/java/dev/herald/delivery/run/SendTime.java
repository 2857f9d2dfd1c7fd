package dev.herald.delivery.run;

import java.time.Instant;

/**
 * When a pending message may leave, as its recipient's local time says: now; later, at a moment
 * it waits for, pending (quiet hours, a send window); or never, excluded with a reason (quiet hours
 * that drop what falls inside them).
 */
public sealed interface SendTime {

    SendTime NOW = new Now();

    record Now() implements SendTime {
    }

    record Later(Instant at) implements SendTime {
    }

    record Never(String reason) implements SendTime {
    }
}
