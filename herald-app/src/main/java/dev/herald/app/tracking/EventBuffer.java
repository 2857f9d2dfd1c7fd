package dev.herald.app.tracking;

import dev.herald.tracking.TrackingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracking events on their way to the store: requests add them and return at once; one thread
 * writes them a batch at a time, as soon as there are some (at most {@link #BATCH} per write). A
 * write that fails is tried again a second later with the same events; after three failures the
 * batch is written one event at a time, and an event the store refuses alone is logged and set
 * aside, so that one bad event does not hold up the others (after 30 failures in a row, a batch the
 * store refuses whole is set aside too, and logged). When the queue is full (the store is
 * down for long) a request waits up to {@link #WAIT_FOR_ROOM_MILLIS} for room, then its event is
 * logged as lost rather than the server stop answering. Closing writes what is queued.
 */
public final class EventBuffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBuffer.class);
    public static final int BATCH = 5_000;
    static final int CAPACITY = 200_000;
    static final long WAIT_FOR_ROOM_MILLIS = 2_000;
    private static final int FAILURES_BEFORE_ONE_BY_ONE = 3;
    private static final int FAILURES_BEFORE_SETTING_ASIDE = 30;

    private final BlockingQueue<TrackingEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Consumer<List<TrackingEvent>> store;
    private final Thread writer;
    /** Events accepted, and events done with (written, or set aside): flush waits for the second to reach the first. */
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile boolean closing;

    public EventBuffer(Consumer<List<TrackingEvent>> store) {
        this.store = store;
        this.writer = Thread.ofPlatform().daemon().name("herald-events").start(this::write);
    }

    /** Queues an event; false (and the event logged as lost) when the queue stayed full for two seconds. */
    public boolean add(TrackingEvent event) {
        accepted.incrementAndGet();
        try {
            if (queue.offer(event, WAIT_FOR_ROOM_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        accepted.decrementAndGet();
        long n = lost.incrementAndGet();
        LOG.error("tracking event lost, the queue of {} is full (the store does not take events): {} of message {} ({} lost so far)",
                CAPACITY, event.kind().id(), event.messageId(), n);
        return false;
    }

    /** How many events are accepted and not yet written (or set aside): how far the store is behind. */
    public long queued() {
        return Math.max(0, accepted.get() - settled.get());
    }

    /** How many events could not be queued or written. */
    public long lost() {
        return lost.get();
    }

    /** Waits until every event added before this call is written (or set aside), for at most {@code millis}. */
    public boolean flush(long millis) {
        long target = accepted.get();
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (settled.get() < target) {
            if (!writer.isAlive() || System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void write() {
        List<TrackingEvent> batch = new ArrayList<>(BATCH);
        int failures = 0;
        while (!closing || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    TrackingEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                if (failures >= FAILURES_BEFORE_ONE_BY_ONE) {
                    oneByOne(batch, failures);
                } else {
                    store.accept(batch);
                }
                settled.addAndGet(batch.size());
                batch.clear();
                failures = 0;
            } catch (InterruptedException e) {
                closing = true;
            } catch (RuntimeException e) {
                failures++;
                LOG.error("writing {} tracking events failed (attempt {}); trying again in a second: {}", batch.size(), failures, e.getMessage());
                sleep();
            }
        }
    }

    /**
     * Writes a batch one event at a time. When none is taken the store itself is failing: the batch
     * is tried again later, unless that went on {@link #FAILURES_BEFORE_SETTING_ASIDE} times. When
     * some are taken, each one the store refuses alone is logged and set aside.
     */
    private void oneByOne(List<TrackingEvent> batch, int failures) {
        List<TrackingEvent> refused = new ArrayList<>();
        RuntimeException last = null;
        for (TrackingEvent e : batch) {
            try {
                store.accept(List.of(e));
            } catch (RuntimeException x) {
                refused.add(e);
                last = x;
            }
        }
        if (refused.size() == batch.size() && failures < FAILURES_BEFORE_SETTING_ASIDE) {
            throw last;
        }
        for (TrackingEvent e : refused) {
            lost.incrementAndGet();
            LOG.error("tracking event set aside, the store refuses it: {} of message {}: {}", e.kind().id(), e.messageId(), last.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued (for at most 30 seconds), then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.error("{} tracking events were not written before the server stopped: the store did not take them", accepted.get() - settled.get());
        }
    }
}
