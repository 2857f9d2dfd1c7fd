package dev.herald.store.load;

import dev.herald.schema.FieldType;

/**
 * Values written the plain way — digits where digits go, nothing to round, a day that exists —
 * which DuckDB's typed CSV reader reads exactly as {@link dev.herald.load.ValueConverter} does.
 * A column whose values are all plain is typed by the reader itself, with no check in SQL: the
 * common case of a big file. Checked on the bytes of one unquoted value.
 */
final class PlainValues {

    private PlainValues() {
    }

    /** Whether values of this type are checked at all (JSON is, by DuckDB's reader). */
    static boolean checked(FieldType type) {
        return type != null && !DuckDbValues.readerTypes(type);
    }

    /** Whether {@code b[from, to)} is a plain value of {@code type}. */
    static boolean plain(FieldType type, byte[] b, int from, int to) {
        return switch (type.kind()) {
            case INT -> wholeNumber(b, from, to, 9);
            case LONG -> wholeNumber(b, from, to, 18);
            case DECIMAL -> decimal(b, from, to, type.precision() - type.scale(), type.scale());
            case DOUBLE -> decimal(b, from, to, 15, 15);
            case BOOLEAN -> is(b, from, to, "true") || is(b, from, to, "false");
            case DATE -> to - from == 10 && date(b, from);
            case TIMESTAMP -> timestamp(b, from, to);
            case STRING, JSON -> true; // a file with a NUL byte is not plain at all
        };
    }

    /** An optional '-' and 1 to {@code maxDigits} digits: no more than the type holds whatever they are. */
    private static boolean wholeNumber(byte[] b, int from, int to, int maxDigits) {
        int i = from < to && b[from] == '-' ? from + 1 : from;
        return to - i >= 1 && to - i <= maxDigits && digits(b, i, to);
    }

    /** An optional '-', 1 to {@code whole} digits, then optionally '.' and 1 to {@code scale} digits: nothing to round. */
    private static boolean decimal(byte[] b, int from, int to, int whole, int scale) {
        int i = from < to && b[from] == '-' ? from + 1 : from;
        int point = i;
        while (point < to && b[point] != '.') {
            point++;
        }
        int wholeDigits = point - i;
        if (wholeDigits < 1 || wholeDigits > whole || !digits(b, i, point)) {
            return false;
        }
        if (point == to) {
            return true;
        }
        int decimals = to - point - 1;
        return decimals >= 1 && decimals <= scale && digits(b, point + 1, to);
    }

    /** {@code yyyy-mm-dd}, a day that exists, year 0001 to 9999. */
    private static boolean date(byte[] b, int at) {
        if (b[at + 4] != '-' || b[at + 7] != '-' || !digits(b, at, at + 4) || !digits(b, at + 5, at + 7) || !digits(b, at + 8, at + 10)) {
            return false;
        }
        int year = number(b, at, at + 4);
        int month = number(b, at + 5, at + 7);
        int day = number(b, at + 8, at + 10);
        return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * {@code yyyy-mm-ddThh:mm:ss}, 'T' or a space, then optionally '.' and 1 to 6 digits, then
     * optionally 'Z' — in UTC, as the store's session reads a time without an offset.
     */
    private static boolean timestamp(byte[] b, int from, int to) {
        if (to - from < 19 || !date(b, from) || (b[from + 10] != 'T' && b[from + 10] != ' ') || b[from + 13] != ':'
                || b[from + 16] != ':' || !digits(b, from + 11, from + 13) || !digits(b, from + 14, from + 16)
                || !digits(b, from + 17, from + 19)) {
            return false;
        }
        if (number(b, from + 11, from + 13) > 23 || number(b, from + 14, from + 16) > 59 || number(b, from + 17, from + 19) > 59) {
            return false;
        }
        int i = from + 19;
        if (i < to && b[i] == '.') {
            int start = ++i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i - start < 1 || i - start > 6) {
                return false;
            }
        }
        if (i < to && b[i] == 'Z') {
            i++;
        }
        return i == to;
    }

    private static boolean digits(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }

    private static boolean is(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
