package dev.herald.store.activity;

import dev.herald.campaign.run.ActivityRun;
import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.Enrich;
import dev.herald.expr.ExprType;
import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import dev.herald.store.SqlTypes;
import dev.herald.store.audience.ExpressionSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code enrich}: one {@code CREATE TABLE … AS SELECT} of the worktable's columns and the new ones.
 * Values through links are compiled expressions (aggregates over one link share one grouped pass);
 * a collection is a grouped subquery over the link's rows of this worktable's records — DuckDB's
 * {@code arg_max_null} for the first row, else numbered rows pivoted into columns; a joined worktable
 * is matched on the key or on pairs of values, one row per match.
 */
final class EnrichSql extends SqlActivity<Enrich> {

    EnrichSql(Store store) {
        super(store);
    }


    @Override
    void run(ActivitySql r, Enrich c) {
        List<String> inbound = r.inputs().stream().map(ActivityRun.Input::transition).toList();
        ActivityRun.Input in = r.inputs().get(c.primaryIndex(inbound));
        if (in.worktable() == null) {
            r.dead("out", "the population to enrich (" + in.transition() + ") stopped");
            return;
        }
        Population p = in.population();
        ExpressionSql.WorktableQuery pop = r.expressions().over(table(name(in.worktable())), p.key(), p.dimension());
        List<Field<?>> select = new ArrayList<>(Columns.of(p, ExpressionSql.TARGET));
        c.columns().forEach((n, text) -> select.add(pop.value(r.value(text, p)).as(n)));
        List<Field<?>> joinValues = new ArrayList<>();
        if (c.join() != null) {
            for (Enrich.Match m : c.join().on()) {
                joinValues.add(pop.value(r.value(m.primary(), p)));
            }
        }
        Table<?> from = pop.from();
        int n = 0;
        for (Map.Entry<String, Enrich.Collection> e : c.collections().entrySet()) {
            String alias = "c" + (++n);
            Table<?> rows = collection(r, p, in.worktable(), e.getValue(), alias);
            from = from.leftJoin(rows).on(field(name(alias, "k")).eq(pop.column(p.key())));
            for (String col : Enrich.collectionColumns(e.getKey(), e.getValue())) {
                select.add(field(name(alias, col.substring(e.getKey().length() + 1))).as(col));
            }
        }
        if (c.join() != null) {
            ActivityRun.Input joined = r.inputs().get(c.joinedIndex(inbound));
            if (joined.worktable() != null) {
                Joined j = joined(r, c.join(), joined, p, joinValues, pop);
                from = from.leftJoin(j.table()).on(j.on());
                for (String col : j.columns()) {
                    select.add(field(name("j", col)).as(col));
                }
            } else {
                Population jp = joined.population();
                List<String> wanted = c.join().columns().isEmpty()
                        ? jp.columns().keySet().stream().filter(k -> !k.equals(jp.key())).toList() : c.join().columns();
                for (String col : wanted) {
                    select.add(DSL.cast(DSL.inline((Object) null), r.store().dialect().type(jp.columns().get(col))).as(col));
                }
                r.warning("the joined set " + joined.transition() + " stopped: its columns are empty");
            }
        }
        String out = r.newWorktable();
        r.output("out", out, r.create(out, r.dsl().select(select).from(from)));
    }

    /**
     * The first rows of a link per record of the worktable, one row per record: {@code k} (the
     * record's key) and the collection's columns ({@code COL} for one row, {@code i_COL} for more).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Table<?> collection(ActivitySql r, Population p, String worktable, Enrich.Collection coll, String alias) {
        Link link = p.dimension().links().get(coll.link());
        Entity rows = r.schema().entities().get(link.target());
        Link back = rows.links().get(link.inverse());
        ExpressionSql.WorktableQuery lp = r.expressions().over(table(name(rows.name())), rows.key().get(0), null);
        Field<Object> fk = field(name(ExpressionSql.TARGET, back.field()));
        Condition where = fk.in(DSL.select(field(name(p.key()))).from(table(name(worktable))));
        if (coll.filter() != null) {
            where = where.and(lp.condition(r.condition(coll.filter(), rows)));
        }
        Field<?> order = lp.value(r.value(coll.orderBy(), rows));
        List<String> names = new ArrayList<>(coll.columns().keySet());
        List<Field<?>> values = new ArrayList<>();
        List<ExprType> types = new ArrayList<>();
        for (String col : names) {
            var e = r.value(coll.columns().get(col), rows);
            values.add(lp.value(e));
            types.add(e.root().type());
        }
        boolean duck = r.store().dialect().picksByOrderInOneAggregate();
        Field<Object> key = field(name(ExpressionSql.TARGET, rows.key().get(0)));
        if (coll.rows() == 1 && duck) {
            List<Field<?>> select = new ArrayList<>(List.of(fk.as("k")));
            // the _null forms keep an empty value of the first row, as the numbered rows below do
            String fn = coll.descending() ? "arg_max_null" : "arg_min_null";
            // as the numbered rows below: rows without an order value last, ties broken by the key
            String last = coll.descending() ? "is not null" : "is null";
            for (int i = 0; i < names.size(); i++) {
                select.add(DSL.field(fn + "({0}, row({1} " + last + ", {1}, {2}))", values.get(i).getDataType(), values.get(i), order, key)
                        .as(names.get(i)));
            }
            return DSL.select(select).from(lp.from()).where(where).groupBy(fk).asTable(alias);
        }
        List<Field<?>> numbered = new ArrayList<>(List.of(fk.as("k")));
        for (int i = 0; i < names.size(); i++) {
            numbered.add(values.get(i).as("v" + i));
        }
        numbered.add(DSL.rowNumber().over().partitionBy(fk)
                .orderBy(coll.descending() ? order.desc().nullsLast() : order.asc().nullsLast(),
                        coll.descending() ? key.desc() : key.asc()).as("rn"));
        Table<?> ranked = DSL.select(numbered).from(lp.from()).where(where).asTable("ranked");
        Field<Long> rn = field(name("ranked", "rn"), Long.class);
        List<Field<?>> pivot = new ArrayList<>(List.of(field(name("ranked", "k")).as("k")));
        for (int row = 1; row <= coll.rows(); row++) {
            for (int i = 0; i < names.size(); i++) {
                Field v = field(name("ranked", "v" + i));
                Field<?> pick = types.get(i) == ExprType.BOOL ? DSL.boolOr(v).filterWhere(rn.eq((long) row))
                        : DSL.max(v).filterWhere(rn.eq((long) row));
                pivot.add(pick.as(coll.rows() == 1 ? names.get(i) : row + "_" + names.get(i)));
            }
        }
        return DSL.select(pivot).from(ranked).where(rn.le(coll.rows())).groupBy(field(name("ranked", "k"))).asTable(alias);
    }

    /** The joined worktable, one row per match, aliased {@code j}. */
    private record Joined(Table<?> table, Condition on, List<String> columns) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Joined joined(ActivitySql r, Enrich.JoinedSet join, ActivityRun.Input joined, Population p, List<Field<?>> primaryValues,
                                 ExpressionSql.WorktableQuery pop) {
        Population jp = joined.population();
        ExpressionSql.WorktableQuery jpop = r.expressions().over(table(name(joined.worktable())), jp.key(), jp.dimension());
        List<Field<?>> matchJoined = new ArrayList<>();
        List<Field<?>> matchPrimary = new ArrayList<>();
        if (join.on().isEmpty()) {
            matchJoined.add(jpop.column(jp.key()));
            matchPrimary.add(pop.column(p.key()));
        } else {
            for (int i = 0; i < join.on().size(); i++) {
                matchJoined.add(jpop.value(r.value(join.on().get(i).joined(), jp)));
                matchPrimary.add(primaryValues.get(i));
            }
        }
        List<String> columns = join.columns().isEmpty()
                ? jp.columns().keySet().stream().filter(k -> !k.equals(jp.key())).toList() : join.columns();
        List<Field<?>> select = new ArrayList<>();
        for (String col : columns) {
            select.add(jpop.column(col).as(col));
        }
        for (int i = 0; i < matchJoined.size(); i++) {
            select.add(matchJoined.get(i).as("herald_m" + i));
        }
        select.add(DSL.rowNumber().over().partitionBy(matchJoined).orderBy(jpop.column(jp.key())).as("herald_rn"));
        Table<?> numbered = DSL.select(select).from(jpop.from()).asTable("jn");
        List<Field<?>> outer = new ArrayList<>();
        for (String col : columns) {
            outer.add(field(name("jn", col)).as(col));
        }
        for (int i = 0; i < matchJoined.size(); i++) {
            outer.add(field(name("jn", "herald_m" + i)).as("herald_m" + i));
        }
        Table<?> one = DSL.select(outer).from(numbered).where(field(name("jn", "herald_rn"), Long.class).eq(1L)).asTable("j");
        Condition on = DSL.noCondition();
        for (int i = 0; i < matchPrimary.size(); i++) {
            on = on.and(field(name("j", "herald_m" + i)).eq((Field) matchPrimary.get(i)));
        }
        return new Joined(one, on, columns);
    }
}
