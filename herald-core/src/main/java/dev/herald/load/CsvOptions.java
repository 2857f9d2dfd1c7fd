package dev.herald.load;

/**
 * How a CSV file is written. {@code dateFormat} and {@code timestampFormat} use strftime
 * specifiers ({@code %d/%m/%Y}); null means ISO-8601. {@code decimalSeparator} is {@code '.'} or
 * {@code ','}.
 */
public record CsvOptions(char delimiter, char quote, char escape, String dateFormat, String timestampFormat,
                         char decimalSeparator) {

    public static final CsvOptions DEFAULT = new CsvOptions(',', '"', '"', null, null, '.');

    public CsvOptions {
        if (decimalSeparator != '.' && decimalSeparator != ',') {
            throw new IllegalArgumentException("the decimal separator must be '.' or ',', got '" + decimalSeparator + "'");
        }
        if (decimalSeparator == delimiter) {
            throw new IllegalArgumentException("the decimal separator and the delimiter cannot both be '" + delimiter + "'");
        }
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(d, quote, escape, dateFormat, timestampFormat, decimalSeparator);
    }
}
