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
import java.time.format.DateTimeParseException;
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
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

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
                case INT -> Integer.toString(Integer.parseInt(raw.strip()));
                case LONG -> Long.toString(Long.parseLong(raw.strip()));
                case DOUBLE -> Double.toString(Double.parseDouble(raw.strip()));
                case DECIMAL -> decimal(raw.strip());
                case BOOLEAN -> bool(raw.strip());
                case DATE -> date(raw.strip());
                case TIMESTAMP -> timestamp(raw.strip());
                case JSON -> json(raw);
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new BadValueException(notValid(type, raw));
        }
    }

    private String decimal(String raw) throws BadValueException {
        String text = decimalSeparator == ',' ? raw.replace(',', '.') : raw;
        BigDecimal d = new BigDecimal(text).setScale(type.scale(), RoundingMode.HALF_UP);
        if (d.precision() - d.scale() > type.precision() - type.scale()) {
            throw new BadValueException(notValid(type, raw));
        }
        return d.toPlainString();
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
