package dev.herald.store.activity;

import dev.herald.campaign.run.ActivityRun;
import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.Combine;
import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import dev.herald.store.audience.ExpressionSql;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code combine}: union, intersection and exclusion as semi-joins. A record of one set matches
 * another set when a row there has the same key — or the same reconciliation values, or (for a
 * set of another dimension) a linked record with that key. The result keeps the primary set's
 * columns; records only in other sets have them empty.
 */
final class CombineSql extends SqlActivity<Combine> {

    CombineSql(Store store) {
        super(store);
    }


    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    void run(ActivitySql r, Combine c) {
        List<String> inbound = r.inputs().stream().map(ActivityRun.Input::transition).toList();
        List<ActivityRun.Input> inputs = r.inputs();
        int p = c.primaryIndex(inbound);
        ActivityRun.Input primary = inputs.get(p);
        Population pop = r.population("out");
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (i != p && inputs.get(i).worktable() != null) {
                others.add(i);
            }
        }
        String out = r.newWorktable();
        if (primary.worktable() == null) {
            // the primary path stopped: an exclusion or intersection of nothing is nothing; a union is the others
            if (!Combine.UNION.equals(c.operation())) {
                r.output("out", out, r.create(out, emptyOf(r, pop)));
                if (c.complement()) {
                    String comp = r.newWorktable();
                    r.output("complement", comp, r.create(comp, emptyOf(r, pop)));
                }
                return;
            }
        }
        switch (c.operation()) {
            case Combine.UNION -> {
                List<Select<?>> parts = new ArrayList<>();
                List<Integer> before = new ArrayList<>();
                if (primary.worktable() != null) {
                    parts.add(r.dsl().select(Columns.of(pop, ExpressionSql.TARGET)).from(side(r, c, primary).from()));
                    before.add(p);
                }
                for (int j : others) {
                    Side side = side(r, c, inputs.get(j));
                    Condition fresh = DSL.noCondition();
                    for (int k : before) {
                        fresh = fresh.and(matches(r, c, inbound, side, inputs.get(k), k).out());
                    }
                    parts.add(r.dsl().select(Columns.keyOnly(pop, ExpressionSql.TARGET, inputs.get(j).population().key(),
                            r.store().dialect())).from(side.from()).where(fresh));
                    before.add(j);
                }
                Select union = parts.get(0);
                for (int i = 1; i < parts.size(); i++) {
                    union = union.unionAll(parts.get(i));
                }
                r.output("out", out, r.create(out, union));
            }
            case Combine.INTERSECTION, Combine.EXCLUSION -> {
                boolean intersection = Combine.INTERSECTION.equals(c.operation());
                Side side = side(r, c, primary);
                Condition inAll = DSL.noCondition();
                Condition inNone = DSL.noCondition();
                for (int j : others) {
                    Membership m = matches(r, c, inbound, side, inputs.get(j), j);
                    inAll = inAll.and(m.in());
                    inNone = inNone.and(m.out());
                }
                if (intersection && others.size() < inputs.size() - 1) {
                    inAll = DSL.falseCondition(); // a set whose path stopped is empty: nothing is in all of them
                }
                Condition keep = intersection ? inAll : inNone;
                r.output("out", out, r.create(out, r.dsl().select(Columns.of(pop, ExpressionSql.TARGET)).from(side.from()).where(keep)));
                if (c.complement()) {
                    String comp = r.newWorktable();
                    if (intersection) {
                        // every record of any set that is not in all of them, once
                        Select<?> union = complementOfIntersection(r, c, inbound, pop, inputs, p, others);
                        r.output("complement", comp, r.create(comp, union));
                    } else {
                        Side again = side(r, c, primary);
                        Condition excluded = DSL.falseCondition();
                        for (int j : others) {
                            excluded = excluded.or(matches(r, c, inbound, again, inputs.get(j), j).in());
                        }
                        r.output("complement", comp, r.create(comp, r.dsl().select(Columns.of(pop, ExpressionSql.TARGET))
                                .from(again.from()).where(excluded)));
                    }
                }
            }
            default -> throw new IllegalStateException(c.operation());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Select<?> complementOfIntersection(ActivitySql r, Combine c, List<String> inbound, Population pop,
                                               List<ActivityRun.Input> inputs, int p, List<Integer> others) {
        Side primary = side(r, c, inputs.get(p));
        Condition notInAll = DSL.falseCondition();
        for (int j : others) {
            notInAll = notInAll.or(matches(r, c, inbound, primary, inputs.get(j), j).out());
        }
        if (others.size() < inputs.size() - 1) {
            notInAll = DSL.trueCondition(); // a set whose path stopped is empty: no record is in all of them
        }
        Select union = r.dsl().select(Columns.of(pop, ExpressionSql.TARGET)).from(primary.from()).where(notInAll);
        List<Integer> before = new ArrayList<>(List.of(p));
        for (int j : others) {
            String link = c.linkOf(inbound, j);
            Side side = link == null ? side(r, c, inputs.get(j)) : reached(r, inputs.get(j), link, pop);
            Condition fresh = DSL.noCondition();
            for (int k : before) {
                fresh = fresh.and(matches(r, c, inbound, side, inputs.get(k), k).out());
            }
            String key = link == null ? inputs.get(j).population().key() : pop.key();
            union = union.unionAll(r.dsl().select(Columns.keyOnly(pop, ExpressionSql.TARGET, key, r.store().dialect()))
                    .from(side.from()).where(fresh));
            before.add(j);
        }
        return union;
    }

    /**
     * A set of another dimension as the records of the primary dimension its link reaches, once
     * each, in a column named like the primary key.
     */
    private static Side reached(ActivitySql r, ActivityRun.Input in, String link, Population primary) {
        Population p = in.population();
        Field<Object> reached = field(name("y", p.dimension().links().get(link).field()));
        Table<?> keys = r.dsl().selectDistinct(reached.as(primary.key())).from(table(name(in.worktable())).as("x")
                .join(table(name(p.dimension().name())).as("y")).on(field(name("y", p.dimension().key().get(0)))
                        .eq(field(name("x", p.key()))))).where(reached.isNotNull()).asTable("reached");
        ExpressionSql.WorktableQuery pop = r.expressions().over(keys, primary.key(), primary.dimension());
        return new Side(pop, List.of(pop.column(primary.key())));
    }

    /** One set as the outer query: its worktable (aliased t), joined to its dimension when the match values read it. */
    private record Side(ExpressionSql.WorktableQuery population, List<Field<?>> values) {
        Table<?> from() {
            return population.from();
        }
    }

    private static Side side(ActivitySql r, Combine c, ActivityRun.Input in) {
        Population p = in.population();
        ExpressionSql.WorktableQuery pop = r.expressions().over(table(name(in.worktable())), p.key(), p.dimension());
        List<Field<?>> values = new ArrayList<>();
        if (c.reconcile().isEmpty()) {
            values.add(pop.column(p.key()));
        } else {
            for (String v : c.reconcile()) {
                values.add(pop.value(r.value(v, p)));
            }
        }
        return new Side(pop, values);
    }

    /** Whether the outer row of a set has a match in another set ({@code in}), and whether it has none ({@code out}). */
    private record Membership(Condition in, Condition out) {
    }

    /**
     * Whether the outer row of {@code side} matches a row of the set {@code other}: on DuckDB a
     * semi-join ({@code (v…) IN (SELECT …)}, many times faster there than a correlated
     * {@code EXISTS}); on PostgreSQL {@code EXISTS}, as it has no anti-join for {@code NOT IN}.
     * A row with an empty value matches nothing.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Membership matches(ActivitySql r, Combine c, List<String> inbound, Side side, ActivityRun.Input other, int index) {
        Population p = other.population();
        String alias = "m" + index;
        Table<?> rows;
        String link = c.linkOf(inbound, index);
        if (link != null) {
            Link l = p.dimension().links().get(link);
            rows = r.dsl().select(field(name("y", l.field())).as("v1")).from(table(name(other.worktable())).as("x")
                    .join(table(name(p.dimension().name())).as("y")).on(field(name("y", p.dimension().key().get(0)))
                            .eq(field(name("x", p.key()))))).asTable(alias);
        } else if (c.reconcile().isEmpty()) {
            rows = r.dsl().select(field(name("x", p.key())).as("v1")).from(table(name(other.worktable())).as("x")).asTable(alias);
        } else {
            ExpressionSql.WorktableQuery pop = r.expressions().over(table(name(other.worktable())), p.key(), p.dimension());
            List<Field<?>> values = new ArrayList<>();
            for (int i = 0; i < c.reconcile().size(); i++) {
                values.add(pop.value(r.value(c.reconcile().get(i), p)).as("v" + (i + 1)));
            }
            rows = r.dsl().select(values).from(pop.from()).asTable(alias);
        }
        List<Field<?>> outer = side.values();
        List<Field<?>> inner = new ArrayList<>();
        Condition innerKnown = DSL.noCondition();
        Condition outerUnknown = DSL.falseCondition();
        Condition same = DSL.noCondition();
        for (int i = 0; i < outer.size(); i++) {
            Field<Object> v = field(name(alias, "v" + (i + 1)));
            inner.add(v);
            innerKnown = innerKnown.and(v.isNotNull());
            outerUnknown = outerUnknown.or(outer.get(i).isNull());
            same = same.and(v.eq((Field) outer.get(i)));
        }
        if (!r.store().dialect().semiJoinsAsIn()) {
            Condition exists = DSL.exists(DSL.selectOne().from(rows).where(same));
            return new Membership(exists, DSL.not(exists));
        }
        var select = DSL.select(inner).from(rows).where(innerKnown);
        Condition in = outer.size() == 1 ? ((Field) outer.get(0)).in(select) : DSL.row(outer).in((org.jooq.Select) select);
        Condition notIn = outer.size() == 1 ? ((Field) outer.get(0)).notIn(select) : DSL.row(outer).notIn((org.jooq.Select) select);
        return new Membership(in, outerUnknown.or(notIn));
    }

    private static Select<?> emptyOf(ActivitySql r, Population pop) {
        return r.dsl().select(Columns.keyOnly(pop, ExpressionSql.TARGET, pop.key(), r.store().dialect()))
                .from(table(name(r.inputs().stream().filter(i -> i.worktable() != null).findFirst()
                        .map(ActivityRun.Input::worktable).orElseThrow())).as(ExpressionSql.TARGET)).where(DSL.falseCondition());
    }
}
