package dev.herald.load;

import java.time.ZoneId;

/**
 * How a CSV file is written. {@code dateFormat} and {@code timestampFormat} use strftime
 * specifiers ({@code %d/%m/%Y}); null means ISO-8601. {@code decimalSeparator} is {@code '.'} or
 * {@code ','}. {@code zone} is the time zone of times written without an offset; null means UTC.
 */
public record CsvOptions(char delimiter, char quote, char escape, String dateFormat, String timestampFormat,
                         char decimalSeparator, ZoneId zone) {

    public static final CsvOptions DEFAULT = new CsvOptions(',', '"', '"', null, null, '.');

    public CsvOptions {
        if (decimalSeparator != '.' && decimalSeparator != ',') {
            throw new IllegalArgumentException("the decimal separator must be '.' or ',', got '" + decimalSeparator + "'");
        }
        if (decimalSeparator == delimiter) {
            throw new IllegalArgumentException("the decimal separator and the delimiter cannot both be '" + delimiter + "'");
        }
    }

    public CsvOptions(char delimiter, char quote, char escape, String dateFormat, String timestampFormat, char decimalSeparator) {
        this(delimiter, quote, escape, dateFormat, timestampFormat, decimalSeparator, null);
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(d, quote, escape, dateFormat, timestampFormat, decimalSeparator, zone);
    }

    public CsvOptions withZone(ZoneId z) {
        return new CsvOptions(delimiter, quote, escape, dateFormat, timestampFormat, decimalSeparator, z);
    }

    /**
     * The time zone named by {@code text} (an IANA name such as {@code America/Sao_Paulo}, or
     * {@code UTC}), or a one-line error naming the setting.
     */
    public static ZoneId zone(String text, String setting) {
        try {
            return ZoneId.of(text.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(setting + ": unknown time zone '" + text + "'; use a name such as Europe/Paris, "
                    + "America/Sao_Paulo or UTC");
        }
    }
}
