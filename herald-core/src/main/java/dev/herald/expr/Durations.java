package dev.herald.expr;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** CEL's duration text: a sign, then numbers with units h, m, s, ms, us, ns ({@code "720h"}, {@code "1h30m"}, {@code "1.5s"}). */
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|ns|m|s)");

    private Durations() {
    }

    static Duration parse(String text) {
        String s = text.strip();
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw bad(text);
        }
        Matcher m = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw bad(text);
            }
            end = m.end();
            BigDecimal unit = switch (m.group(2)) {
                case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
                case "m" -> BigDecimal.valueOf(60_000_000_000L);
                case "s" -> BigDecimal.valueOf(1_000_000_000L);
                case "ms" -> BigDecimal.valueOf(1_000_000L);
                case "us" -> BigDecimal.valueOf(1_000L);
                default -> BigDecimal.ONE;
            };
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unit));
        }
        if (end != s.length()) {
            throw bad(text);
        }
        Duration d;
        try {
            d = Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            throw bad(text);
        }
        return negative ? d.negated() : d;
    }

    private static EvaluationException bad(String text) {
        return new EvaluationException("not a valid duration: \"" + text + "\" (write e.g. \"720h\", \"90m\", \"1h30m\", \"2.5s\")");
    }
}
