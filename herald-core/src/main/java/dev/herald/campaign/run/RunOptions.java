package dev.herald.campaign.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How to start a run: test or live, variables (overriding the campaign's defaults), a pinned clock
 * (every expression judged at {@code now}; null for the real time), breakpoints to pause before,
 * how long the process may sleep for a timer before it leaves the run waiting, and whether its
 * deliveries are approved up front (otherwise each live delivery that needs approval waits for one).
 */
public record RunOptions(boolean test, Map<String, Object> variables, Instant now, List<String> breakpoints, Duration maxSleep,
                         boolean approved) {

    /** A live run whose deliveries wait for approval. */
    public static RunOptions live() {
        return new RunOptions(false, Map.of(), null, List.of(), Duration.ofSeconds(60), false);
    }

    public RunOptions asTest() {
        return new RunOptions(true, variables, now, breakpoints, maxSleep, approved);
    }

    public RunOptions withVariables(Map<String, Object> v) {
        return new RunOptions(test, v, now, breakpoints, maxSleep, approved);
    }

    public RunOptions at(Instant t) {
        return new RunOptions(test, variables, t, breakpoints, maxSleep, approved);
    }

    public RunOptions withBreakpoints(List<String> b) {
        return new RunOptions(test, variables, now, b, maxSleep, approved);
    }

    public RunOptions sleepingAtMost(Duration d) {
        return new RunOptions(test, variables, now, breakpoints, d, approved);
    }

    /** Every delivery of the run approved as it starts ({@code herald campaign run --approve}). */
    public RunOptions withApproval() {
        return new RunOptions(test, variables, now, breakpoints, maxSleep, true);
    }
}
