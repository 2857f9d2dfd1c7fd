package dev.herald.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.schema.FieldType;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExpressionCheckerTest {

    static final Schema SCHEMA = SchemaParser.parse(Path.of("../examples/retail/schema.yaml"));
    final ExpressionChecker checker = new ExpressionChecker(SCHEMA);

    @Test
    void an_unknown_field_is_reported_at_its_place_with_a_caret_and_a_hint() {
        assertThatThrownBy(() -> checker.check("profile.contry == \"FR\""))
                .isInstanceOf(InvalidExpressionException.class)
                .hasMessage("""
                        1:8: undefined field 'contry' — did you mean 'country'?
                          | profile.contry == "FR"
                          | .......^""");
    }

    @Test
    void every_error_is_reported_not_only_the_first() {
        assertThatThrownBy(() -> checker.check("profile.contry == \"FR\" &&\n  profile.purchases.exists(p, p.amout > 1.0)"))
                .isInstanceOf(InvalidExpressionException.class)
                .satisfies(e -> assertThat(((InvalidExpressionException) e).problems()).hasSize(2))
                .hasMessageContaining("1:8: undefined field 'contry' — did you mean 'country'?")
                .hasMessageContaining("2:32: undefined field 'amout' — did you mean 'amount'?");
    }

    @Test
    void a_wrong_type_names_both_types() {
        assertThatThrownBy(() -> checker.check("profile.lifetime_value > \"100\""))
                .hasMessageStartingWith("1:24: found no matching overload for '_>_' applied to '(double, string)'");
    }

    @Test
    void an_unknown_name_points_at_the_dimension() {
        assertThatThrownBy(() -> checker.check("profle.country == \"FR\""))
                .hasMessageStartingWith("1:1: unknown name or function 'profle' — did you mean 'profile'? (start from 'profile', 'vars' or 'now';");
    }

    @Test
    void an_unsupported_function_is_named() {
        assertThatThrownBy(() -> checker.check("profile.purchases.exists(p, p.channel.split(\",\").size() > 1)"))
                .isInstanceOf(InvalidExpressionException.class).hasMessageStartingWith("1:44: unknown name or function 'split'");
    }

    @Test
    void a_link_with_many_rows_cannot_be_compared_as_a_value() {
        assertThatThrownBy(() -> checker.check("profile.purchases == profile.purchases"))
                .hasMessageContaining("'purchases' has many rows; test them with exists(), all(), size() or an aggregate");
    }

    @Test
    void a_condition_must_be_true_or_false() {
        assertThatThrownBy(() -> checker.check("profile.lifetime_value + 1.0")).isInstanceOf(InvalidExpressionException.class)
                .hasMessageStartingWith("1:24: expected type 'bool' but found 'double'");
    }

    @Test
    void stored_times_subtract_to_a_duration_and_move_by_one() {
        assertThat(checker.check("purchase.at - purchase.profile.signup_at > duration(\"720h\")", "purchase").root())
                .isInstanceOf(Expr.Compare.class);
        assertThat(checker.check("profile.signup_at + duration(\"24h\") > now").root()).isInstanceOf(Expr.Compare.class);
        assertThat(checker.check("(profile.signup_at - profile.birth_date).getHours() > 24").root()).isInstanceOf(Expr.Compare.class);
        assertThatThrownBy(() -> checker.check("profile.signup_at + profile.birth_date > now"))
                .hasMessageStartingWith("1:19: found no matching overload for '_+_' applied to '(timestamp, timestamp)'");
        assertThatThrownBy(() -> checker.check("profile.signup_at - profile.birth_date > 3600"))
                .hasMessageStartingWith("1:40: found no matching overload for '_>_' applied to '(duration, int)'");
    }

    @Test
    void times_and_durations_are_precise_to_the_microsecond() {
        CheckedExpression e = checker.check("profile.signup_at > timestamp(\"2026-01-01T00:00:00.123456789Z\") + duration(\"1999ns\")");
        Expr.Compare c = (Expr.Compare) e.root();
        assertThat(new Evaluator(java.util.Map.of(), java.time.Instant.EPOCH).constant(c.right()))
                .isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00.123457Z"));
    }

    @Test
    void a_bad_constant_time_is_an_error_before_anything_runs() {
        assertThatThrownBy(() -> checker.check("profile.signup_at > timestamp(\"yesterday\")"))
                .hasMessageContaining("not a valid timestamp: \"yesterday\"");
        assertThatThrownBy(() -> checker.check("profile.signup_at > now - duration(\"3 days\")"))
                .hasMessageContaining("not a valid duration: \"3 days\"");
        assertThatThrownBy(() -> checker.check("profile.signup_at.getHours(\"Mars/Base\") > 3"))
                .hasMessageContaining("the time zone must be a name such as \"Europe/Paris\"");
    }

    @Test
    void variables_are_collected_for_the_run_to_supply() {
        CheckedExpression e = checker.check("profile.country == vars.country && profile.lifetime_value > vars.min");
        assertThat(e.variables()).containsExactly("country", "min");
    }

    @Test
    void another_dimension_starts_from_its_own_name() {
        CheckedExpression e = checker.check("purchase.profile.loyalty_tier == \"gold\"", "purchase");
        assertThat(e.dimension().name()).isEqualTo("purchase");
        assertThatThrownBy(() -> checker.check("profile.country == \"FR\"", "purchase"))
                .hasMessageContaining("unknown name or function 'profile'");
    }

    // ---- conversions ----

    @Test
    void a_conversion_to_the_type_a_value_has_is_the_value_itself() {
        assertThat(checker.checkValue("int(profile.id)", SCHEMA.entities().get("profile"), null).root()).isInstanceOf(Expr.FieldRef.class);
        assertThat(checker.checkValue("timestamp(profile.signup_at)", SCHEMA.entities().get("profile"), null).root())
                .isInstanceOf(Expr.FieldRef.class);
        assertThat(checker.checkValue("duration(duration(\"1h\"))", SCHEMA.entities().get("profile"), null).root())
                .isEqualTo(new Expr.Literal(java.time.Duration.ofHours(1), ExprType.DURATION));
    }

    @Test
    void conversions_of_stored_texts_numbers_and_times_type_check() {
        for (String ok : new String[] {"int(profile.phone) > 0", "int(profile.lifetime_value) > 0", "int(profile.signup_at) > 0",
            "double(profile.phone) > 0.0", "bool(profile.language)", "string(profile.email_consent) == \"true\"",
            "timestamp(profile.id) > now", "date(profile.signup_at) == profile.birth_date", "profile.birth_date > date(\"1990-01-01\")"}) {
            assertThat(checker.check(ok).root()).as(ok).isNotNull();
        }
    }

    @Test
    void uint_is_refused_with_the_conversion_to_use() {
        assertThatThrownBy(() -> checker.check("uint(profile.phone) > 0u"))
                .hasMessageStartingWith("1:5: Herald has no unsigned numbers; use int()");
    }

    @Test
    void a_conversion_whose_text_the_databases_write_differently_is_refused_with_the_reason() {
        assertThatThrownBy(() -> checker.check("string(profile.lifetime_value) == \"1.5\""))
                .hasMessageContaining("string() of a double is not supported: the databases write its digits differently; "
                        + "convert it with int() first, or compare the number");
        assertThatThrownBy(() -> checker.check("string(profile.signup_at).startsWith(\"2024\")"))
                .hasMessageContaining("string() of a time is not supported; compare times, or use their parts, e.g. t.getFullYear()");
    }

    @Test
    void a_stored_text_is_not_read_as_a_time() {
        assertThatThrownBy(() -> checker.check("timestamp(profile.email) > now"))
                .hasMessageContaining("timestamp(), duration() and date() read a constant text");
        assertThatThrownBy(() -> checker.check("profile.birth_date > date(\"1990-02-30\")"))
                .hasMessageContaining("not a valid date: \"1990-02-30\" (write year-month-day, e.g. \"2026-01-31\")");
    }

    @Test
    void a_conversion_cel_does_not_define_is_a_type_error_at_its_place() {
        assertThatThrownBy(() -> checker.check("int(profile.email_consent) > 0"))
                .hasMessageStartingWith("1:4: found no matching overload for 'int' applied to '(bool)'");
    }

    // ---- null ----

    @Test
    void a_comparison_with_null_is_refused_for_every_type_with_the_way_to_test_for_a_value() {
        for (String field : new String[] {"phone", "id", "lifetime_value", "email_consent", "birth_date", "signup_at"}) {
            for (String test : new String[] {"profile." + field + " == null", "profile." + field + " != null", "null == profile." + field}) {
                assertThatThrownBy(() -> checker.check(test)).as(test).isInstanceOf(InvalidExpressionException.class)
                        .hasMessageContaining("Herald's expressions have no null: write has(profile." + field
                                + ") for a field that has a value, !has(profile." + field + ") for one that has none");
            }
        }
        assertThatThrownBy(() -> checker.check("profile.purchases.exists(p, p.store.city == null)"))
                .hasMessageContaining("write has(p.store.city) for a field that has a value, !has(p.store.city) for one that has none");
        assertThatThrownBy(() -> checker.check("profile.purchases.map(p, p.at).max() == null"))
                .hasMessageContaining("Herald's expressions have no null");
    }

    @Test
    void null_is_refused_wherever_it_is_written() {
        assertThatThrownBy(() -> checker.check("vars.since == null")).hasMessageContaining("Herald's expressions have no null");
        assertThatThrownBy(() -> checker.check("int(null) > 1")).hasMessageContaining("Herald's expressions have no null");
        assertThatThrownBy(() -> checker.check("profile.signup_at > (profile.email_consent ? null : now)"))
                .hasMessageContaining("Herald's expressions have no null");
    }

    // ---- did you mean ----

    static final Schema SHOP = SchemaParser.parse("""
            dimension: customer
            entities:
              customer:
                key: id
                fields: { id: long, customer_state: string, name: string }
                links:
                  orders: { to: order, inverse: customer }
              order:
                key: id
                fields: { id: long, customer_id: long, order_status: string, total: double }
                links:
                  customer: { to: customer, field: customer_id }
            """, "schema.yaml");

    @Test
    void an_unknown_field_is_matched_against_the_fields_of_its_own_entity_only() {
        // the message log has a 'status'; an order has 'order_status'
        assertThatThrownBy(() -> new ExpressionChecker(SHOP).check("customer.orders.exists(o, o.status == \"paid\")"))
                .hasMessageContaining("undefined field 'status' — did you mean 'order_status'?");
        assertThatThrownBy(() -> new ExpressionChecker(SHOP).check("customer.state == \"CA\""))
                .hasMessageContaining("undefined field 'state' — did you mean 'customer_state'?");
        assertThatThrownBy(() -> new ExpressionChecker(SHOP).check("customer.orders.exists(o, o.customer.nmae == \"x\")"))
                .hasMessageContaining("undefined field 'nmae' — did you mean 'name'?");
    }

    @Test
    void an_unknown_name_inside_a_macro_is_matched_against_the_row_variables_in_scope() {
        assertThatThrownBy(() -> checker.check("profile.purchases.exists(purch, purhc.amount > 1.0)"))
                .hasMessageContaining("unknown name or function 'purhc' — did you mean 'purch'?");
    }

    @Test
    void a_field_of_another_entity_is_not_suggested() {
        assertThatThrownBy(() -> new ExpressionChecker(SHOP).check("customer.total > 1.0"))
                .hasMessageStartingWith("1:9: undefined field 'total'\n");
    }

    @Test
    void a_worktable_column_is_suggested_for_target() {
        dev.herald.schema.Entity target = new dev.herald.schema.Entity("target", java.util.Map.of("id",
                new dev.herald.schema.Field("id", FieldType.of(FieldType.Kind.LONG)), "spend_12m",
                new dev.herald.schema.Field("spend_12m", FieldType.of(FieldType.Kind.DOUBLE))), java.util.List.of("id"),
                java.util.List.of(), java.util.Map.of());
        assertThatThrownBy(() -> new ExpressionChecker(SHOP).check("target.spend > 1.0", SHOP.entities().get("customer"), target))
                .hasMessageContaining("undefined field 'spend' — did you mean 'spend_12m'?");
    }

    // ---- hostile input ----

    @Test
    void deep_nesting_is_refused_with_a_limit_error_not_a_crash() {
        String deep = "(".repeat(10_000) + "profile.id > 1" + ")".repeat(10_000);
        assertThatThrownBy(() -> checker.check(deep)).isInstanceOf(InvalidExpressionException.class);
    }

    @Test
    void a_very_long_chain_is_refused_with_a_limit_error() {
        String chain = String.join(" || ", java.util.Collections.nCopies(3_000, "profile.id == 1"));
        assertThatThrownBy(() -> checker.check(chain)).isInstanceOf(InvalidExpressionException.class)
                .hasMessageStartingWith("1:").hasMessageEndingWith("the expression has more than 5000 parts; split it into saved audiences");
    }

    @Test
    void an_oversized_expression_is_refused_before_parsing() {
        String huge = "profile.first_name == \"" + "x".repeat(70_000) + "\"";
        assertThatThrownBy(() -> checker.check(huge)).hasMessageContaining("the limit is 65536");
    }

    @Test
    void a_ten_kilobyte_literal_is_fine() {
        CheckedExpression e = checker.check("profile.first_name == \"" + "é".repeat(10_000) + "\"");
        assertThat(e.root()).isInstanceOf(Expr.Compare.class);
    }

    @Test
    void an_empty_expression_says_what_to_write() {
        assertThatThrownBy(() -> checker.check("  ")).hasMessageContaining("the expression is empty; write a condition such as profile.country == \"FR\"");
    }
}
