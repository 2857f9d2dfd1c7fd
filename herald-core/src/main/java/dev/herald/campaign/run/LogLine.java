package dev.herald.campaign.run;

import java.time.Instant;

/** A line of a run's chronological log: a user action, an activity event, a warning or an error. */
public record LogLine(long id, Instant at, String level, String activity, String message, dev.herald.error.Action hint) {
}
