package dev.herald.campaign.run;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What the orchestrator decides from: the run's status, each started activity's status (and
 * timer), each decided transition (active with a row count, or dead), the breakpoints still to
 * stop at, the run's mode and variables, and the current time.
 */
public record RunState(RunStatus status, Map<String, Activity> activities, Map<String, Transition> transitions,
                       Set<String> breakpoints, boolean test, Map<String, Object> variables, Instant now) {

    /** An activity's status, and when a waiting one wakes up. */
    public record Activity(ActivityStatus status, Instant wakeAt) {
    }

    /** A decided transition: active (its worktable holds {@code rows}) or dead (its path stopped). */
    public record Transition(boolean active, long rows) {
    }
}
