package dev.herald.campaign.config;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A moment as written: an instant with its offset, or a local date-time read in a time zone. */
public record TimePoint(Instant instant, LocalDateTime local) {

    public Instant at(ZoneId zone) {
        return instant != null ? instant : local.atZone(zone).toInstant();
    }

    @Override
    public String toString() {
        return instant != null ? instant.toString() : local.toString();
    }
}
