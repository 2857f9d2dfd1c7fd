package dev.herald.channel;

import java.time.Duration;

/**
 * At most {@code perSecond} messages a second through one provider, however many deliveries and
 * threads of the process send through it: each message takes the next free slot, one every
 * {@code 1/perSecond} of a second, and waits for it. Time not used is not saved up, so a provider
 * that was idle gets no burst. {@link #NONE} never waits. (A delivery's own {@code rate} limits
 * that delivery alone; both apply.)
 */
public final class Throttle {

    public static final Throttle NONE = new Throttle(0);

    private final long interval;
    private long next;

    public Throttle(long perSecond) {
        this.interval = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
    }

    /** Waits for the next slot. */
    public void acquire() throws InterruptedException {
        if (interval == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, next);
            next = slot + interval;
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
