package dev.herald.server.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each API key's rate: a bucket per key that fills with {@code perSecond} calls a second and holds
 * twice that, so a key may burst and then keeps to its rate; a call that finds its bucket empty
 * is refused with a {@code 429} and the time until the next call may pass. One key's flood
 * slows no other key. {@code perSecond} 0 is no limit.
 */
final class KeyRates {

    private static final int MOST_KEYS = 100_000;

    private final long perSecond;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Calls left (fractions of a call count) when last looked at, and when that was. */
    private record Bucket(double calls, long at) {
    }

    KeyRates(long perSecond, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.nanos = nanos;
    }

    /** Takes one call from the key's bucket: 0 when it may go, else the milliseconds until one may. */
    long take(String keyId) {
        if (perSecond <= 0) {
            return 0;
        }
        long now = nanos.getAsLong();
        if (buckets.size() > MOST_KEYS) {
            buckets.clear(); // keys are made by admins; this many is a flood of made-up ids, not users to be fair to
        }
        long[] wait = new long[1];
        buckets.compute(keyId, (k, b) -> {
            double capacity = 2.0 * perSecond;
            double calls = b == null ? capacity : Math.min(capacity, b.calls() + (now - b.at()) * perSecond / 1e9);
            if (calls >= 1) {
                return new Bucket(calls - 1, now);
            }
            wait[0] = Math.max(1, (long) Math.ceil((1 - calls) * 1000 / perSecond));
            return new Bucket(calls, now);
        });
        return wait[0];
    }

    long perSecond() {
        return perSecond;
    }
}
