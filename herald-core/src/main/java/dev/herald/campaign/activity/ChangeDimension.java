package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.FieldType;
import dev.herald.schema.Link;
import dev.herald.text.Echo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code change-dimension}: moves the population to another entity through a link — from profiles
 * to their bookings (one-to-many) or from purchases to their profiles (many-to-one). The worktable
 * keeps its columns and the former key as {@code <former dimension>_<key>}. When several source
 * records reach the same target record, {@code keep: one} keeps one row per key (the first by
 * {@code order_by}, else by the former key).
 */
public record ChangeDimension(String link, String keep, String orderBy, boolean descending) implements ActivityConfig {

    public static final String ALL = "all";
    public static final String ONE = "one";

    public static final Spec SPEC = Spec.of("Moves the population to another entity through a link.",
            Prop.required("link", Prop.Kind.TEXT, "the link of the current dimension to follow, e.g. bookings or profile"),
            Prop.choice("keep", "all rows, or one per key of the new dimension", ALL, ALL, ONE),
            Prop.of("order_by", Prop.Kind.VALUE, "keep one: which source record's columns to keep, the first by this value"),
            Prop.choice("direction", "keep one: highest or lowest order_by first", "highest", "highest", "lowest"));

    static ChangeDimension read(Options o) {
        return new ChangeDimension(o.text("link"), o.text("keep"), o.text("order_by"), !"lowest".equals(o.text("direction")));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    /** The carried name of the former key. */
    public static String formerKey(Population source) {
        return source.dimension().name() + "_" + source.key();
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Population p = Outputs.rows(c, false);
        if (!p.isRecords()) {
            return Outputs.all(outputs(), Population.none());
        }
        Link l = link == null ? null : p.dimension().links().get(link);
        if (l == null) {
            c.problem(c.path() + ".link", Echo.quoted(link) + " is not a link of " + p.dimension().name()
                    + DidYouMean.hint(String.valueOf(link), p.dimension().links().keySet())
                    + " (links: " + String.join(", ", p.dimension().links().keySet()) + ")");
            return Outputs.all(outputs(), Population.none());
        }
        Entity target = c.schema().entities().get(l.target());
        if (Population.notATarget(target) != null) {
            c.problem(c.path() + ".link", Population.notATarget(target));
            return Outputs.all(outputs(), Population.none());
        }
        if (orderBy != null) {
            if (!ONE.equals(keep)) {
                c.problem(c.path() + ".order_by", "order_by chooses the row kept with keep: one");
            }
            c.value(orderBy, p, c.path() + ".order_by");
        }
        Population out = Population.of(target);
        Map<String, FieldType> carried = new LinkedHashMap<>();
        carried.put(formerKey(p), p.columns().get(p.key()));
        p.columns().forEach((n, t) -> {
            if (!n.equals(p.key())) {
                carried.put(n, t);
            }
        });
        for (String n : carried.keySet()) {
            if (out.columns().containsKey(n)) {
                c.problem(c.path(), "the column " + Echo.quoted(n) + " would clash with the key of " + target.name() + "; rename it upstream");
            }
        }
        // several source records may reach the same target record, unless one is kept per key or each
        // target record has one source (a one-to-many link from a population of unique keys)
        boolean unique = ONE.equals(keep) || l.isToMany() && p.unique();
        return Outputs.all(outputs(), unique ? out.with(carried) : out.with(carried).withRepeatedKeys());
    }
}
