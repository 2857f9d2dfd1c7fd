package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import java.util.List;
import java.util.Map;

/**
 * {@code dedup}: records whose duplicate values are equal form a group; {@code keep} of each group
 * stay (0 = all), chosen at random (seeded), by an order (highest or lowest first), preferring
 * records with more non-empty values, or by a priority list of values. A record with an empty
 * duplicate value is never a duplicate. The complement is the duplicates taken out.
 */
public record Dedup(List<String> fields, long keep, String method, long seed, String orderBy, String direction,
                    List<String> nonEmpty, List<String> values, boolean complement) implements ActivityConfig {

    public static final String RANDOM = "random";
    public static final String ORDER = "order";
    public static final String NON_EMPTY = "non_empty";
    public static final String VALUES = "values";
    public static final String DUPLICATES = "duplicates";

    public static final Spec SPEC = Spec.of("Keeps one record (or a few) per group of duplicates.",
            Prop.required("fields", Prop.Kind.VALUES, "the values that make records duplicates when all are equal, in order "
                    + "(e.g. [profile.email]); a record with an empty value is never a duplicate"),
            Prop.of("keep", Prop.Kind.INTEGER, "how many records of each group to keep; 0 keeps them all").withDefault(1L),
            Prop.choice("method", "which records to keep: random (seeded), order (by order_by), non_empty (the most non-empty "
                    + "values among non_empty), values (order_by's value earliest in the list 'values')", RANDOM,
                    RANDOM, ORDER, NON_EMPTY, VALUES),
            Prop.of("seed", Prop.Kind.INTEGER, "random: the seed; the same seed keeps the same records").withDefault(0L),
            Prop.of("order_by", Prop.Kind.VALUE, "order and values: the value to order by, e.g. profile.lifetime_value"),
            Prop.choice("direction", "order: keep the highest or the lowest values first", "highest", "highest", "lowest"),
            Prop.of("non_empty", Prop.Kind.VALUES, "non_empty: the values counted, e.g. [profile.phone, profile.first_name]"),
            Prop.of("values", Prop.Kind.TEXTS, "values: order_by's values, most preferred first, e.g. [platinum, gold]"),
            Prop.of("complement", Prop.Kind.BOOLEAN, "also give the duplicates taken out, on the transition 'duplicates'"));

    static Dedup read(Options o) {
        return new Dedup(o.texts("fields"), o.integer("keep", 1), o.text("method"), o.integer("seed", 0), o.text("order_by"),
                o.text("direction"), o.texts("non_empty"), o.texts("values"), o.flag("complement"));
    }

    @Override
    public List<String> outputs() {
        return complement ? List.of(Outputs.OUT, DUPLICATES) : List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Population p = Outputs.rows(c, true);
        if (!p.hasRows()) {
            return Outputs.all(outputs(), p);
        }
        if (keep < 0) {
            c.problem(c.path() + ".keep", "must be 0 (keep all) or more");
        }
        for (int i = 0; i < fields.size(); i++) {
            c.value(fields.get(i), p, c.path() + ".fields[" + i + "]");
        }
        boolean ordered = ORDER.equals(method) || VALUES.equals(method);
        if (ordered && orderBy == null) {
            c.problem(c.path() + ".order_by", "method " + method + " needs order_by, the value to order by");
        } else if (!ordered && orderBy != null) {
            c.problem(c.path() + ".order_by", "order_by is for the methods order and values");
        } else if (orderBy != null) {
            c.value(orderBy, p, c.path() + ".order_by");
        }
        if (NON_EMPTY.equals(method) && nonEmpty.isEmpty()) {
            c.problem(c.path() + ".non_empty", "method non_empty needs the values to count, e.g. non_empty: [profile.phone]");
        }
        for (int i = 0; i < nonEmpty.size(); i++) {
            c.value(nonEmpty.get(i), p, c.path() + ".non_empty[" + i + "]");
        }
        if (VALUES.equals(method) && values.isEmpty()) {
            c.problem(c.path() + ".values", "method values needs the preferred values of order_by, most preferred first");
        }
        return Outputs.all(outputs(), p);
    }
}
