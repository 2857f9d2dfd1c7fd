package dev.herald.load;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * Translates the strftime patterns users give for dates ({@code %d/%m/%Y}), the same patterns
 * DuckDB's readers take, into a {@link DateTimeFormatter}.
 */
public final class Strftime {

    private Strftime() {
    }

    public static DateTimeFormatter formatter(String pattern) {
        if (pattern.contains("%I") && !pattern.contains("%p")) {
            throw new IllegalArgumentException("'" + pattern + "' has %I (12-hour clock) without %p (AM/PM); use %H for a 24-hour clock");
        }
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 == pattern.length()) {
                b.appendLiteral(c);
                continue;
            }
            char s = pattern.charAt(++i);
            boolean noPad = s == '-';
            if (noPad && i + 1 < pattern.length()) {
                s = pattern.charAt(++i);
            }
            switch (s) {
                case 'Y' -> b.appendPattern("uuuu");
                case 'y' -> b.appendPattern("uu");
                case 'm' -> b.appendPattern(noPad ? "M" : "MM");
                case 'd', 'e' -> b.appendPattern(noPad ? "d" : "dd");
                case 'H' -> b.appendPattern(noPad ? "H" : "HH");
                case 'I' -> b.appendPattern(noPad ? "h" : "hh");
                case 'M' -> b.appendPattern(noPad ? "m" : "mm");
                case 'S' -> b.appendPattern(noPad ? "s" : "ss");
                case 'f' -> b.appendPattern("SSSSSS");
                case 'g' -> b.appendPattern("SSS");
                case 'p' -> b.appendPattern("a");
                case 'b', 'h' -> b.appendPattern("MMM");
                case 'B' -> b.appendPattern("MMMM");
                case 'a' -> b.appendPattern("EEE");
                case 'A' -> b.appendPattern("EEEE");
                case 'j' -> b.appendPattern("DDD");
                case 'z' -> b.appendPattern("xx");
                case 'Z' -> b.appendPattern("VV");
                case '%' -> b.appendLiteral('%');
                default -> throw new IllegalArgumentException("unsupported date specifier '%" + s + "' in '" + pattern + "'");
            }
        }
        // STRICT: 31/02 is an error, never quietly 28/02 or 29/02
        return b.toFormatter(Locale.ENGLISH).withResolverStyle(java.time.format.ResolverStyle.STRICT);
    }
}
