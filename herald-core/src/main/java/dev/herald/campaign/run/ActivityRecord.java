package dev.herald.campaign.run;

import java.time.Instant;

/** One activity of a run as stored. */
public record ActivityRecord(String activity, ActivityStatus status, Instant startedAt, Instant endedAt, Instant nowAt,
                             Instant wakeAt, Long rowsIn, Long rowsOut, int attempts, String sql, String error) {
}
