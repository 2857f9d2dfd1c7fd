package dev.herald.campaign.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How to start a run: test or live, variables (overriding the campaign's defaults), a pinned clock
 * (every expression judged at {@code now}; null for the real time), breakpoints to pause before,
 * and how long the process may sleep for a timer before it leaves the run waiting.
 */
public record RunOptions(boolean test, Map<String, Object> variables, Instant now, List<String> breakpoints, Duration maxSleep) {

    public static RunOptions live() {
        return new RunOptions(false, Map.of(), null, List.of(), Duration.ofSeconds(60));
    }

    public RunOptions asTest() {
        return new RunOptions(true, variables, now, breakpoints, maxSleep);
    }

    public RunOptions withVariables(Map<String, Object> v) {
        return new RunOptions(test, v, now, breakpoints, maxSleep);
    }

    public RunOptions at(Instant t) {
        return new RunOptions(test, variables, t, breakpoints, maxSleep);
    }

    public RunOptions withBreakpoints(List<String> b) {
        return new RunOptions(test, variables, now, b, maxSleep);
    }

    public RunOptions sleepingAtMost(Duration d) {
        return new RunOptions(test, variables, now, breakpoints, d);
    }
}
