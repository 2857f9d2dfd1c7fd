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
            int           | 2147483648
            int           | 1.0
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
        String raw = "9".repeat(70);

        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("int", ISO, raw))
                .withMessage("not a valid int: \"" + "9".repeat(57) + "...\"");
    }

    @Test
    void null_stays_null() throws BadValueException {
        assertThat(convert("int", ISO, null)).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource({"1.005, 1.01", "1.004, 1.00", "-1.005, -1.01", "2, 2.00", "0.001, 0.00", "999.994, 999.99"})
    void a_decimal_is_rounded_half_up_to_its_scale(String raw, String canonical) throws BadValueException {
        assertThat(convert("decimal(5,2)", ISO, raw)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000", "999.995", "-1000.00"})
    void a_decimal_with_too_many_integer_digits_is_rejected(String raw) {
        assertThatExceptionOfType(BadValueException.class)
                .isThrownBy(() -> convert("decimal(5,2)", ISO, raw))
                .withMessage("not a valid decimal(5,2): \"" + raw + "\"");
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
        assertThat(convert("timestamp", FRENCH, "01/03/2024 10:15")).isEqualTo("2024-03-01T10:15Z");
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
            "2024-03-01, 2024-03-01T00:00Z"})
    void a_timestamp_without_an_offset_is_utc(String raw, String utc) throws BadValueException {
        assertThat(convert("timestamp", ISO, raw)).isEqualTo(utc);
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
