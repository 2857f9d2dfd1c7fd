package dev.herald.compliance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A delivery's send window ({@code send_window: {from: "09:00", to: "19:00", days: [mon, tue, wed,
 * thu, fri]}}): the hours of the recipient's day, on the days of the recipient's week, when its
 * messages leave; a message due outside waits until the window next opens. A window whose
 * {@code to} comes before its {@code from} spans midnight, and its day is the day it opens
 * (Friday 22:00 to Saturday 02:00 is Friday's).
 */
public record SendWindow(LocalTime from, LocalTime to, Set<DayOfWeek> days) {

    public SendWindow {
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /** The day a name means: {@code mon}, {@code monday}, in any case; empty when it means none. */
    public static Optional<DayOfWeek> day(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (!n.isEmpty() && (n.equals(full) || n.equals(full.substring(0, 3)))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** When a message due at {@code now} may leave in {@code zone}: null when the window is open now, else when it next opens. */
    public Instant holdUntil(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        // the window of yesterday may still be open after midnight; today's may be open or still to come
        for (int back = 1; back >= 0; back--) {
            ZonedDateTime day = local.minusDays(back);
            if (days.contains(day.getDayOfWeek())) {
                ZonedDateTime opens = day.with(from);
                ZonedDateTime closes = from.isBefore(to) ? day.with(to) : day.plusDays(1).with(to);
                if (!local.isBefore(opens) && local.isBefore(closes)) {
                    return null;
                }
            }
        }
        for (int ahead = 0; ahead <= 7; ahead++) {
            ZonedDateTime day = local.plusDays(ahead);
            ZonedDateTime opens = day.with(from);
            if (days.contains(day.getDayOfWeek()) && opens.isAfter(local)) {
                return opens.toInstant();
            }
        }
        throw new IllegalStateException("a send window with days opens within a week");
    }
}
