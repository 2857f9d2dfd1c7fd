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

    /**
     * The waiting runs with a timer due at {@code now}, with their earliest due timer, earliest
     * first. A run with a pinned clock keeps time from its start: its timer is due as long after the
     * run started as it is after the pinned moment.
     */
    List<Timer> due(Instant now);

    /** A timer of an activity of a run. */
    record Timer(long runId, String activity, Instant wakeAt) {
    }
}
