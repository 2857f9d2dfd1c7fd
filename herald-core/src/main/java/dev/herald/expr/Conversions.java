package dev.herald.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CEL's conversions with Herald's one rule for a value that does not convert: the result is
 * unknown (null), as for an empty field, so the record does not match. The SQL of each
 * ({@code SqlConversions} in the store) follows the same rules; docs/expressions.md states them.
 */
public final class Conversions {

    /** Texts longer than this are no number (the databases' decimal types have limits). */
    public static final int MAX_NUMBER_TEXT = 100;
    /** An optional sign and decimal digits: "42", "+42", "-042". */
    public static final String WHOLE_NUMBER = "[+-]?[0-9]+";
    /** Decimal notation with an optional exponent of up to three digits: "4.2", "-1.5e3", ".5", "5.". */
    public static final String DECIMAL_NUMBER = "[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,3})?";
    /** The texts bool() reads, as CEL (Go's ParseBool) does. */
    public static final Set<String> TRUE_TEXTS = Set.of("1", "t", "T", "true", "TRUE", "True");
    public static final Set<String> FALSE_TEXTS = Set.of("0", "f", "F", "false", "FALSE", "False");
    /** timestamp(int) and int(timestamp) cover CEL's range of times: 0001-01-01 to 9999-12-31. */
    public static final long MIN_SECONDS = -62_135_596_800L;
    public static final long MAX_SECONDS = 253_402_300_799L;

    /** The whole numbers an int holds: from -2^63 inclusive to 2^63 exclusive. */
    public static final BigDecimal INT_LOW = new BigDecimal(Long.MIN_VALUE);
    public static final BigDecimal INT_HIGH = new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE);

    private static final Pattern WHOLE = Pattern.compile(WHOLE_NUMBER);
    private static final Pattern DECIMAL = Pattern.compile(DECIMAL_NUMBER);

    private Conversions() {
    }

    /** int(x): a whole number, a number truncated toward zero, a text of digits, or a time's seconds since 1970. */
    public static Long toInt(Object v) {
        return switch (v) {
            case null -> null;
            case Long l -> l;
            case Double d -> d.isNaN() || d.isInfinite() ? null : whole(new BigDecimal(d));
            case BigDecimal d -> whole(d);
            case String s -> s.length() <= MAX_NUMBER_TEXT && WHOLE.matcher(s).matches() ? whole(new BigDecimal(new BigInteger(s))) : null;
            case Instant t -> t.getEpochSecond();
            default -> throw new EvaluationException("int() cannot convert " + v.getClass().getSimpleName());
        };
    }

    /** The whole part of {@code d} (toward zero), or null outside the range of an int. */
    private static Long whole(BigDecimal d) {
        BigDecimal w = d.setScale(0, RoundingMode.DOWN);
        return w.compareTo(INT_LOW) >= 0 && w.compareTo(INT_HIGH) < 0 ? w.longValueExact() : null;
    }

    /** double(x): a number as a double, or a text in decimal notation; a number too large for a double is unknown. */
    public static Double toDouble(Object v) {
        return switch (v) {
            case null -> null;
            case Double d -> d;
            case Number n -> n.doubleValue();
            case String s -> {
                if (s.length() > MAX_NUMBER_TEXT || !DECIMAL.matcher(s).matches()) {
                    yield null;
                }
                double d = Double.parseDouble(s);
                yield Double.isInfinite(d) ? null : d;
            }
            default -> throw new EvaluationException("double() cannot convert " + v.getClass().getSimpleName());
        };
    }

    /** string(x) of a text, a whole number or true/false. */
    public static String toText(Object v) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Long l -> l.toString();
            case Boolean b -> b.toString();
            // only a constant (a variable) gets here: one interpreter, so any text is consistent
            case Instant t -> t.toString();
            default -> v.toString();
        };
    }

    /** bool(x) of true/false or of one of the texts CEL reads. */
    public static Boolean toBool(Object v) {
        return switch (v) {
            case null -> null;
            case Boolean b -> b;
            case String s -> TRUE_TEXTS.contains(s) ? Boolean.TRUE : FALSE_TEXTS.contains(s) ? Boolean.FALSE : null;
            default -> throw new EvaluationException("bool() cannot convert " + v.getClass().getSimpleName());
        };
    }

    /** timestamp(n): n seconds after 1970-01-01T00:00:00Z, unknown outside years 1 to 9999. */
    public static Instant fromSeconds(Long seconds) {
        return seconds == null || seconds < MIN_SECONDS || seconds > MAX_SECONDS ? null : Instant.ofEpochSecond(seconds);
    }

    /** date(t): midnight UTC of the day of {@code t}. */
    public static Instant day(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
