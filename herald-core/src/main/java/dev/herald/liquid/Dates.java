package dev.herald.liquid;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code date} filter: reads a time — an instant in ISO 8601 ({@code 2026-03-14T09:30:00Z},
 * with an offset, as Herald hands timestamps to templates), a local date and time, a date
 * ({@code 2026-03-14}: that day at 00:00), {@code now} or {@code today}, seconds since 1970, or
 * text such as {@code March 14, 2016} — and writes it with Ruby's strftime, in the render's time
 * zone: an instant is shown in that zone, a local value as it is written; {@code %z} is the zone's
 * offset at that time. What is not a time is written as it is.
 */
final class Dates {

    private static final Pattern EPOCH = Pattern.compile("\\d+");
    private static final List<DateTimeFormatter> ZONED = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.ISO_ZONED_DATE_TIME,
            pattern("yyyy-MM-dd HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS] XXX"), pattern("yyyy-MM-dd HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]XXX"),
            pattern("yyyy-MM-dd HH:mm[:ss] xx"), pattern("yyyy-MM-dd HH:mm[:ss] z"),
            DateTimeFormatter.RFC_1123_DATE_TIME);
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME, pattern("yyyy-MM-dd HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]"),
            pattern("MMMM d, yyyy HH:mm[:ss]"), pattern("MMM d, yyyy HH:mm[:ss]"), pattern("d MMMM yyyy HH:mm[:ss]"),
            pattern("yyyy/MM/dd HH:mm[:ss]"));
    private static final List<DateTimeFormatter> DAY = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE, pattern("MMMM d, yyyy"), pattern("MMM d, yyyy"), pattern("MMMM d yyyy"),
            pattern("MMM d yyyy"), pattern("d MMMM yyyy"), pattern("d MMM yyyy"), pattern("EEEE, MMMM d, yyyy"), pattern("EEE, d MMM yyyy"),
            pattern("yyyy/MM/dd"), pattern("yyyyMMdd"));

    private Dates() {
    }

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p).toFormatter(Locale.ENGLISH);
    }

    static Object format(Object input, String format, ZoneId zone) {
        if (format.isEmpty()) {
            return input;
        }
        ZonedDateTime t = read(input, zone);
        return t == null ? input : Strftime.format(t, format);
    }

    /** The time a value stands for, in {@code zone}; null when it is none. */
    static ZonedDateTime read(Object v, ZoneId zone) {
        switch (v) {
            case null -> {
                return null;
            }
            case Instant i -> {
                return i.atZone(zone);
            }
            case OffsetDateTime o -> {
                return o.atZoneSameInstant(zone);
            }
            case ZonedDateTime z -> {
                return z.withZoneSameInstant(zone);
            }
            case LocalDateTime l -> {
                return l.atZone(zone);
            }
            case LocalDate d -> {
                return d.atStartOfDay(zone);
            }
            case Long l -> {
                return Instant.ofEpochSecond(l).atZone(zone);
            }
            case Integer i -> {
                return Instant.ofEpochSecond(i).atZone(zone);
            }
            case String s -> {
                return text(s.strip(), zone);
            }
            default -> {
                return null;
            }
        }
    }

    private static ZonedDateTime text(String s, ZoneId zone) {
        if (s.isEmpty()) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("now") || lower.equals("today")) {
            return ZonedDateTime.now(zone);
        }
        if (EPOCH.matcher(s).matches()) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(s)).atZone(zone);
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return null;
            }
        }
        for (DateTimeFormatter f : ZONED) {
            TemporalAccessor t = parse(f, s);
            if (t != null) {
                return ZonedDateTime.from(t).withZoneSameInstant(zone);
            }
        }
        for (DateTimeFormatter f : LOCAL) {
            TemporalAccessor t = parse(f, s);
            if (t != null) {
                return LocalDateTime.from(t).atZone(zone);
            }
        }
        for (DateTimeFormatter f : DAY) {
            TemporalAccessor t = parse(f, s);
            if (t != null) {
                return LocalDate.from(t).atStartOfDay(zone);
            }
        }
        return null;
    }

    private static TemporalAccessor parse(DateTimeFormatter f, String s) {
        try {
            return f.parse(s);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Ruby's {@code Time#strftime}, with its flags ({@code -}, {@code _}, {@code 0}, {@code ^}, {@code #}) and widths. */
    static final class Strftime {
        private Strftime() {
        }

        static String format(ZonedDateTime t, String format) {
            StringBuilder b = new StringBuilder();
            int i = 0;
            while (i < format.length()) {
                char c = format.charAt(i);
                if (c != '%' || i + 1 >= format.length()) {
                    b.append(c);
                    i++;
                    continue;
                }
                int start = i;
                i++;
                String flags = "";
                while (i < format.length() && "-_0^#".indexOf(format.charAt(i)) >= 0) {
                    flags += format.charAt(i++);
                }
                int width = -1;
                int ws = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > ws) {
                    width = Integer.parseInt(format.substring(ws, i));
                }
                int colons = 0;
                while (i < format.length() && format.charAt(i) == ':') {
                    colons++;
                    i++;
                }
                if (i >= format.length()) {
                    b.append(format, start, format.length());
                    break;
                }
                char d = format.charAt(i++);
                String value = directive(t, d, colons);
                if (value == null) {
                    b.append(format, start, i);
                    continue;
                }
                b.append(pad(value, d, flags, width));
            }
            return b.toString();
        }

        private static boolean numeric(char d) {
            return "CdeGgHIjklLmMNsSuUVwWyY".indexOf(d) >= 0;
        }

        private static String pad(String value, char d, String flags, int width) {
            if (flags.contains("^")) {
                value = value.toUpperCase(Locale.ROOT);
            } else if (flags.contains("#")) {
                value = value.equals(value.toUpperCase(Locale.ROOT)) ? value.toLowerCase(Locale.ROOT) : value.toUpperCase(Locale.ROOT);
            }
            boolean number = numeric(d);
            int natural = switch (d) {
                case 'd', 'H', 'I', 'm', 'M', 'S', 'y', 'g', 'U', 'W', 'V', 'C' -> 2;
                case 'e', 'k', 'l' -> 2;
                case 'j', 'L' -> 3;
                case 'N' -> 9;
                default -> 0;
            };
            if (flags.contains("-")) {
                return number ? stripPadding(value) : value;
            }
            char padChar = (d == 'e' || d == 'k' || d == 'l') ? ' ' : number ? '0' : ' ';
            if (flags.contains("_")) {
                padChar = ' ';
            } else if (flags.contains("0")) {
                padChar = '0';
            }
            int w = width >= 0 ? width : natural;
            String core = number ? stripPadding(value) : value;
            if (!number && width < 0) {
                return value;
            }
            boolean negative = number && core.startsWith("-");
            String digits = negative ? core.substring(1) : core;
            StringBuilder s = new StringBuilder();
            int len = digits.length() + (negative ? 1 : 0);
            if (padChar == '0' && negative) {
                s.append('-');
            }
            for (int k = len; k < w; k++) {
                s.append(padChar);
            }
            if (padChar != '0' && negative) {
                s.append('-');
            }
            return s.append(digits).toString();
        }

        private static String stripPadding(String v) {
            String s = v.strip();
            boolean negative = s.startsWith("-");
            String digits = negative ? s.substring(1) : s;
            int k = 0;
            while (k < digits.length() - 1 && digits.charAt(k) == '0') {
                k++;
            }
            return (negative ? "-" : "") + digits.substring(k);
        }

        private static String directive(ZonedDateTime t, char d, int colons) {
            return switch (d) {
                case 'Y' -> String.valueOf(t.getYear());
                case 'C' -> String.valueOf(Math.floorDiv(t.getYear(), 100));
                case 'y' -> String.format("%02d", Math.floorMod(t.getYear(), 100));
                case 'm' -> String.format("%02d", t.getMonthValue());
                case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'd' -> String.format("%02d", t.getDayOfMonth());
                case 'e' -> String.format("%2d", t.getDayOfMonth());
                case 'j' -> String.format("%03d", t.getDayOfYear());
                case 'H' -> String.format("%02d", t.getHour());
                case 'k' -> String.format("%2d", t.getHour());
                case 'I' -> String.format("%02d", twelve(t));
                case 'l' -> String.format("%2d", twelve(t));
                case 'P' -> t.getHour() < 12 ? "am" : "pm";
                case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                case 'M' -> String.format("%02d", t.getMinute());
                case 'S' -> String.format("%02d", t.getSecond());
                case 'L' -> String.format("%03d", t.getNano() / 1_000_000);
                case 'N' -> String.format("%09d", t.getNano());
                case 'z' -> offset(t.getOffset(), colons);
                case 'Z' -> zoneName(t);
                case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
                case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
                case 'G' -> String.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
                case 'g' -> String.format("%02d", Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
                case 'V' -> String.format("%02d", t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case 'U' -> String.format("%02d", (t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7);
                case 'W' -> String.format("%02d", (t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7);
                case 's' -> String.valueOf(t.toEpochSecond());
                case 'n' -> "\n";
                case 't' -> "\t";
                case '%' -> "%";
                case 'c' -> format(t, "%a %b %e %H:%M:%S %Y");
                case 'D', 'x' -> format(t, "%m/%d/%y");
                case 'F' -> format(t, "%Y-%m-%d");
                case 'T', 'X' -> format(t, "%H:%M:%S");
                case 'R' -> format(t, "%H:%M");
                case 'r' -> format(t, "%I:%M:%S %p");
                case 'v' -> format(t, "%e-%^b-%Y");
                case '+' -> format(t, "%a %b %e %H:%M:%S %Z %Y");
                default -> null;
            };
        }

        private static int twelve(ZonedDateTime t) {
            int h = t.getHour() % 12;
            return h == 0 ? 12 : h;
        }

        private static String offset(ZoneOffset o, int colons) {
            int total = o.getTotalSeconds();
            String sign = total < 0 ? "-" : "+";
            total = Math.abs(total);
            int h = total / 3600;
            int m = total / 60 % 60;
            int s = total % 60;
            return switch (colons) {
                case 0 -> String.format("%s%02d%02d", sign, h, m);
                case 1 -> String.format("%s%02d:%02d", sign, h, m);
                default -> String.format("%s%02d:%02d:%02d", sign, h, m, s);
            };
        }

        private static String zoneName(ZonedDateTime t) {
            if (t.getZone() instanceof ZoneOffset o) {
                return o.getTotalSeconds() == 0 ? "UTC" : o.getId();
            }
            String name = t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            String abbreviation = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(t);
            return abbreviation.isEmpty() ? name : abbreviation;
        }
    }
}
