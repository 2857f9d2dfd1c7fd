package dev.herald.store.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.load.BadValueException;
import dev.herald.load.CsvOptions;
import dev.herald.load.ValueConverter;
import dev.herald.schema.FieldType;
import dev.herald.store.ValueCases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DuckDB's SQL form of the value rules agrees with {@link ValueConverter} on every value: both
 * accept it with the same value, or both reject it with the same reason. The values are the
 * contract's cases and every spelling built from a few pieces (signs, digits, points, exponents,
 * spaces, dates, times, offsets).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbValuesIT {

    private Connection connection;
    private DSLContext dsl;

    @BeforeAll
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
        dsl = DSL.using(connection, SQLDialect.DUCKDB);
    }

    @AfterAll
    void close() throws SQLException {
        connection.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"string", "int", "long", "decimal(10,2)", "decimal(4,0)", "decimal(3,3)", "double", "boolean", "date",
            "timestamp"})
    void duckdb_accepts_and_rejects_every_value_as_herald_does(String spelling) throws SQLException {
        FieldType type = FieldType.parse(spelling);
        for (char separator : new char[] {'.', ','}) {
            CsvOptions options = new CsvOptions(separator == ',' ? ';' : ',', '"', '"', null, null, separator);
            ValueConverter converter = new ValueConverter(type, options);
            DuckDbValues sql = new DuckDbValues(type, separator);
            List<String> values = new ArrayList<>(spellings(type.kind(), separator));
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE OR REPLACE TEMP TABLE v (i INTEGER, raw VARCHAR)");
            }
            var insert = dsl.insertInto(DSL.table(DSL.name("v")), DSL.field(DSL.name("i")), DSL.field(DSL.name("raw")));
            for (int i = 0; i < values.size(); i++) {
                insert = insert.values(i, values.get(i));
            }
            insert.execute();
            var raw = DuckDbValues.text("raw");
            var attempt = DSL.field(DSL.name("attempt"));
            var withAttempt = DSL.select(DSL.asterisk(), sql.attempt(raw).as("attempt")).from(DSL.table(DSL.name("v"))).asTable("a");
            var rows = dsl.select(DSL.field(DSL.name("i"), Integer.class), DSL.field(sql.invalid(raw, attempt).not()),
                            DSL.cast(sql.checked(raw, attempt, DSL.inline((Object) null)), String.class), sql.reason(raw))
                    .from(withAttempt).orderBy(DSL.field(DSL.name("i"))).fetch();
            for (Record r : rows) {
                String value = values.get(r.get(0, Integer.class));
                String expected;
                boolean accepted;
                try {
                    expected = converter.convert(value);
                    accepted = true;
                } catch (BadValueException e) {
                    expected = e.getMessage();
                    accepted = false;
                }
                assertThat(r.get(1, Boolean.class)).as("%s accepts \"%s\" (separator %s)", spelling, value, separator).isEqualTo(accepted);
                if (accepted) {
                    assertThat(ValueCases.canonical(spelling, parse(type, r.get(2, String.class))))
                            .as("%s \"%s\"", spelling, value).isEqualTo(ValueCases.canonical(spelling, parse(type, expected)));
                } else {
                    assertThat(r.get(3, String.class)).as("%s \"%s\"", spelling, value).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"int", "long", "decimal(10,2)", "decimal(4,0)", "double", "boolean", "date", "timestamp"})
    void what_herald_calls_plain_duckdbs_typed_reader_reads_exactly_as_herald_does(String spelling) throws Exception {
        FieldType type = FieldType.parse(spelling);
        ValueConverter converter = new ValueConverter(type, CsvOptions.DEFAULT);
        List<String> plain = new ArrayList<>();
        for (String v : spellings(type.kind(), '.')) {
            byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (!v.isEmpty() && v.indexOf(',') < 0 && v.indexOf('"') < 0 && PlainValues.plain(type, b, 0, b.length)) {
                plain.add(v);
            }
        }
        assertThat(plain).as("plain spellings of " + spelling).isNotEmpty();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("herald-plain-", ".csv");
        try {
            java.nio.file.Files.writeString(file, "v\n" + String.join("\n", plain) + "\n");
            List<String> read = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 var rs = s.executeQuery("SELECT CAST(v AS VARCHAR) FROM read_csv(" + dsl.render(DSL.inline(file.toString()))
                         + ", header = true, auto_detect = false, columns = {'v': " + dsl.render(DSL.inline(
                         dev.herald.store.SqlTypes.duckDbReaderType(type))) + "})")) {
                while (rs.next()) {
                    read.add(rs.getString(1));
                }
            }
            assertThat(read).hasSize(plain.size());
            for (int i = 0; i < plain.size(); i++) {
                String expected;
                try {
                    expected = converter.convert(plain.get(i));
                } catch (BadValueException e) {
                    throw new AssertionError(spelling + " \"" + plain.get(i) + "\" is called plain but Herald rejects it: " + e.getMessage());
                }
                assertThat(ValueCases.canonical(spelling, parse(type, read.get(i))))
                        .as("%s \"%s\"", spelling, plain.get(i)).isEqualTo(ValueCases.canonical(spelling, parse(type, expected)));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private static Object parse(FieldType type, String text) {
        return switch (type.kind()) {
            case INT, LONG -> Long.parseLong(text);
            case DOUBLE -> switch (text.toLowerCase()) {
                case "inf", "infinity" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                case "nan" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
            case DECIMAL -> new java.math.BigDecimal(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
            case TIMESTAMP -> java.time.OffsetDateTime.parse(text.replace(' ', 'T').replaceAll("([+-]\\d\\d)$", "$1:00"));
            default -> text;
        };
    }

    /** The contract's cases plus every combination of a few pieces, many of them wrong. */
    private static Set<String> spellings(FieldType.Kind kind, char separator) {
        Set<String> out = new LinkedHashSet<>();
        ValueCases.ISO.stream().map(ValueCases.Case::raw).forEach(out::add);
        ValueCases.DAY_FIRST.stream().map(ValueCases.Case::raw).forEach(out::add);
        String p = String.valueOf(separator);
        switch (kind) {
            case INT, LONG, DECIMAL, DOUBLE -> {
                for (String sign : List.of("", "-", "+", "--", " ")) {
                    for (String whole : List.of("", "0", "7", "007", "12345678", "123456789", "99999999999", "2147483647",
                            "2147483648", "9223372036854775807", "9223372036854775808", "1_0", "٣")) {
                        for (String decimals : List.of("", p, p + "0", p + "5", p + "50", p + "005", p + "0000001", p + "9999", "x")) {
                            for (String exponent : List.of("", "e3", "E-3", "e400", "e-400", "e")) {
                                out.add(sign + whole + decimals + exponent);
                            }
                        }
                    }
                }
                out.addAll(List.of("inf", "-Infinity", "+inf", "NaN", "nan", "-nan", "infinite", "\t5\t", " 5 ", "5 5", "0x1A", "1f", "1d",
                        "5-", "5-3", "-", ".", "-.", "1..2", "0b101", "0o17", "1-2.5", "-0", "-0.0", "0.000", "1" + "0".repeat(400),
                        "0." + "0".repeat(400) + "1", "-" + "9".repeat(30) + ".5"));
            }
            case BOOLEAN -> out.addAll(List.of("true", "TRUE", "t", "1", "yes", "Y", "false", "F", "0", "no", "n", "on", "off",
                    "2", " true ", "tru", "yes!", ""));
            case DATE, TIMESTAMP -> {
                for (String day : List.of("2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01",
                        "0001-01-01", "9999-12-31", "2024-1-05", "24-01-05", "10000-01-01", "2024/01/05")) {
                    for (String sep : List.of("", "T", " ", "t", "  ")) {
                        for (String time : List.of("", "10:00", "23:59:59", "24:00:00", "10:60", "10:00:60", "10:00:00.5",
                                "10:00:00.123456", "10:00:00.1234567", "10:00:00.1234560", "10:00:00.", "1:00", "10")) {
                            for (String offset : List.of("", "Z", "z", "+02:00", "-0330", "+05", "+18:00", "+18:30", "+19:00",
                                    " UTC", "+2")) {
                                if (!sep.isEmpty() || time.isEmpty()) {
                                    out.add(day + sep + time + offset);
                                }
                            }
                        }
                    }
                }
                out.addAll(List.of("yesterday", "epoch", "infinity", "-infinity", "today", " 2024-03-01 ", "2024-03-01\t",
                        "-024-01-01", "2024--1-01", "2024-01--1", "00-0-01-01", "2024-01-0-", "0000-01-01T10:00:00Z",
                        "-024-01-01T10:00:00Z", "2024-01-0TT10:00:00Z", "2024-01-01T10:00:0ZZ", "2024-01-01T1:-00:00Z",
                        "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2024-01-01T23:59:60Z", "2024-01-01TZ0:00:00Z"));
            }
            default -> {
            }
        }
        return out;
    }
}
