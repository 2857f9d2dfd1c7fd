package dev.herald.testkit.audience;

import dev.herald.store.Store;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * The {@code sample} entity of the agreement suite: one row per edge case of the conversions, the
 * time arithmetic and the empty values (texts with spaces, points and exponents, numbers at the
 * ends of their ranges, times before 1970 with fractions of a second), inserted as typed values.
 */
final class Samples {

    /** The entity, appended to the retail schema's entities. */
    static final String ENTITY = """
              sample:
                key: id
                fields:
                  id: long
                  text: string
                  whole: long
                  real: double
                  price: decimal(24,2)
                  flag: boolean
                  at: timestamp
                  until: timestamp
                  day: date
                  other_day: date
            """;

    private static final String[] COLUMNS = {"id", "text", "whole", "real", "price", "flag", "at", "until", "day", "other_day"};

    private static final String MAX = "9223372036854775807";
    private static final String MIN = "-9223372036854775808";

    private Samples() {
    }

    /** Inserts the rows; values are bound. */
    static void insert(Store store) {
        List<Object[]> rows = rows();
        for (Object[] row : rows) {
            store.dsl().insertInto(DSL.table(DSL.name("sample")))
                    .columns(Arrays.stream(COLUMNS).map(c -> DSL.field(DSL.name(c))).toList())
                    .values(row).execute();
        }
    }

    private static List<Object[]> rows() {
        List<Object[]> r = new ArrayList<>();
        r.add(row(1, "42", 42L, 2.7, "2.70", true, "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-01-01", "2024-01-31"));
        r.add(row(2, " 42", -42L, -2.7, "-2.70", false, "2024-03-31T23:59:59.999999Z", "2024-03-01T00:00:00Z", "2024-02-29", "2024-02-29"));
        r.add(row(3, "42 ", 0L, 2.5, "2.50", null, "1969-12-31T23:59:59.5Z", "1970-01-01T00:00:00Z", "1969-12-31", "1970-01-01"));
        r.add(row(4, "4.2", Long.parseLong(MAX), -2.5, "-2.50", true, null, "2024-01-01T00:00:00Z", null, "2024-01-01"));
        r.add(row(5, "", Long.parseLong(MIN), 0.5, "0.50", false, "2024-06-30T12:00:00Z", null, "2024-06-30", null));
        r.add(row(6, null, null, null, null, null, null, null, null, null));
        r.add(row(7, "+42", 1_700_000_000L, -0.5, "-0.50", true, "2023-11-14T22:13:20Z", "2023-12-14T22:13:20Z", "2023-11-14", "2023-12-14"));
        r.add(row(8, "-42", -62_135_596_800L, 1e19, MAX + ".99", false, "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "0001-01-01", "9999-12-31"));
        r.add(row(9, "042", 253_402_300_799L, -1e19, "9223372036854775808.00", true, "2024-01-01T00:00:00.000001Z", "2024-01-01T00:00:00Z", "2024-01-01", "2023-12-31"));
        r.add(row(10, MAX, 253_402_300_800L, 9.223372036854775807E18, MIN + ".99", null, "2024-10-27T00:30:00Z", "2024-10-27T03:30:00Z", "2024-10-27", "2024-10-28"));
        r.add(row(11, "9223372036854775808", -62_135_596_801L, -9.223372036854775808E18, "-9223372036854775809.00", false,
                "2024-02-29T12:00:00Z", "2025-02-28T12:00:00Z", "2024-02-29", "2025-02-28"));
        r.add(row(12, MIN, 7L, 9.2233720368547748E18, "12345678901234567890.12", true, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01", "2024-01-01"));
        r.add(row(13, "-9223372036854775809", -7L, -9.2233720368547748E18, "-0.01", null, "2024-05-01T08:00:00Z", "2024-05-31T08:00:00Z", null, null));
        r.add(row(14, "1e3", 1L, 1e-300, "0.00", true, "2024-01-15T00:00:00Z", "2024-01-14T23:59:59Z", "2024-01-15", "2024-01-14"));
        r.add(row(15, "1_000", -1L, -1e-300, "100.99", false, null, null, "2024-03-01", "2024-03-01"));
        String[] texts = {"0x1F", "abc", "1.5e300", "1e400", "-1e400", "1e-400", ".5", "5.", "NaN", "inf", "true", "false", "TRUE",
            "True", "t", "f", "T", "F", "FALSE", "False", "1", "0", "yes", "\u0664\u0662", "-0", "0".repeat(60) + "42",
            "0".repeat(101) + "7", "4.9e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "1.7976931348623157e308",
            "1.7976931348623159e308", "1e999", "1e1000", "42\n", "1.25", "-.5e-3", "+1.5E+3", "12345678901234567890", "3.0"};
        long id = 16;
        for (String text : texts) {
            r.add(row(id, text, id * 1_000_003L, id / 4.0, id + ".25", id % 3 == 0 ? null : id % 2 == 0,
                    "2024-0" + (1 + id % 9) + "-1" + id % 10 + "T1" + id % 10 + ":00:00Z",
                    id % 5 == 0 ? null : "2024-0" + (1 + id % 7) + "-2" + id % 8 + "T0" + id % 10 + ":30:00Z",
                    "2024-0" + (1 + id % 9) + "-1" + id % 10, id % 4 == 0 ? null : "2024-0" + (1 + id % 7) + "-2" + id % 8));
            id++;
        }
        return r;
    }

    private static Object[] row(long id, String text, Long whole, Double real, String price, Boolean flag, String at, String until,
                                String day, String otherDay) {
        return new Object[] {id, text, whole, real, price == null ? null : new BigDecimal(price), flag, time(at), time(until),
            day == null ? null : LocalDate.parse(day), otherDay == null ? null : LocalDate.parse(otherDay)};
    }

    private static OffsetDateTime time(String t) {
        return t == null ? null : OffsetDateTime.parse(t);
    }
}
