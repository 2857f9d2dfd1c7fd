package dev.herald.compliance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * At most {@code max} marketing messages per recipient on {@code channels} (every channel when
 * empty) within a window: a rolling one ({@code within: 7d}, the last seven days) or a calendar one
 * ({@code per: week}, since Monday 00:00 in the workspace's time zone). Messages sent, and pending
 * ones of other deliveries, count; transactional messages neither count nor are capped. Every cap
 * that applies to a delivery is checked, so the lowest one wins.
 */
public record FrequencyCap(long max, Duration within, Period per, Set<String> channels) {

    /** A calendar window, starting at midnight in the workspace's time zone. */
    public enum Period {
        DAY, WEEK, MONTH
    }

    public FrequencyCap {
        channels = Set.copyOf(channels);
        if ((within == null) == (per == null)) {
            throw new IllegalArgumentException("a frequency cap has one window: within (rolling) or per (calendar)");
        }
    }

    /** Whether it limits messages of {@code channel}. */
    public boolean covers(String channel) {
        return channels.isEmpty() || channels.contains(channel);
    }

    /** Where its window starts, seen at {@code now}. */
    public Instant since(Instant now, ZoneId zone) {
        if (within != null) {
            return now.minus(within);
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = switch (per) {
            case DAY -> today;
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
        };
        return first.atStartOfDay(zone).toInstant();
    }

    /** "3 per 7d on email, sms" — how errors and logs name it. */
    public String describe() {
        return max + " per " + (within != null ? Windows.text(within) : per.name().toLowerCase(java.util.Locale.ROOT))
                + (channels.isEmpty() ? "" : " on " + String.join(", ", new java.util.TreeSet<>(channels)));
    }
}
