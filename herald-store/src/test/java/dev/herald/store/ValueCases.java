package dev.herald.store;

import dev.herald.load.CsvCell;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Values as they come in files, per type, each with what a store must hold after loading it — or
 * the reason its row is rejected. Every loader (import, load-file) on every store is held to this
 * table: a value is stored exactly (same instant, same digits) or its row is rejected.
 */
public final class ValueCases {

    /** {@code raw} loads as {@code stored} (canonical text), or its row is rejected with {@code reason}. */
    public record Case(String type, String raw, String stored, String reason) {
        public boolean loads() {
            return reason == null;
        }

        /** The cell as written in the file. */
        public String cell() {
            return CsvCell.quote(raw);
        }
    }

    private ValueCases() {
    }

    private static Case ok(String type, String raw, String stored) {
        return new Case(type, raw, stored, null);
    }

    private static Case bad(String type, String raw, String reason) {
        return new Case(type, raw, null, reason);
    }

    private static Case invalid(String type, String raw) {
        return bad(type, raw, "not a valid " + type + ": \"" + raw + "\"");
    }

    /** With the default settings: ISO dates and times, a '.' for decimals, UTC. */
    public static final List<Case> ISO = List.of(
            ok("int", "51", "51"), ok("int", " 7 ", "7"), ok("int", "+5", "5"), ok("int", "007", "7"),
            ok("int", "-2147483648", "-2147483648"),
            invalid("int", "51.5"), invalid("int", "1e3"), invalid("int", "0x10"), invalid("int", "1_000"),
            bad("int", "2147483648", "out of range for int (-2147483648 to 2147483647): \"2147483648\""),

            ok("long", "9223372036854775807", "9223372036854775807"), invalid("long", "1.0"),
            bad("long", "9223372036854775808",
                    "out of range for long (-9223372036854775808 to 9223372036854775807): \"9223372036854775808\""),

            ok("decimal(10,2)", "1.5", "1.50"), ok("decimal(10,2)", "1.500", "1.50"), ok("decimal(10,2)", "-0.01", "-0.01"),
            ok("decimal(10,2)", "99999999.99", "99999999.99"), ok("decimal(10,2)", ".5", "0.50"),
            ok("decimal(10,2)", "+3", "3.00"), ok("decimal(10,2)", " 12 ", "12.00"),
            ok("decimal(10,2)", "0012.30", "12.30"),
            bad("decimal(10,2)", "1.005", "1.005 has more than 2 decimals for decimal(10,2)"),
            bad("decimal(10,2)", "-0.001", "-0.001 has more than 2 decimals for decimal(10,2)"),
            bad("decimal(10,2)", "100000000", "100000000 has more than 8 digits before the decimal point for decimal(10,2)"),
            bad("decimal(10,2)", "999999999.99", "999999999.99 has more than 8 digits before the decimal point for decimal(10,2)"),
            invalid("decimal(10,2)", "1e3"), invalid("decimal(10,2)", "1,5"), invalid("decimal(10,2)", "abc"),
            invalid("decimal(10,2)", "-"), invalid("decimal(10,2)", "."),

            ok("double", "0.1", "0.1"), ok("double", "1e3", "1000.0"), ok("double", "-2.5E-3", "-0.0025"),
            ok("double", "inf", "Infinity"), ok("double", "-Infinity", "-Infinity"),
            bad("double", "1e400", "out of range for double: \"1e400\""),
            bad("double", "1e-400", "out of range for double: \"1e-400\""),
            invalid("double", "1,5"), invalid("double", "0x10"), invalid("double", "1f"),

            ok("boolean", "yes", "true"), ok("boolean", "N", "false"), ok("boolean", " t ", "true"), ok("boolean", "0", "false"),
            invalid("boolean", "on"), invalid("boolean", "maybe"),

            ok("date", "2024-02-29", "2024-02-29"), ok("date", " 2024-03-01 ", "2024-03-01"),
            invalid("date", "2024-02-30"), invalid("date", "2023-02-29"), invalid("date", "02/10/2017"),
            invalid("date", "2024-1-5"), invalid("date", "0000-01-01"), invalid("date", "2024-02-29T10:00:00Z"),
            invalid("date", "today"), invalid("date", "10000-01-01"),

            ok("timestamp", "2018-03-01 10:00:00", "2018-03-01T10:00:00Z"),
            ok("timestamp", "2018-03-01", "2018-03-01T00:00:00Z"),
            ok("timestamp", "2018-03-01T10:00", "2018-03-01T10:00:00Z"),
            ok("timestamp", "2018-03-01T10:00:00Z", "2018-03-01T10:00:00Z"),
            ok("timestamp", "2026-01-02 08:30:00+02:00", "2026-01-02T06:30:00Z"),
            ok("timestamp", "2026-01-02T08:30:00-0330", "2026-01-02T12:00:00Z"),
            ok("timestamp", "2026-01-02T08:30:00+01", "2026-01-02T07:30:00Z"),
            ok("timestamp", "2026-01-01T10:00:00.123456Z", "2026-01-01T10:00:00.123456Z"),
            ok("timestamp", "2026-01-01T10:00:00.120000000Z", "2026-01-01T10:00:00.12Z"),
            ok("timestamp", "2024-02-29T23:59:59.5", "2024-02-29T23:59:59.5Z"),
            bad("timestamp", "2026-01-01T10:00:00.1234567Z", "2026-01-01T10:00:00.1234567Z has more than 6 decimals of a second"),
            invalid("timestamp", "02-10-2017 10:56"), invalid("timestamp", "2024-02-30T00:00:00Z"),
            invalid("timestamp", "2024-01-01T25:00:00Z"), invalid("timestamp", "2024-01-01T24:00:00Z"),
            invalid("timestamp", "2024-01-01T10:00:60Z"), invalid("timestamp", "yesterday"), invalid("timestamp", "epoch"),
            invalid("timestamp", "infinity"), invalid("timestamp", "2026-01-01T10:00:00 UTC"),
            invalid("timestamp", "2026-1-1 10:00"), invalid("timestamp", "2026-01-01T10:00:00+19:00"),
            invalid("timestamp", "2026-01-01T10"), invalid("timestamp", "0000-01-01T10:00:00Z"),

            ok("string", " Paris ", " Paris "), ok("string", "NULL", "NULL"), ok("string", "Saint-Étienne, Loire", "Saint-Étienne, Loire"),
            bad("string", "b\u0000c", dev.herald.load.ValueConverter.NUL));

    /** With {@code %d/%m/%Y} dates and {@code %d/%m/%Y %H:%M} timestamps. */
    public static final List<Case> DAY_FIRST = List.of(
            ok("timestamp", "31/01/2017 10:00", "2017-01-31T10:00:00Z"),
            ok("timestamp", "01/03/2018 10:00", "2018-03-01T10:00:00Z"),
            invalid("timestamp", "31/02/2017 10:00"), invalid("timestamp", "2017-01-31T10:00:00Z"),
            invalid("timestamp", "31/01/2017 25:00"),
            ok("date", "31/01/2017", "2017-01-31"), invalid("date", "31/02/2017"), invalid("date", "2017-01-31"));

    /** The types of the cases, in order. */
    public static List<String> types(List<Case> cases) {
        return cases.stream().map(Case::type).distinct().toList();
    }

    public static List<Case> of(List<Case> cases, String type) {
        return cases.stream().filter(c -> c.type().equals(type)).toList();
    }

    /** A value read back from a store, as the canonical text of the table. */
    public static String canonical(String type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.replaceAll("\\(.*", "")) {
            case "int", "long" -> Long.toString(((Number) value).longValue());
            case "decimal" -> (value instanceof BigDecimal d ? d : new BigDecimal(value.toString())).toPlainString();
            case "double" -> Double.toString(((Number) value).doubleValue());
            case "boolean" -> value.toString();
            case "date" -> value instanceof java.sql.Date d ? d.toLocalDate().toString() : LocalDate.parse(value.toString()).toString();
            case "timestamp" -> instant(value).toString().replace(".000Z", "Z").replaceAll("(\\.\\d*?)0+Z$", "$1Z");
            default -> value.toString();
        };
    }

    /** The rejects file as line → [column, reason]. */
    public static java.util.Map<Long, List<String>> rejectsByLine(java.nio.file.Path file) throws java.io.IOException {
        java.util.Map<Long, List<String>> byLine = new java.util.TreeMap<>();
        if (!java.nio.file.Files.exists(file)) {
            return byLine;
        }
        try (dev.herald.load.CsvRecordReader in = new dev.herald.load.CsvRecordReader(file, dev.herald.load.CsvOptions.DEFAULT)) {
            in.next();
            for (List<String> r = in.next(); r != null; r = in.next()) {
                byLine.put(Long.parseLong(r.get(0)), java.util.Arrays.asList(r.get(1), r.get(2)));
            }
        }
        return byLine;
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime t) {
            return t.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }
}
