package dev.herald.delivery.run;

import java.util.List;

/**
 * A delivery's pending messages, read in one pass in id order, a batch at a time; memory holds one
 * batch whatever the size of the delivery. Each message comes once, even where the population
 * repeats a recipient.
 */
public interface PendingMessages extends AutoCloseable {

    /** The next batch of at most {@code size} messages; empty at the end. */
    List<PendingMessage> next(int size);

    @Override
    void close();
}
