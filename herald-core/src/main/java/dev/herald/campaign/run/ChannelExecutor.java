package dev.herald.campaign.run;

import dev.herald.campaign.ActivityConfig;
import java.util.function.BooleanSupplier;

/**
 * Runs a channel activity of one type in three steps, so that a crash loses nothing and sends
 * nothing twice: {@link #prepare} resolves the recipients into the message log in one unit of work
 * (doing nothing when they are there already); {@link #send} sends the pending messages in batches,
 * each recorded with its messages' statuses; {@link #finish} gives the outbound transitions, in the
 * unit of work that records the activity's outcome.
 */
public interface ChannelExecutor<C extends ActivityConfig> {

    void prepare(ActivityRun run, C config) throws Exception;

    /** Sends what is pending; returns false when {@code stop} asked it to stop early (the rest stays pending). */
    boolean send(ActivityRun run, C config, BooleanSupplier stop) throws Exception;

    void finish(ActivityRun run, C config) throws Exception;
}
