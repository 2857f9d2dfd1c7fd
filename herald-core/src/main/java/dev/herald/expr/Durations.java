package dev.herald.expr;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CEL's duration text: a sign, then numbers with units h, m, s, ms, us, ns ({@code "720h"},
 * {@code "1h30m"}, {@code "1.5s"}). Durations are precise to the microsecond, as the stores'
 * times are: finer digits are dropped. In SQL a duration is a whole number of microseconds.
 */
public final class Durations {

    /** CEL's limit: about 10,000 years. */
    private static final BigDecimal MAX_MICROS = BigDecimal.valueOf(315_576_000_000L * 1_000_000L);

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
        BigDecimal micros = nanos.divide(BigDecimal.valueOf(1000), 0, java.math.RoundingMode.DOWN);
        if (micros.compareTo(MAX_MICROS) > 0) {
            throw bad(text);
        }
        Duration d = Duration.of(micros.longValueExact(), java.time.temporal.ChronoUnit.MICROS);
        return negative ? d.negated() : d;
    }

    /** The length of {@code d} in microseconds (a duration holds no finer part). */
    public static long micros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
    }

    private static EvaluationException bad(String text) {
        return new EvaluationException("not a valid duration: \"" + text + "\" (write e.g. \"720h\", \"90m\", \"1h30m\", \"2.5s\")");
    }
}
