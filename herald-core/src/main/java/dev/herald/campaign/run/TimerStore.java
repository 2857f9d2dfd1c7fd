package dev.herald.campaign.run;

import java.time.Instant;
import java.util.List;

/**
 * The timers of runs — a wait, a scheduler's next moment — as rows in the store, so that a restart
 * loses none: an activity holds until its timer is due, and whoever drives runs asks which are due.
 */
public interface TimerStore {

    /** The activity waits until {@code wakeAt}; {@code rowsIn} is the population it holds. */
    void hold(long runId, String activity, Instant wakeAt, Long rowsIn);

    /** The waiting runs with a timer due at {@code now}, with their earliest due timer, earliest first. */
    List<Timer> due(Instant now);

    /** A timer of an activity of a run. */
    record Timer(long runId, String activity, Instant wakeAt) {
    }
}
