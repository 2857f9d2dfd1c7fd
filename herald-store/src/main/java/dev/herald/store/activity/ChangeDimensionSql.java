package dev.herald.store.activity;

import dev.herald.campaign.run.ActivityRun;
import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.ChangeDimension;
import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import dev.herald.store.audience.ExpressionSql;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code change-dimension}: joins the worktable to the records its link reaches — the target's key
 * becomes the key, the former key and the columns are carried — and with {@code keep: one} keeps
 * the first row per new key ({@code row_number() OVER (PARTITION BY new key ORDER BY …)}).
 */
final class ChangeDimensionSql extends SqlActivity<ChangeDimension> {

    ChangeDimensionSql(Store store) {
        super(store);
    }


    @Override
    void run(ActivitySql r, ChangeDimension c) {
        ActivityRun.Input in = r.input();
        Population p = in.population();
        Population out = r.population("out");
        Link link = p.dimension().links().get(c.link());
        Entity target = out.dimension();
        ExpressionSql.WorktableQuery pop = r.expressions().over(table(name(in.worktable())), p.key(), p.dimension());
        Field<?> order = c.orderBy() == null ? null : pop.value(r.value(c.orderBy(), p));
        Table<?> x = table(name(target.name())).as("x");
        Field<Object> newKey = field(name("x", target.key().get(0)));
        Table<?> from;
        if (link.isToMany()) {
            Link back = target.links().get(link.inverse());
            from = pop.from().join(x).on(field(name("x", back.field())).eq(pop.column(p.key())));
        } else {
            pop.dimensionTable();
            from = pop.from().join(x).on(newKey.eq(field(name(ExpressionSql.ROOT, link.field()))));
        }
        List<Field<?>> select = new ArrayList<>();
        select.add(newKey.as(out.key()));
        select.add(pop.column(p.key()).as(ChangeDimension.formerKey(p)));
        for (String col : p.columns().keySet()) {
            if (!col.equals(p.key())) {
                select.add(pop.column(col).as(col));
            }
        }
        String wt = r.newWorktable();
        if (!ChangeDimension.ONE.equals(c.keep())) {
            r.output("out", wt, r.create(wt, r.dsl().select(select).from(from)));
            return;
        }
        List<SortField<?>> sort = new ArrayList<>();
        if (order != null) {
            sort.add(c.descending() ? order.desc().nullsLast() : order.asc().nullsLast());
        }
        sort.add(pop.column(p.key()).asc());
        select.add(DSL.rowNumber().over().partitionBy(newKey).orderBy(sort).as("herald_rn"));
        Table<?> numbered = r.dsl().select(select).from(from).asTable("n");
        r.output("out", wt, r.create(wt, r.dsl().select(Columns.of(out, "n")).from(numbered)
                .where(field(name("n", "herald_rn"), Long.class).eq(1L))));
    }
}
