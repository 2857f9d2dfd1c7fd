package dev.herald.compliance;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lengths of time as the compliance settings write them: {@code 7d}, {@code 48h}, {@code 30m}. */
final class Windows {

    private static final Pattern LENGTH = Pattern.compile("(\\d{1,6})\\s*([dhm])");

    private Windows() {
    }

    /** The duration {@code text} names, or null when it is not one. */
    static Duration parse(String text) {
        Matcher m = LENGTH.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    static String text(Duration d) {
        if (d.toMinutes() % (24 * 60) == 0) {
            return d.toDays() + "d";
        }
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
