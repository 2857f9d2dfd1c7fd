package dev.herald.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.herald.schema.FieldType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Checks one text value against a field type and returns it in canonical form (ISO dates, '.'
 * decimals, UTC timestamps). The rejects it explains use the same words whatever the store.
 */
public final class ValueConverter {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final java.util.regex.Pattern REAL = java.util.regex.Pattern.compile(
            "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private final FieldType type;
    private final DateTimeFormatter dateFormat;
    private final DateTimeFormatter timestampFormat;
    private final char decimalSeparator;

    public ValueConverter(FieldType type, CsvOptions options) {
        this.type = type;
        this.dateFormat = options.dateFormat() == null ? null : Strftime.formatter(options.dateFormat());
        this.timestampFormat = options.timestampFormat() == null ? null : Strftime.formatter(options.timestampFormat());
        this.decimalSeparator = options.decimalSeparator();
    }

    /** The reason a value of this field is rejected, the same for every store. */
    public static String notValid(FieldType type, String raw) {
        return "not a valid " + type.spelling() + ": \"" + abbreviate(raw) + "\"";
    }

    static String abbreviate(String raw) {
        return raw.length() > 60 ? raw.substring(0, 57) + "..." : raw;
    }

    /** The canonical text of {@code raw}, or null for null. */
    public String convert(String raw) throws BadValueException {
        if (raw == null) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case STRING -> raw;
                case INT -> Integer.toString(Integer.parseInt(integer(raw)));
                case LONG -> Long.toString(Long.parseLong(integer(raw)));
                case DOUBLE -> real(raw);
                case DECIMAL -> decimal(raw.strip());
                case BOOLEAN -> bool(raw.strip());
                case DATE -> date(raw.strip());
                case TIMESTAMP -> timestamp(raw.strip());
                case JSON -> json(raw);
            };
        } catch (NumberFormatException | java.time.DateTimeException | ArithmeticException e) {
            throw new BadValueException(notValid(type, raw));
        }
    }

    /** ASCII digits with an optional sign (checked by hand: this runs for every value of a big file). */
    private String integer(String raw) throws BadValueException {
        String s = raw.strip();
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
        return s;
    }

    /** Digits with an optional exponent, or inf/infinity/nan in any case — what DuckDB reads too. */
    private String real(String raw) throws BadValueException {
        String s = raw.strip();
        String lower = s.toLowerCase(Locale.ROOT).replaceFirst("^[+]", "");
        switch (lower) {
            case "inf", "infinity" -> {
                return "Infinity";
            }
            case "-inf", "-infinity" -> {
                return "-Infinity";
            }
            case "nan" -> {
                return "NaN";
            }
            default -> {
                if (!REAL.matcher(s).matches()) {
                    throw new BadValueException(notValid(type, raw));
                }
                return Double.toString(Double.parseDouble(s));
            }
        }
    }

    private String decimal(String raw) throws BadValueException {
        String plain = plainDecimal(raw);
        if (plain != null) {
            return plain;
        }
        String text = decimalSeparator == ',' ? raw.replace(',', '.') : raw;
        BigDecimal d = new BigDecimal(text).setScale(type.scale(), RoundingMode.HALF_UP);
        if (d.precision() - d.scale() > type.precision() - type.scale()) {
            throw new BadValueException(notValid(type, raw));
        }
        return d.toPlainString();
    }

    /**
     * The common case without BigDecimal: an optional '-', at most precision-scale digits, then at
     * most scale decimals after the separator; returned with a '.'. Null when it is anything else.
     */
    private String plainDecimal(String raw) {
        int n = raw.length();
        if (n == 0) {
            return null;
        }
        int i = n > 0 && raw.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        while (i < n && raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
            i++;
            digits++;
        }
        int first = raw.charAt(0) == '-' ? 1 : 0;
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

    private String bool(String raw) throws BadValueException {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes", "y" -> "true";
            case "false", "f", "0", "no", "n" -> "false";
            default -> throw new BadValueException(notValid(type, raw));
        };
    }

    private String date(String raw) {
        return dateFormat == null ? LocalDate.parse(raw).toString() : LocalDate.parse(raw, dateFormat).toString();
    }

    private String timestamp(String raw) {
        if (timestampFormat == null && isCanonicalUtc(raw)) {
            return raw;
        }
        TemporalAccessor t = (timestampFormat == null ? ISO_TIMESTAMP : timestampFormat).parse(raw);
        OffsetDateTime at;
        if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
            at = t.isSupported(ChronoField.HOUR_OF_DAY)
                    ? OffsetDateTime.from(t)
                    : LocalDate.from(t).atStartOfDay().atOffset(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)));
        } else if (t.query(java.time.temporal.TemporalQueries.zoneId()) != null && t.isSupported(ChronoField.HOUR_OF_DAY)) {
            at = ZonedDateTime.from(t).toOffsetDateTime();
        } else if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
            at = LocalDateTime.from(t).atOffset(ZoneOffset.UTC);
        } else {
            at = LocalDate.from(t).atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        return at.withOffsetSameInstant(ZoneOffset.UTC).toString();
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
