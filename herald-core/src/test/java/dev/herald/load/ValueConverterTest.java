package dev.herald.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.herald.schema.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueConverterTest {

    private static final CsvOptions ISO = CsvOptions.DEFAULT;
    private static final CsvOptions FRENCH = new CsvOptions(';', '"', '"', "%d/%m/%Y", "%d/%m/%Y %H:%M", ',');

    @ParameterizedTest(name = "{0} \"{1}\" -> \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            string        | '  kept as is  '           | '  kept as is  '
            int           | ' 42 '                     | 42
            int           | +7                         | 7
            long          | 9223372036854775807        | 9223372036854775807
            double        | 1e3                        | 1000.0
            decimal(12,2) | 3.5                        | 3.50
            boolean       | TRUE                       | true
            date          | 2024-03-01                 | 2024-03-01
            timestamp     | 2024-03-01 10:15:30        | 2024-03-01T10:15:30Z
            json          | '{"a": [1, 2]}'            | '{"a": [1, 2]}'
            """)
    void each_type_has_a_canonical_form(String type, String raw, String canonical) throws BadValueException {
        assertThat(convert(type, ISO, raw)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            int           | x
            int           | 1.0
            int           | 51.5
            long          | 1e3
            double        | abc
            decimal(5,2)  | abc
            boolean       | maybe
            date          | 2024-13-01
            date          | 2024-02-30
            timestamp     | yesterday
            json          | '{broken'
            """)
    void a_bad_value_is_rejected_with_its_type_and_text(String type, String raw) {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert(type, ISO, raw))
                .withMessage("not a valid " + type + ": \"" + raw + "\"");
    }

    @Test
    void the_reason_quotes_the_value_exactly() {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("int", ISO, "x"))
                .withMessage("not a valid int: \"x\"");
    }

    @Test
    void a_long_value_is_shortened_in_the_reason() {
        String raw = "x".repeat(70);

        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("int", ISO, raw))
                .withMessage("not a valid int: \"" + "x".repeat(57) + "...\"");
    }

    @Test
    void a_nul_character_is_rejected_in_any_type() {
        for (String type : new String[] {"string", "int", "json"}) {
            assertThatExceptionOfType(BadValueException.class)
                    .isThrownBy(() -> convert(type, ISO, "a\u0000b"))
                    .withMessage("holds a NUL character (0x00), which a store cannot keep");
        }
    }

    @Test
    void null_stays_null() throws BadValueException {
        assertThat(convert("int", ISO, null)).isNull();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            1.005    | 1.005 has more than 2 decimals for decimal(5,2)
            -1.005   | -1.005 has more than 2 decimals for decimal(5,2)
            0.001    | 0.001 has more than 2 decimals for decimal(5,2)
            999.994  | 999.994 has more than 2 decimals for decimal(5,2)
            999.995  | 999.995 has more than 2 decimals for decimal(5,2)
            1000     | 1000 has more than 3 digits before the decimal point for decimal(5,2)
            -1000.00 | -1000.00 has more than 3 digits before the decimal point for decimal(5,2)
            """)
    void a_decimal_that_does_not_fit_exactly_is_rejected_never_rounded(String raw, String reason) {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("decimal(5,2)", ISO, raw))
                .withMessage(reason);
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource({"1.50, 1.50", "1.5000, 1.50", "0001.2, 1.20", "-0.00, 0.00", "+2, 2.00", ".5, 0.50", "5., 5.00"})
    void trailing_and_leading_zeros_are_not_digits_lost(String raw, String canonical) throws BadValueException {
        assertThat(convert("decimal(5,2)", ISO, raw)).isEqualTo(canonical);
    }

    @Test
    void a_decimal_without_decimals_says_so() {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("decimal(4,0)", ISO, "3.5"))
                .withMessage("3.5 has more than 0 decimals for decimal(4,0)");
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("decimal(4,1)", ISO, "3.55"))
                .withMessage("3.55 has more than 1 decimal for decimal(4,1)");
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            int  | 2147483648           | out of range for int (-2147483648 to 2147483647): "2147483648"
            int  | -2147483649          | out of range for int (-2147483648 to 2147483647): "-2147483649"
            long | 9223372036854775808  | out of range for long (-9223372036854775808 to 9223372036854775807): "9223372036854775808"
            long | 99999999999999999999 | out of range for long (-9223372036854775808 to 9223372036854775807): "99999999999999999999"
            """)
    void a_whole_number_out_of_range_is_rejected_with_the_range(String type, String raw, String reason) {
        assertThatExceptionOfType(BadValueException.class).isThrownBy(() -> convert(type, ISO, raw)).withMessage(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1e-400", "0.0000000001e-330"})
    void a_double_beyond_its_range_is_rejected_not_made_infinite_or_zero(String raw) {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("double", ISO, raw))
                .withMessage("out of range for double: \"" + raw + "\"");
    }

    @Test
    void a_double_zero_is_zero_and_reads_the_files_decimal_separator() throws BadValueException {
        assertThat(convert("double", ISO, "0e-400")).isEqualTo("0.0");
        assertThat(convert("double", FRENCH, "2,5")).isEqualTo("2.5");
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource({"7, 7.00", "-7.5, -7.50", "007.5, 7.50", "999.99, 999.99", "0.1, 0.10"})
    void plain_decimals_take_the_fast_path_to_the_same_canonical_form(String raw, String canonical) throws BadValueException {
        assertThat(convert("decimal(5,2)", ISO, raw)).isEqualTo(canonical);
    }

    @Test
    void a_blank_decimal_is_rejected_not_a_crash() {
        assertThatExceptionOfType(BadValueException.class).isThrownBy(() -> convert("decimal(5,2)", ISO, "   "));
    }

    @Test
    void a_decimal_comma_is_read_when_the_file_uses_it() throws BadValueException {
        assertThat(convert("decimal(12,2)", FRENCH, "1234,5")).isEqualTo("1234.50");
    }

    @Test
    void a_decimal_comma_is_rejected_when_the_file_uses_a_point() {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("decimal(12,2)", ISO, "1234,5"));
    }

    @Test
    void a_date_is_read_with_a_strftime_format() throws BadValueException {
        assertThat(convert("date", FRENCH, "01/03/2024")).isEqualTo("2024-03-01");
    }

    @Test
    void a_date_that_does_not_follow_the_format_is_rejected() {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("date", FRENCH, "2024-03-01"))
                .withMessage("not a valid date: \"2024-03-01\"");
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource({"date, 31/02/2024", "date, 31/04/2024", "timestamp, 31/02/2024 10:00"})
    void an_impossible_day_is_rejected_not_moved_to_the_end_of_the_month(String type, String raw) {
        assertThatExceptionOfType(BadValueException.class).isThrownBy(() -> convert(type, FRENCH, raw));
    }

    @Test
    void an_impossible_iso_timestamp_is_rejected() {
        assertThatExceptionOfType(BadValueException.class).isThrownBy(() -> convert("timestamp", ISO, "2024-02-31T10:00:00"));
        assertThatExceptionOfType(BadValueException.class).isThrownBy(() -> convert("timestamp", ISO, "2024-02-31T10:00:00Z"));
    }

    @Test
    void a_timestamp_format_without_a_year_rejects_values_instead_of_failing() {
        CsvOptions noYear = new CsvOptions(',', '"', '"', null, "%d/%m %H:%M", '.');
        assertThatExceptionOfType(BadValueException.class).isThrownBy(() -> convert("timestamp", noYear, "01/03 10:00"));
    }

    @Test
    void a_twelve_hour_clock_without_am_pm_is_refused_as_a_setting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Strftime.formatter("%d/%m/%Y %I:%M"))
                .hasMessage("'%d/%m/%Y %I:%M' has %I (12-hour clock) without %p (AM/PM); use %H for a 24-hour clock");
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource({"double, 1f", "double, 0x1p3", "int, ٣", "long, 1_000"})
    void java_only_number_spellings_are_rejected_as_duckdb_rejects_them(String type, String raw) {
        assertThatExceptionOfType(BadValueException.class).isThrownBy(() -> convert(type, ISO, raw));
    }

    @Test
    void a_timestamp_is_read_with_a_strftime_format_as_utc() throws BadValueException {
        assertThat(convert("timestamp", FRENCH, "01/03/2024 10:15")).isEqualTo("2024-03-01T10:15:00Z");
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource({
            "2024-03-01T10:15:30+02:00, 2024-03-01T08:15:30Z",
            "2024-03-01T10:15:30-05, 2024-03-01T15:15:30Z",
            "2024-03-01T10:15:30+0200, 2024-03-01T08:15:30Z",
            "2024-03-01 01:15:30+02:00, 2024-02-29T23:15:30Z",
            "2024-03-01T10:15:30Z, 2024-03-01T10:15:30Z",
            "2024-03-01T10:15:30.123456Z, 2024-03-01T10:15:30.123456Z"})
    void a_timestamp_with_an_offset_is_converted_to_utc(String raw, String utc) throws BadValueException {
        assertThat(convert("timestamp", ISO, raw)).isEqualTo(utc);
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource({
            "2024-03-01T10:15:30, 2024-03-01T10:15:30Z",
            "2024-03-01 10:15:30, 2024-03-01T10:15:30Z",
            "2024-03-01T10:00, 2024-03-01T10:00:00Z",
            "2024-03-01 10:00:00, 2024-03-01T10:00:00Z",
            "2024-03-01, 2024-03-01T00:00:00Z"})
    void a_timestamp_without_an_offset_is_utc(String raw, String utc) throws BadValueException {
        assertThat(convert("timestamp", ISO, raw)).isEqualTo(utc);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"2024-01-01T24:00:00Z", "2024-01-01T10:00:60Z", "epoch", "infinity", "2026-1-1 10:00",
            "2026-01-01T10:00:00 UTC", "2026-01-01T10:00:00+19:00", "2026-01-01T10", "0000-01-01T00:00:00Z", "2026-01-01t10:00:00z",
            "2026-01-0110:00", "2026-01-01T 10:00", "02-10-2017 10:56", "2026-01-01Z"})
    void a_timestamp_that_is_not_plain_iso_is_rejected(String raw) {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("timestamp", ISO, raw))
                .withMessage("not a valid timestamp: \"" + raw + "\"");
    }

    @Test
    void a_timestamp_keeps_microseconds_and_rejects_what_it_would_lose() throws BadValueException {
        assertThat(convert("timestamp", ISO, "2026-01-01T10:00:00.123456Z")).isEqualTo("2026-01-01T10:00:00.123456Z");
        assertThat(convert("timestamp", ISO, "2026-01-01T10:00:00.5000000Z")).isEqualTo("2026-01-01T10:00:00.5Z");
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("timestamp", ISO, "2026-01-01T10:00:00.1234567Z"))
                .withMessage("2026-01-01T10:00:00.1234567Z has more than 6 decimals of a second");
    }

    private static final CsvOptions SAO_PAULO = ISO.withZone(java.time.ZoneId.of("America/Sao_Paulo"));

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource({
            "2018-03-01 10:00, 2018-03-01T13:00:00Z",
            "2018-12-01 10:00, 2018-12-01T12:00:00Z",
            "2018-03-01, 2018-03-01T03:00:00Z",
            "2018-03-01T10:00:00+01:00, 2018-03-01T09:00:00Z",
            "2018-03-01T10:00:00Z, 2018-03-01T10:00:00Z"})
    void a_time_without_an_offset_is_read_in_the_files_time_zone(String raw, String utc) throws BadValueException {
        assertThat(convert("timestamp", SAO_PAULO, raw)).isEqualTo(utc);
    }

    @Test
    void a_local_time_the_clocks_skip_is_rejected_not_moved() {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("timestamp", SAO_PAULO, "2018-11-04 00:30"))
                .withMessage("2018-11-04 00:30 does not exist in America/Sao_Paulo: the clocks went forward at that time");
    }

    @Test
    void a_local_time_that_happens_twice_is_rejected_not_guessed() {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("timestamp", SAO_PAULO, "2019-02-16 23:30"))
                .withMessage("2019-02-16 23:30 happens twice in America/Sao_Paulo (the clocks went back): "
                        + "write it with its offset, -02:00 or -03:00");
    }

    @Test
    void the_time_zone_applies_to_a_strftime_format_too() throws BadValueException {
        CsvOptions frenchInParis = FRENCH.withZone(java.time.ZoneId.of("Europe/Paris"));
        assertThat(convert("timestamp", frenchInParis, "01/07/2024 10:15")).isEqualTo("2024-07-01T08:15:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "t", "T", "1", "yes", "Y", " true "})
    void true_has_several_spellings(String raw) throws BadValueException {
        assertThat(convert("boolean", ISO, raw)).isEqualTo("true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "f", "0", "no", "N"})
    void false_has_several_spellings(String raw) throws BadValueException {
        assertThat(convert("boolean", ISO, raw)).isEqualTo("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "off", "2", "truthy"})
    void other_words_are_not_booleans(String raw) {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("boolean", ISO, raw))
                .withMessage("not a valid boolean: \"" + raw + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}", "[1,2]", "\"text\"", "42", "null"})
    void valid_json_is_kept_as_written(String raw) throws BadValueException {
        assertThat(convert("json", ISO, raw)).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "{'a':1}", "{\"a\":1} extra", "abc", "   "})
    void invalid_json_is_rejected(String raw) {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("json", ISO, raw))
                .withMessage("not a valid json: \"" + raw + "\"");
    }

    private static String convert(String type, CsvOptions options, String raw) throws BadValueException {
        return new ValueConverter(FieldType.parse(type), options).convert(raw);
    }
}
