package dev.herald.campaign.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as stored: which campaign version, live or test, its variables and clock, and where it
 * stands; {@code approved} when its deliveries were approved as it started ({@code --approve}).
 */
public record RunRecord(long id, String campaign, int version, boolean test, RunStatus status, Map<String, Object> variables,
                        Instant fixedNow, List<String> breakpoints, int consecutiveErrors, Instant startedAt, Instant endedAt,
                        Instant purgedAt, boolean approved) {

    /** The run's time at the real moment {@code real}: that moment, or with a pinned clock, the pinned moment plus the time since the start. */
    public Instant timeAt(Instant real) {
        return fixedNow == null ? real : fixedNow.plus(java.time.Duration.between(startedAt, real));
    }

    public String mode() {
        return test ? "test" : "live";
    }
}
