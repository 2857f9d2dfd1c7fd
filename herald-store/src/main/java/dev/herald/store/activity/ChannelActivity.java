package dev.herald.store.activity;

import java.util.function.BooleanSupplier;

/**
 * An activity that delivers messages, in three steps so that a crash loses nothing and sends
 * nothing twice: {@link #prepare} resolves the recipients into the message log in one transaction
 * (doing nothing when they are there already); {@link #send} sends the pending messages in batches,
 * each batch committed with its messages' statuses; {@link #finish} gives the outbound transitions.
 */
public interface ChannelActivity {

    void prepare(ActivityRun run) throws Exception;

    /** Sends what is pending; returns false when {@code stop} asked it to stop early (the rest stays pending). */
    boolean send(ActivityRun run, BooleanSupplier stop) throws Exception;

    void finish(ActivityRun run) throws Exception;
}
