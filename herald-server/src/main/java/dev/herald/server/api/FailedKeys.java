package dev.herald.server.api;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's guard against guessing keys: each client address may send {@link #PER_MINUTE} calls
 * with a missing, wrong, revoked or expired key in a minute; after that, every call from it is
 * refused with a {@code 429} until the minute is over — its keys are not even looked at. Calls
 * with a good key do not count.
 */
final class FailedKeys {

    static final int PER_MINUTE = 30;
    private static final int MOST_ADDRESSES = 100_000;

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** The failures of one address in one minute. */
    private record Window(long minute, int failures) {
    }

    FailedKeys(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until {@code address} may call again, or 0 when it may now. */
    long blockedFor(String address) {
        long now = clock.millis();
        Window w = windows.get(address);
        if (w == null || w.minute() != now / 60_000 || w.failures() < PER_MINUTE) {
            return 0;
        }
        return Math.max(1, (60_000 - now % 60_000 + 999) / 1000);
    }

    /** Counts one call with no good key from {@code address}. */
    void failed(String address) {
        long minute = clock.millis() / 60_000;
        if (windows.size() > MOST_ADDRESSES) {
            windows.values().removeIf(w -> w.minute() != minute);
        }
        windows.merge(address, new Window(minute, 1), (old, one) -> old.minute() == minute ? new Window(minute, old.failures() + 1) : one);
    }
}
