package dev.herald.campaign.run;

import dev.herald.error.Action;
import java.util.List;

/**
 * What the run lifecycle decides should happen to a run; the driver applies a decision's effects
 * together, in one unit of work.
 */
public sealed interface Effect {

    /** The run's status becomes {@code status}. */
    record Status(RunStatus status) implements Effect {
    }

    /** A line in the run's log, with what to do next when there is something. */
    record Log(String level, String activity, String message, Action hint) implements Effect {
    }

    /** The activity failed with {@code message}. */
    record Failed(String activity, String message) implements Effect {
    }

    /** The run has had {@code count} failures in a row. */
    record ConsecutiveErrors(int count) implements Effect {
    }

    /** The activity's outbound transitions are dead: its path ends. */
    record EndPath(String activity) implements Effect {
    }

    /** The activity's failure is forgotten: it runs again. */
    /**
     * The activity runs again at {@code at}: until then it is retrying, and the run sleeps or waits
     * for it; {@code deferral} when its provider could not take its messages (the next wait grows).
     */
    record RetryAt(String activity, java.time.Instant at, boolean deferral) implements Effect {
    }

    record Retry(String activity) implements Effect {
    }

    /** The breakpoints still to pause at. */
    record Breakpoints(List<String> remaining) implements Effect {
    }
}
