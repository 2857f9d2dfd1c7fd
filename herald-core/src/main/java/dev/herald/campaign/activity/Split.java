package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Limit;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.FieldType;
import dev.herald.text.Echo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code split}: ordered subsets, each with a filter and/or a limit — a count or a percentage of
 * its candidates, taken by an order or at random (seeded). Without overlap a record goes to the
 * first subset that takes it. The complement holds the records no subset took. With
 * {@code segment_code} all subsets share one worktable whose column {@code segment} names the subset.
 */
public record Split(List<Subset> subsets, boolean overlap, boolean complement, boolean skipEmpty, boolean segmentCode)
        implements ActivityConfig {

    /** One subset: its records meet {@code filter} (all when null), at most {@code limit} of them. */
    public record Subset(String name, String filter, Limit limit, String orderBy, boolean descending, long seed) {
    }

    private static final Spec SUBSET = Spec.of("One subset of the population.",
            Prop.required("name", Prop.Kind.TEXT, "the subset's name: its outbound transition, or its segment code"),
            Prop.of("filter", Prop.Kind.CONDITION, "the condition its records meet; default: every record still available"),
            Prop.of("limit", Prop.Kind.LIMIT, "at most this many records: a count (500) or a share of the candidates (\"10%\", rounded down)"),
            Prop.of("order_by", Prop.Kind.VALUE, "with a limit: take the records first by this value; default: at random"),
            Prop.choice("direction", "highest or lowest order_by first", "highest", "highest", "lowest"),
            Prop.of("seed", Prop.Kind.INTEGER, "with a limit at random: the seed; the same seed takes the same records").withDefault(0L));

    public static final Spec SPEC = Spec.of("Splits the population into ordered subsets.",
            Prop.object("subsets", Prop.Kind.OBJECTS, true, "the subsets, in order of priority", SUBSET),
            Prop.of("overlap", Prop.Kind.BOOLEAN, "let a record belong to several subsets; default: the first subset that takes it"),
            Prop.of("complement", Prop.Kind.BOOLEAN, "also give the records no subset took, on the transition 'complement'"),
            Prop.of("skip_empty", Prop.Kind.BOOLEAN, "do not activate the transition of an empty subset (its path stops)"),
            Prop.of("segment_code", Prop.Kind.BOOLEAN, "one outbound transition 'out' with every subset, named in the column 'segment'"));

    static Split read(Options o) {
        List<Subset> subsets = o.objects("subsets").stream().map(s -> new Subset(s.text("name"), s.text("filter"),
                s.limit("limit"), s.text("order_by"), !"lowest".equals(s.text("direction")), s.integer("seed", 0))).toList();
        return new Split(subsets, o.flag("overlap"), o.flag("complement"), o.flag("skip_empty"), o.flag("segment_code"));
    }

    @Override
    public List<String> outputs() {
        List<String> names = new ArrayList<>();
        if (segmentCode) {
            names.add(Outputs.OUT);
        } else {
            subsets.forEach(s -> names.add(s.name()));
        }
        if (complement) {
            names.add(Outputs.COMPLEMENT);
        }
        return names;
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Population p = Outputs.rows(c, true);
        if (!p.hasRows()) {
            return Outputs.all(outputs(), p);
        }
        if (subsets.isEmpty()) {
            c.problem(c.path() + ".subsets", "give at least one subset");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < subsets.size(); i++) {
            Subset s = subsets.get(i);
            String path = c.path() + ".subsets[" + i + "]";
            if (s.name() != null && Outputs.name(c, s.name(), path + ".name")) {
                if (!names.add(s.name()) || complement && s.name().equals(Outputs.COMPLEMENT)) {
                    c.problem(path + ".name", Echo.quoted(s.name()) + " names two transitions of this split");
                }
            }
            if (s.filter() != null) {
                c.condition(s.filter(), p, path + ".filter");
            }
            if (s.orderBy() != null) {
                if (s.limit() == null) {
                    c.problem(path + ".order_by", "order_by chooses which records a limit takes; give a limit");
                }
                c.value(s.orderBy(), p, path + ".order_by");
            }
            if (s.filter() == null && s.limit() == null && i < subsets.size() - 1 && !overlap) {
                c.problem(path, "a subset without a filter or a limit takes every record left: the subsets after it stay empty");
            }
        }
        Population out = p;
        if (segmentCode) {
            if (p.columns().containsKey(Population.SEGMENT)) {
                c.problem(c.path() + ".segment_code", "the worktable already has a column 'segment' (from an earlier split?)");
            } else {
                out = p.with(Map.of(Population.SEGMENT, FieldType.of(FieldType.Kind.STRING)));
                if (overlap) {
                    out = out.withRepeatedKeys(); // a record in two subsets is there twice, once per segment
                }
            }
        }
        Map<String, Population> result = Outputs.all(outputs(), out);
        if (complement) {
            result.put(Outputs.COMPLEMENT, p);
        }
        return result;
    }
}
