package dev.herald.campaign.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lengths of time as marketers write them: {@code 90m}, {@code 2d}, {@code 1h30m}, {@code 1w}, {@code 45s}. */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+[wdhms])+");
    private static final Pattern PART = Pattern.compile("(\\d+)([wdhms])");

    private Durations() {
    }

    /** The duration, or null when {@code text} is not one. */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (!WHOLE.matcher(t).matches()) {
            return null;
        }
        try {
            return sum(t);
        } catch (ArithmeticException | NumberFormatException tooLong) {
            return null;
        }
    }

    private static Duration sum(String t) {
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "w" -> Duration.ofDays(7 * n);
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return d;
    }

    /** The shortest way to write {@code d} back: {@code 1d2h}, {@code 90s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long s = d.getSeconds();
        long[] units = {86_400, 3_600, 60, 1};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (s >= units[i]) {
                b.append(s / units[i]).append(names[i]);
                s %= units[i];
            }
        }
        return b.toString();
    }
}
