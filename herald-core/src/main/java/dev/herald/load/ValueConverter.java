package dev.herald.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.herald.schema.FieldType;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one text value against a field type and returns it in canonical form (ISO dates, '.'
 * decimals, UTC timestamps with seconds). A value is kept exactly — the same digits, the same
 * instant — or rejected with a reason: nothing is rounded, moved or emptied. The rejects it
 * explains use the same words whatever the store; DuckDB's import checks the same rules in SQL
 * ({@code DuckDbValues}), from the patterns below.
 */
public final class ValueConverter {

    /** Spaces and tabs around a number, a boolean, a date or a timestamp are ignored. */
    public static final String BLANKS = " \t";
    /** A whole number: an optional sign and ASCII digits. */
    public static final String INTEGER_PATTERN = "[+-]?[0-9]+";
    /** A decimal in plain notation; {@code SEP} stands for the decimal separator. */
    public static final String DECIMAL_PATTERN = "[+-]?([0-9]+(SEP[0-9]*)?|SEP[0-9]+)";
    /** A real number; {@code SEP} stands for the decimal separator. */
    public static final String REAL_PATTERN = "[+-]?([0-9]+(SEP[0-9]*)?|SEP[0-9]+)([eE][+-]?[0-9]+)?";
    /** The words a double may also be, in any case. */
    public static final List<String> REAL_WORDS = List.of("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan");
    public static final List<String> TRUE_WORDS = List.of("true", "t", "1", "yes", "y");
    public static final List<String> FALSE_WORDS = List.of("false", "f", "0", "no", "n");
    /** An ISO date: four digits of year (0001 to 9999), two of month, two of day. */
    public static final String DATE_PATTERN = "([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    /**
     * An ISO timestamp: a date, then optionally 'T' or a space and hh:mm[:ss[.fraction]], then
     * optionally 'Z' or an offset of at most 18 hours (+hh:mm, +hhmm, +hh).
     */
    public static final String TIMESTAMP_PATTERN = DATE_PATTERN
            + "([T ]([01][0-9]|2[0-3]):([0-5][0-9])(:([0-5][0-9])([.]([0-9]+))?)?"
            + "(Z|[+-](0[0-9]|1[0-7])(:?[0-5][0-9])?|[+-]18(:?00)?)?)?";
    /** PostgreSQL cannot hold the character 0 in a text; no store is given one. */
    public static final String NUL = "holds a NUL character (0x00), which a store cannot keep";
    /** Fractions of a second are kept to the microsecond, as both stores hold them. */
    public static final int SECOND_DECIMALS = 6;

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern TIMESTAMP = Pattern.compile(TIMESTAMP_PATTERN);
    private static final DateTimeFormatter CANONICAL_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private final FieldType type;
    private final DateTimeFormatter dateFormat;
    private final DateTimeFormatter timestampFormat;
    private final char decimalSeparator;
    private final Pattern decimal;
    private final Pattern real;
    private final ZoneId zone;

    public ValueConverter(FieldType type, CsvOptions options) {
        this.type = type;
        this.dateFormat = options.dateFormat() == null ? null : Strftime.formatter(options.dateFormat());
        this.timestampFormat = options.timestampFormat() == null ? null : Strftime.formatter(options.timestampFormat());
        this.decimalSeparator = options.decimalSeparator();
        String sep = Pattern.quote(String.valueOf(decimalSeparator));
        this.decimal = Pattern.compile(DECIMAL_PATTERN.replace("SEP", sep));
        this.real = Pattern.compile(REAL_PATTERN.replace("SEP", sep));
        this.zone = options.zone();
    }

    /** The reason a value of this field is rejected, the same for every store. */
    public static String notValid(FieldType type, String raw) {
        return "not a valid " + type.spelling() + ": \"" + abbreviate(raw) + "\"";
    }

    /** At most 60 characters of a value, for a reason. */
    public static String abbreviate(String raw) {
        return raw.codePointCount(0, raw.length()) > 60 ? raw.substring(0, raw.offsetByCodePoints(0, 57)) + "..." : raw;
    }

    /** The canonical text of {@code raw}, or null for null. */
    public String convert(String raw) throws BadValueException {
        if (raw == null) {
            return null;
        }
        if (raw.indexOf('\u0000') >= 0) {
            throw new BadValueException(NUL);
        }
        try {
            return switch (type.kind()) {
                case STRING -> raw;
                case INT -> integer(raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case LONG -> integer(raw, Long.MIN_VALUE, Long.MAX_VALUE);
                case DOUBLE -> real(raw);
                case DECIMAL -> decimal(raw);
                case BOOLEAN -> bool(raw);
                case DATE -> date(raw);
                case TIMESTAMP -> timestamp(raw);
                case JSON -> json(raw);
            };
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new BadValueException(notValid(type, raw));
        }
    }

    /** {@code raw} without the spaces and tabs around it. */
    public static String strip(String raw) {
        int from = 0;
        int to = raw.length();
        while (from < to && BLANKS.indexOf(raw.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && BLANKS.indexOf(raw.charAt(to - 1)) >= 0) {
            to--;
        }
        return from == 0 && to == raw.length() ? raw : raw.substring(from, to);
    }

    /** ASCII digits with an optional sign, in range (checked by hand: this runs for every value of a big file). */
    private String integer(String raw, long min, long max) throws BadValueException {
        String s = strip(raw);
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == s.length()) {
            throw new BadValueException(notValid(type, raw));
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadValueException(notValid(type, raw));
            }
        }
        try {
            long v = Long.parseLong(s);
            if (v >= min && v <= max) {
                return Long.toString(v);
            }
        } catch (NumberFormatException tooLong) {
            // out of range of a long as well
        }
        throw new BadValueException("out of range for " + type.spelling() + " (" + min + " to " + max + "): \"" + abbreviate(raw) + "\"");
    }

    /** Digits with an optional exponent, or inf/infinity/nan in any case; a number beyond a double's range is rejected. */
    private String real(String raw) throws BadValueException {
        String s = strip(raw);
        String lower = s.toLowerCase(Locale.ROOT);
        if (REAL_WORDS.contains(lower)) {
            return lower.equals("nan") ? "NaN" : lower.startsWith("-") ? "-Infinity" : "Infinity";
        }
        if (!real.matcher(s).matches()) {
            throw new BadValueException(notValid(type, raw));
        }
        double d = Double.parseDouble(decimalSeparator == '.' ? s : s.replace(decimalSeparator, '.'));
        if (Double.isInfinite(d) || (d == 0 && hasNonZeroDigit(s))) {
            throw new BadValueException("out of range for double: \"" + abbreviate(raw) + "\"");
        }
        return Double.toString(d);
    }

    /** Whether the digits before the exponent are not all zeros. */
    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * A decimal exactly: at most {@code scale} decimals (trailing zeros aside) and at most
     * {@code precision - scale} digits before the point (leading zeros aside). Nothing is rounded.
     */
    private String decimal(String raw) throws BadValueException {
        String s = strip(raw);
        String plain = plainDecimal(s);
        if (plain != null) {
            return plain;
        }
        if (!decimal.matcher(s).matches()) {
            throw new BadValueException(notValid(type, raw));
        }
        boolean negative = s.charAt(0) == '-';
        String unsigned = s.charAt(0) == '-' || s.charAt(0) == '+' ? s.substring(1) : s;
        int point = unsigned.indexOf(decimalSeparator);
        String whole = stripLeadingZeros(point < 0 ? unsigned : unsigned.substring(0, point));
        String decimals = stripTrailingZeros(point < 0 ? "" : unsigned.substring(point + 1));
        if (decimals.length() > type.scale()) {
            throw new BadValueException(abbreviate(s) + " has more than " + decimalsWord(type.scale()) + " for " + type.spelling());
        }
        if (whole.length() > type.precision() - type.scale()) {
            throw new BadValueException(abbreviate(s) + " has more than " + (type.precision() - type.scale())
                    + " digits before the decimal point for " + type.spelling());
        }
        String digits = (whole.isEmpty() ? "0" : whole)
                + (type.scale() == 0 ? "" : "." + decimals + "0".repeat(type.scale() - decimals.length()));
        boolean zero = whole.isEmpty() && decimals.isEmpty();
        return negative && !zero ? "-" + digits : digits;
    }

    /** "2 decimals", "1 decimal", "0 decimals". */
    public static String decimalsWord(int n) {
        return n + (n == 1 ? " decimal" : " decimals");
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailingZeros(String s) {
        int i = s.length();
        while (i > 0 && s.charAt(i - 1) == '0') {
            i--;
        }
        return s.substring(0, i);
    }

    /**
     * The common case without regular expressions: an optional '-', at most precision-scale digits
     * without a leading zero, then at most scale decimals after the separator; returned with a '.'.
     * Null when it is anything else.
     */
    private String plainDecimal(String raw) {
        int n = raw.length();
        if (n == 0) {
            return null;
        }
        int first = raw.charAt(0) == '-' ? 1 : 0;
        if (first == 1 && isZero(raw)) {
            return null; // -0 is 0
        }
        int i = first;
        int digits = 0;
        while (i < n && raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (digits == 0 || digits > type.precision() - type.scale() || (digits > 1 && raw.charAt(first) == '0')) {
            return null;
        }
        if (i == n) {
            return type.scale() == 0 ? raw : raw + '.' + "0".repeat(type.scale());
        }
        if (raw.charAt(i) != decimalSeparator) {
            return null;
        }
        int point = i++;
        int decimals = 0;
        while (i < n && raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
            i++;
            decimals++;
        }
        if (i != n || decimals == 0 || decimals > type.scale()) {
            return null;
        }
        String padded = raw + "0".repeat(type.scale() - decimals);
        return decimalSeparator == '.' ? padded : padded.substring(0, point) + '.' + padded.substring(point + 1);
    }

    private static boolean isZero(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    private String bool(String raw) throws BadValueException {
        String s = strip(raw).toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(s)) {
            return "true";
        }
        if (FALSE_WORDS.contains(s)) {
            return "false";
        }
        throw new BadValueException(notValid(type, raw));
    }

    private String date(String raw) throws BadValueException {
        String s = strip(raw);
        if (dateFormat != null) {
            return LocalDate.parse(s, dateFormat).toString();
        }
        // DATE_PATTERN, checked by hand; LocalDate.of refuses a month or a day that does not exist
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-' || digits(s, 0, 4) < 1 || digits(s, 5, 7) < 0
                || digits(s, 8, 10) < 0) {
            throw new BadValueException(notValid(type, raw));
        }
        return LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10)).toString();
    }

    private String timestamp(String raw) throws BadValueException {
        String s = strip(raw);
        if (timestampFormat == null && isCanonicalUtc(s)) {
            return s;
        }
        OffsetDateTime at = timestampFormat == null ? iso(s, raw) : formatted(s);
        int year = at.withOffsetSameInstant(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9999) {
            throw new BadValueException(notValid(type, raw));
        }
        return canonical(at);
    }

    /** An ISO timestamp, read by the groups of {@link #TIMESTAMP_PATTERN}. */
    private OffsetDateTime iso(String s, String raw) throws BadValueException {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches() || s.startsWith("0000")) {
            throw new BadValueException(notValid(type, raw));
        }
        LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        if (m.group(4) == null) {
            return local(day.atStartOfDay(), s);
        }
        String fraction = m.group(10) == null ? "" : stripTrailingZeros(m.group(10));
        if (fraction.length() > SECOND_DECIMALS) {
            throw new BadValueException(abbreviate(s) + " has more than " + SECOND_DECIMALS + " decimals of a second");
        }
        int nanos = fraction.isEmpty() ? 0 : Integer.parseInt(fraction + "0".repeat(9 - fraction.length()));
        LocalDateTime time = day.atTime(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                m.group(8) == null ? 0 : Integer.parseInt(m.group(8)), nanos);
        String offset = m.group(11);
        return offset == null ? local(time, s) : time.atOffset(ZoneOffset.of(offset));
    }

    /** A timestamp in the file's strftime format. */
    private OffsetDateTime formatted(String s) throws BadValueException {
        TemporalAccessor t = timestampFormat.parse(s);
        boolean hasTime = t.isSupported(ChronoField.HOUR_OF_DAY);
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS));
            return hasTime ? OffsetDateTime.from(t) : LocalDate.from(t).atStartOfDay().atOffset(offset);
        }
        ZoneId named = t.query(TemporalQueries.zoneId());
        if (named != null && hasTime) {
            return ZonedDateTime.from(t).toOffsetDateTime();
        }
        return local(hasTime ? LocalDateTime.from(t) : LocalDate.from(t).atStartOfDay(), s);
    }

    /**
     * A time written without an offset, in the file's time zone (UTC unless told). A time the zone
     * skips (the clocks went forward) or has twice (they went back) is rejected, never moved or guessed.
     */
    private OffsetDateTime local(LocalDateTime time, String s) throws BadValueException {
        if (zone == null) {
            return time.atOffset(ZoneOffset.UTC);
        }
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(time);
        if (offsets.isEmpty()) {
            throw new BadValueException(abbreviate(s) + " does not exist in " + zone
                    + ": the clocks went forward at that time");
        }
        if (offsets.size() > 1) {
            throw new BadValueException(abbreviate(s) + " happens twice in " + zone
                    + " (the clocks went back): write it with its offset, " + offsets.get(0) + " or " + offsets.get(1));
        }
        return time.atOffset(offsets.get(0));
    }

    /** {@code 2026-01-31T10:00:00Z}, with the fraction of a second when there is one: what both stores read back. */
    public static String canonical(OffsetDateTime at) {
        OffsetDateTime utc = at.withOffsetSameInstant(ZoneOffset.UTC);
        String seconds = CANONICAL_SECONDS.format(utc);
        int nanos = utc.getNano();
        if (nanos == 0) {
            return seconds + "Z";
        }
        return seconds + "." + stripTrailingZeros(String.format(Locale.ROOT, "%09d", nanos)) + "Z";
    }

    /** {@code 2026-01-31T10:00:00Z}, checked field by field: most files hold nothing else, and this is 20× faster than parsing. */
    private static boolean isCanonicalUtc(String s) {
        if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= java.time.YearMonth.of(year, month).lengthOfMonth()
                && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60;
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private String json(String raw) throws BadValueException {
        try (JsonParser p = JSON.createParser(raw)) {
            if (p.nextToken() == null) {
                throw new BadValueException(notValid(type, raw));
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new BadValueException(notValid(type, raw));
            }
            return raw;
        } catch (IOException e) {
            throw new BadValueException(notValid(type, raw));
        }
    }

}
