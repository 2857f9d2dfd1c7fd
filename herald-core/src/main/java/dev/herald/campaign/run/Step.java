package dev.herald.campaign.run;

import java.time.Instant;
import java.util.Map;

/** What the orchestrator says to do next. The runner applies it and asks again. */
public sealed interface Step {

    /** Run a set-based or channel activity. */
    record Execute(String activity) implements Step {
    }

    /**
     * A control activity decided: each output carries the population of an inbound transition
     * ({@code outputs.get(o)}), or a signal without records ({@link #SIGNAL}), or is dead when
     * mapped to null.
     */
    record Pass(String activity, Map<String, String> outputs, String note) implements Step {
        /** An output that is active but carries no records (a scheduler that starts a path). */
        public static final String SIGNAL = "";
    }

    /** Start a timer: the activity waits until {@code until}. */
    record Hold(String activity, Instant until, String note) implements Step {
    }

    /** The activity does not run: its outputs are dead. {@code disabled} tells a disabled activity from a dead path. */
    record Skip(String activity, String reason, boolean disabled) implements Step {
    }

    /** A breakpoint: pause the run before the activity. */
    record Pause(String activity) implements Step {
    }

    /** Nothing to do until a timer is due. */
    record Sleep(Instant until) implements Step {
    }

    /** A control activity could not be decided (a condition that failed, a time that is not one): it failed. */
    record Fail(String activity, String reason) implements Step {
    }

    /** Nothing can go on: activities wait for a failed one to be run again ({@code herald run resume}). */
    record Blocked(java.util.List<String> failed) implements Step {
    }

    /** Every path ended. */
    record Finish() implements Step {
    }
}
