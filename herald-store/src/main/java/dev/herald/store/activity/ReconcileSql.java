package dev.herald.store.activity;

import dev.herald.campaign.run.ActivityRun;
import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.Reconcile;
import dev.herald.schema.Entity;
import dev.herald.store.audience.ExpressionSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code reconcile}: joins each file row to the dimension's records whose fields equal the row's
 * values, keeps the lowest key when several match (and says how many did), and gives the rows that
 * matched nothing on {@code unreconciled} — or keeps them with an empty key.
 */
final class ReconcileSql extends SqlActivity<Reconcile> {

    ReconcileSql(Store store) {
        super(store);
    }


    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    void run(ActivitySql r, Reconcile c) {
        ActivityRun.Input in = r.input();
        Population file = in.population();
        Population out = r.population("out");
        Entity dim = out.dimension();
        String dimKey = dim.key().get(0);
        ExpressionSql.WorktableQuery pop = r.expressions().over(table(name(in.worktable())), Population.LINE, null);
        Condition same = DSL.noCondition();
        for (Map.Entry<String, String> m : c.match().entrySet()) {
            same = same.and(field(name("x", m.getKey())).eq((Field) pop.value(r.value(m.getValue(), file))));
        }
        Field<Object> line = pop.column(Population.LINE);
        Field<Object> key = field(name("x", dimKey));
        Table<?> candidates = r.dsl().select(line.as("line"), key.as("k"),
                        DSL.rowNumber().over().partitionBy(line).orderBy(key).as("rn"))
                .from(pop.from().join(table(name(dim.name())).as("x")).on(same)).asTable("candidates");
        String matches = r.newWorktable();
        r.create(matches, r.dsl().select(candidates.fields()).from(candidates).where(field(name("candidates", "rn"), Long.class).le(2L)));
        long ambiguous = r.dsl().fetchCount(table(name(matches)), field(name("rn"), Long.class).eq(2L));
        if (ambiguous > 0) {
            r.warning(String.format("%,d %s several %s records; each is linked to the one with the lowest %s", ambiguous,
                    ambiguous == 1 ? "row matches" : "rows match",
                    dim.name(), dimKey));
        }
        Table<?> t = table(name(in.worktable())).as("t");
        Table<?> m = r.dsl().select(field(name("line")), field(name("k"))).from(table(name(matches)))
                .where(field(name("rn"), Long.class).eq(1L)).asTable("m");
        List<Field<?>> select = new ArrayList<>();
        select.add(field(name("m", "k")).as(dimKey));
        file.columns().keySet().forEach(col -> select.add(field(name("t", col)).as(col)));
        Condition linked = field(name("m", "line")).eq(field(name("t", Population.LINE)));
        String wt = r.newWorktable();
        r.output("out", wt, r.create(wt, c.keepUnreconciled()
                ? r.dsl().select(select).from(t.leftJoin(m).on(linked))
                : r.dsl().select(select).from(t.join(m).on(linked))));
        if (c.complement()) {
            String rest = r.newWorktable();
            r.output(Reconcile.UNRECONCILED, rest, r.create(rest, r.dsl().select(Columns.of(file, "t")).from(t)
                    .where(DSL.notExists(DSL.selectOne().from(m).where(linked)))));
        }
        r.execute(r.dsl().dropTable(name(matches)));
    }
}
