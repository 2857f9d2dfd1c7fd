package dev.herald.store.activity;

import dev.herald.campaign.run.ActivityRun;
import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.Dedup;
import dev.herald.store.audience.ExpressionSql;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code dedup}: numbers the records of each duplicate group by the chosen preference —
 * {@code row_number() OVER (PARTITION BY values ORDER BY preference, key)} — and keeps the first
 * {@code keep}. Records with an empty duplicate value are marked and always stay.
 */
final class DedupSql extends SqlActivity<Dedup> {

    DedupSql(Store store) {
        super(store);
    }


    private static final String RANK = "herald_rank";
    private static final String EMPTY = "herald_empty";

    @Override
    void run(ActivitySql r, Dedup c) {
        ActivityRun.Input in = r.input();
        Population p = in.population();
        ExpressionSql.WorktableQuery pop = r.expressions().over(table(name(in.worktable())), p.key(), p.dimension());
        List<Field<?>> values = new ArrayList<>();
        Condition empty = DSL.falseCondition();
        for (String f : c.fields()) {
            Field<?> v = pop.value(r.value(f, p));
            values.add(v);
            empty = empty.or(v.isNull());
        }
        List<SortField<?>> order = new ArrayList<>(preference(r, c, pop, p));
        order.add(pop.column(p.key()).asc());
        List<Field<?>> select = new ArrayList<>(Columns.of(p, ExpressionSql.TARGET));
        select.add(DSL.rowNumber().over().partitionBy(values).orderBy(order).as(RANK));
        select.add(DSL.field(empty).as(EMPTY));
        Table<?> ranked = r.dsl().select(select).from(pop.from()).asTable("ranked");
        Condition kept = c.keep() == 0 ? DSL.trueCondition()
                : field(name("ranked", EMPTY), Boolean.class).isTrue().or(field(name("ranked", RANK), Long.class).le(c.keep()));
        String out = r.newWorktable();
        r.output("out", out, r.create(out, r.dsl().select(Columns.of(p, "ranked")).from(ranked).where(kept)));
        if (c.complement()) {
            String duplicates = r.newWorktable();
            r.output(Dedup.DUPLICATES, duplicates, r.create(duplicates,
                    r.dsl().select(Columns.of(p, "ranked")).from(ranked).where(DSL.not(kept))));
        }
    }

    /** The order of preference within a group: first kept first. */
    private static List<SortField<?>> preference(ActivitySql r, Dedup c, ExpressionSql.WorktableQuery pop, Population p) {
        return switch (c.method()) {
            case Dedup.ORDER -> {
                Field<?> v = pop.value(r.value(c.orderBy(), p));
                yield List.of("lowest".equals(c.direction()) ? v.asc().nullsLast() : v.desc().nullsLast());
            }
            case Dedup.NON_EMPTY -> {
                Field<Integer> filled = inline(0);
                for (String f : c.nonEmpty()) {
                    filled = filled.plus(DSL.when(pop.value(r.value(f, p)).isNotNull(), inline(1)).otherwise(inline(0)));
                }
                yield List.of(filled.desc());
            }
            case Dedup.VALUES -> {
                Field<?> v = pop.value(r.value(c.orderBy(), p));
                var rank = DSL.when(v.cast(String.class).eq(DSL.val(c.values().get(0))), inline(0));
                for (int i = 1; i < c.values().size(); i++) {
                    rank = rank.when(v.cast(String.class).eq(DSL.val(c.values().get(i))), inline(i));
                }
                yield List.of(rank.otherwise(inline(c.values().size())).asc());
            }
            default -> List.of(r.store().dialect().seededHash(pop.column(p.key()), c.seed()).asc());
        };
    }
}
