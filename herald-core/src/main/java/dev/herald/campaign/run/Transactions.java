package dev.herald.campaign.run;

import java.util.concurrent.Callable;

/**
 * Groups calls to the store's ports into one unit of work: they commit together or not at all. A
 * unit already open on the calling thread is joined.
 */
@FunctionalInterface
public interface Transactions {

    <T> T inTransaction(Callable<T> work);

    /** Runs {@code work} in one unit of work. */
    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
