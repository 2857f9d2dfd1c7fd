package dev.herald.store.activity;

import dev.herald.campaign.run.ActivityRun;
import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.Split;
import dev.herald.store.audience.ExpressionSql;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code split}: one pass marks each record with the subsets that take it — {@code in_1 … in_n},
 * subset after subset, a limited subset numbering its candidates by its order
 * ({@code row_number() OVER (PARTITION BY candidate ORDER BY …)}) and a percentage counting them
 * ({@code count(*) OVER (PARTITION BY candidate)}) — into a temporary table; each outbound
 * worktable is then that table filtered.
 */
final class SplitSql extends SqlActivity<Split> {

    SplitSql(Store store) {
        super(store);
    }


    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    void run(ActivitySql r, Split c) {
        ActivityRun.Input in = r.input();
        Population p = in.population();
        ExpressionSql.WorktableQuery pop = r.expressions().over(table(name(in.worktable())), p.key(), p.dimension());
        List<Field<?>> base = new ArrayList<>(Columns.of(p, ExpressionSql.TARGET));
        for (int i = 0; i < c.subsets().size(); i++) {
            Split.Subset s = c.subsets().get(i);
            Condition filter = s.filter() == null ? DSL.trueCondition() : pop.condition(r.condition(s.filter(), p));
            base.add(DSL.field(filter).as("f" + i));
            if (s.limit() != null) {
                Field<?> order = s.orderBy() == null ? r.store().dialect().seededHash(pop.column(p.key()), s.seed())
                        : pop.value(r.value(s.orderBy(), p));
                base.add(order.as("o" + i));
            }
        }
        Table<?> layer = r.dsl().select(base).from(pop.from()).asTable("l0");
        List<String> columns = new ArrayList<>(p.columns().keySet());
        for (int i = 0; i < c.subsets().size(); i++) {
            Split.Subset s = c.subsets().get(i);
            String prev = "l" + i;
            Condition taken = DSL.falseCondition();
            if (!c.overlap()) {
                for (int j = 0; j < i; j++) {
                    taken = taken.or(field(name(prev, "in" + j), Boolean.class).isTrue());
                }
            }
            Condition candidate = field(name(prev, "f" + i), Boolean.class).isTrue().andNot(taken);
            List<Field<?>> next = new ArrayList<>();
            for (String col : columns) {
                next.add(field(name(prev, col)).as(col));
            }
            for (int j = i; j < c.subsets().size(); j++) {
                next.add(field(name(prev, "f" + j)).as("f" + j));
                if (c.subsets().get(j).limit() != null) {
                    next.add(field(name(prev, "o" + j)).as("o" + j));
                }
            }
            for (int j = 0; j < i; j++) {
                next.add(field(name(prev, "in" + j)).as("in" + j));
            }
            Condition in_i = candidate;
            if (s.limit() != null) {
                Field<?> order = field(name(prev, "o" + i));
                SortField<?> sort = s.orderBy() == null || !s.descending() ? order.asc().nullsLast() : order.desc().nullsLast();
                Field<Integer> flag = DSL.when(candidate, inline(1)).otherwise(inline(0));
                Field<Integer> rank = DSL.rowNumber().over().partitionBy(flag).orderBy(sort, field(name(prev, p.key())).asc());
                Field<?> limit = s.limit().isPercent()
                        ? DSL.field("floor({0} * {1} / 100.0 + 1e-9)", Long.class, DSL.count().over().partitionBy(flag),
                        inline(s.limit().percent()))
                        : inline(s.limit().count());
                in_i = candidate.and(((Field) rank).le(limit));
            }
            next.add(DSL.field(in_i).as("in" + i));
            layer = r.dsl().select(next).from(layer).asTable("l" + (i + 1));
        }
        String marked = r.newWorktable();
        List<Field<?>> keep = new ArrayList<>();
        String last = layer.getName();
        for (String col : columns) {
            keep.add(field(name(last, col)).as(col));
        }
        for (int i = 0; i < c.subsets().size(); i++) {
            keep.add(field(name(last, "in" + i)).as("in" + i));
        }
        r.create(marked, r.dsl().select(keep).from(layer));
        outputs(r, c, p, marked);
        r.execute(r.dsl().dropTable(name(marked)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void outputs(ActivitySql r, Split c, Population p, String marked) {
        Table<?> m = table(name(marked)).as("m");
        Condition any = DSL.falseCondition();
        for (int i = 0; i < c.subsets().size(); i++) {
            any = any.or(inSubset(i));
        }
        if (c.segmentCode()) {
            Select<?> all = null;
            if (c.overlap()) {
                for (int i = 0; i < c.subsets().size(); i++) {
                    Select<?> part = r.dsl().select(segmented(p, DSL.val(c.subsets().get(i).name()))).from(m).where(inSubset(i));
                    all = all == null ? part : all.unionAll((Select) part);
                }
            } else {
                var code = DSL.when(inSubset(0), DSL.val(c.subsets().get(0).name()));
                for (int i = 1; i < c.subsets().size(); i++) {
                    code = code.when(inSubset(i), DSL.val(c.subsets().get(i).name()));
                }
                all = r.dsl().select(segmented(p, code)).from(m).where(any);
            }
            output(r, c, "out", all);
        } else {
            for (int i = 0; i < c.subsets().size(); i++) {
                output(r, c, c.subsets().get(i).name(), r.dsl().select(Columns.of(p, "m")).from(m).where(inSubset(i)));
            }
        }
        if (c.complement()) {
            output(r, c, "complement", r.dsl().select(Columns.of(p, "m")).from(m).where(DSL.not(any)));
        }
    }

    private static void output(ActivitySql r, Split c, String name, Select<?> select) {
        String wt = r.newWorktable();
        long rows = r.create(wt, select);
        if (rows == 0 && c.skipEmpty()) {
            r.execute(r.dsl().dropTable(name(wt)));
            r.dead(name, "empty, and the split skips empty transitions");
        } else {
            r.output(name, wt, rows);
        }
    }

    private static List<Field<?>> segmented(Population p, Field<String> code) {
        List<Field<?>> columns = new ArrayList<>(Columns.of(p, "m"));
        columns.add(code.as(Population.SEGMENT));
        return columns;
    }

    private static Condition inSubset(int i) {
        return field(name("m", "in" + i), Boolean.class).isTrue();
    }
}
