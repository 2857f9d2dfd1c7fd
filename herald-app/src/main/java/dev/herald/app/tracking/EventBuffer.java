package dev.herald.app.tracking;

import dev.herald.tracking.TrackingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracking events on their way to the store: requests add them and return at once; one thread
 * writes them a batch at a time, as soon as there are some (at most {@link #BATCH} per write). When
 * the queue is full a request waits for room rather than drop its event; a write that fails is
 * tried again a second later with the same events; closing writes everything still queued.
 */
public final class EventBuffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBuffer.class);
    public static final int BATCH = 5_000;
    private static final int CAPACITY = 200_000;

    private final BlockingQueue<TrackingEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Consumer<List<TrackingEvent>> store;
    private final Thread writer;
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicLong added = new java.util.concurrent.atomic.AtomicLong();
    private volatile long written;

    public EventBuffer(Consumer<List<TrackingEvent>> store) {
        this.store = store;
        this.writer = Thread.ofPlatform().daemon().name("herald-events").start(this::write);
    }

    /** Queues an event; waits while the queue is full. */
    public void add(TrackingEvent event) {
        try {
            queue.put(event);
            added.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a tracking event", e);
        }
    }

    /** Waits until every event added before this call is written. */
    public void flush() {
        long target = added.get();
        while (written < target && writer.isAlive()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write() {
        List<TrackingEvent> batch = new ArrayList<>(BATCH);
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
                store.accept(batch);
                written += batch.size();
                batch.clear();
            } catch (InterruptedException e) {
                closing = true;
            } catch (RuntimeException e) {
                LOG.error("writing {} tracking events failed; trying again in a second: {}", batch.size(), e.getMessage());
                if (closing && queue.isEmpty()) {
                    LOG.error("{} tracking events could not be written before the server stopped", batch.size());
                    return;
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
