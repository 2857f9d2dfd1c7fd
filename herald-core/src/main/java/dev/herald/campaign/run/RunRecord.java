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

    public String mode() {
        return test ? "test" : "live";
    }
}
