package dev.herald.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Herald's rule for CEL's conversions: what converts, to what, and that anything else is unknown (null). */
class ConversionsTest {

    @Test
    void int_of_a_text_reads_a_sign_and_digits_only() {
        assertThat(Conversions.toInt("42")).isEqualTo(42L);
        assertThat(Conversions.toInt("+42")).isEqualTo(42L);
        assertThat(Conversions.toInt("-042")).isEqualTo(-42L);
        assertThat(Conversions.toInt("-0")).isZero();
        for (String bad : new String[] {" 42", "42 ", "4.2", "", "1e3", "1_000", "0x1F", "abc", "\u0664\u0662", "42\n", "+"}) {
            assertThat(Conversions.toInt(bad)).as("int(\"%s\")", bad).isNull();
        }
    }

    @Test
    void int_of_a_text_outside_the_int_range_or_too_long_is_unknown() {
        assertThat(Conversions.toInt("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Conversions.toInt("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Conversions.toInt("9223372036854775808")).isNull();
        assertThat(Conversions.toInt("-9223372036854775809")).isNull();
        assertThat(Conversions.toInt("0".repeat(98) + "42")).isEqualTo(42L);
        assertThat(Conversions.toInt("0".repeat(99) + "42")).as("101 characters").isNull();
    }

    @Test
    void int_of_a_number_truncates_toward_zero_as_cel_does() {
        assertThat(Conversions.toInt(2.7)).isEqualTo(2L);
        assertThat(Conversions.toInt(-2.7)).isEqualTo(-2L);
        assertThat(Conversions.toInt(2.5)).isEqualTo(2L);
        assertThat(Conversions.toInt(-0.5)).isZero();
        assertThat(Conversions.toInt(new BigDecimal("-2.99"))).isEqualTo(-2L);
        assertThat(Conversions.toInt(new BigDecimal("9223372036854775807.99"))).isEqualTo(Long.MAX_VALUE);
        assertThat(Conversions.toInt(new BigDecimal("-9223372036854775808.99"))).isEqualTo(Long.MIN_VALUE);
        assertThat(Conversions.toInt(new BigDecimal("9223372036854775808"))).isNull();
        assertThat(Conversions.toInt(9.223372036854775807E18)).as("2^63").isNull();
        assertThat(Conversions.toInt(-9.223372036854775808E18)).as("-2^63").isEqualTo(Long.MIN_VALUE);
        assertThat(Conversions.toInt(1e19)).isNull();
        assertThat(Conversions.toInt(Double.NaN)).isNull();
        assertThat(Conversions.toInt(Double.POSITIVE_INFINITY)).isNull();
    }

    @Test
    void int_of_a_time_is_its_seconds_since_1970_rounded_down() {
        assertThat(Conversions.toInt(Instant.parse("2023-11-14T22:13:20Z"))).isEqualTo(1_700_000_000L);
        assertThat(Conversions.toInt(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo(-1L);
    }

    @Test
    void double_of_a_text_reads_decimal_notation_only() {
        assertThat(Conversions.toDouble("4.2")).isEqualTo(4.2);
        assertThat(Conversions.toDouble("-.5e-3")).isEqualTo(-0.0005);
        assertThat(Conversions.toDouble("5.")).isEqualTo(5.0);
        assertThat(Conversions.toDouble("+1.5E+3")).isEqualTo(1500.0);
        assertThat(Conversions.toDouble("42")).isEqualTo(42.0);
        for (String bad : new String[] {" 1.5", "1.5 ", "", ".", "NaN", "inf", "Infinity", "0x1p3", "1_000", "1e1000", "1,5"}) {
            assertThat(Conversions.toDouble(bad)).as("double(\"%s\")", bad).isNull();
        }
    }

    @Test
    void double_of_a_text_too_large_for_a_double_is_unknown_and_too_small_is_zero() {
        assertThat(Conversions.toDouble("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
        assertThat(Conversions.toDouble("1.7976931348623159e308")).isNull();
        assertThat(Conversions.toDouble("-1e400")).isNull();
        assertThat(Conversions.toDouble("4.9e-324")).isEqualTo(Double.MIN_VALUE);
        assertThat(Conversions.toDouble("1e-400")).isZero();
    }

    @Test
    void string_writes_whole_numbers_and_booleans() {
        assertThat(Conversions.toText(-42L)).isEqualTo("-42");
        assertThat(Conversions.toText(true)).isEqualTo("true");
    }

    @Test
    void bool_reads_the_texts_cel_reads_and_nothing_else() {
        for (String t : new String[] {"true", "TRUE", "True", "t", "T", "1"}) {
            assertThat(Conversions.toBool(t)).as(t).isTrue();
        }
        for (String f : new String[] {"false", "FALSE", "False", "f", "F", "0"}) {
            assertThat(Conversions.toBool(f)).as(f).isFalse();
        }
        for (String bad : new String[] {"yes", "no", " true", "tRUE", ""}) {
            assertThat(Conversions.toBool(bad)).as(bad).isNull();
        }
    }

    @Test
    void timestamp_of_seconds_covers_the_years_1_to_9999() {
        assertThat(Conversions.fromSeconds(0L)).isEqualTo(Instant.EPOCH);
        assertThat(Conversions.fromSeconds(253_402_300_799L)).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(Conversions.fromSeconds(253_402_300_800L)).isNull();
        assertThat(Conversions.fromSeconds(-62_135_596_801L)).isNull();
    }

    @Test
    void date_of_a_time_is_midnight_utc_of_its_day() {
        assertThat(Conversions.day(Instant.parse("2024-03-31T23:59:59.999999Z"))).isEqualTo(Instant.parse("2024-03-31T00:00:00Z"));
        assertThat(Conversions.day(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo(Instant.parse("1969-12-31T00:00:00Z"));
    }
}
