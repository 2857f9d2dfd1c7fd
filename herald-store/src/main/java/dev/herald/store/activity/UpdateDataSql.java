package dev.herald.store.activity;

import dev.herald.campaign.run.ActivityRun;
import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.UpdateData;
import dev.herald.schema.Entity;
import dev.herald.store.SqlTypes;
import dev.herald.store.audience.ExpressionSql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code update-data}: computes each row's key and new values into a staging table, decides in SQL
 * which rows can apply (the key is there; for an insert it is free, for an update or a delete it
 * exists; the first row of a repeated key), then inserts, updates, upserts or deletes in one
 * statement. A test run changes no data: it only says what would apply.
 */
final class UpdateDataSql extends SqlActivity<UpdateData> {

    UpdateDataSql(Store store) {
        super(store);
    }


    private static final String ROW = "herald_row";
    private static final String OK = "herald_ok";

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    void run(ActivitySql r, UpdateData c) {
        ActivityRun.Input in = r.input();
        Population p = in.population();
        Entity target = c.entity() == null ? p.dimension() : r.schema().entities().get(c.entity());
        boolean keyed = UpdateData.sameEntity(p, target);
        ExpressionSql.WorktableQuery pop = r.expressions().over(table(name(in.worktable())), p.key(), p.dimension());
        Map<String, Field<?>> values = new LinkedHashMap<>();
        if (keyed) {
            values.put(target.key().get(0), pop.column(p.key()));
        }
        c.fields().forEach((f, text) -> values.put(f, pop.value(r.value(text, p))
                .cast(r.store().dialect().type(target.fields().get(f).type()))));
        List<Field<?>> select = new ArrayList<>(List.of(pop.column(p.key()).as(ROW)));
        values.forEach((f, v) -> select.add(v.as(f)));
        String staged = r.newWorktable();
        r.create(staged, r.dsl().select(select).from(pop.from()));

        Table<?> s = table(name(staged)).as("s");
        Table<?> e = table(name(target.name())).as("e");
        Condition missing = DSL.falseCondition();
        Condition sameKey = DSL.noCondition();
        List<Field<?>> key = new ArrayList<>();
        for (String k : target.key()) {
            missing = missing.or(field(name("s", k)).isNull());
            sameKey = sameKey.and(field(name("e", k)).eq(field(name("s", k))));
            key.add(field(name("s", k)));
        }
        Condition exists = DSL.exists(DSL.selectOne().from(e).where(sameKey));
        Condition first = field(name("n", "herald_rn"), Long.class).eq(1L);
        Condition applies = switch (c.operation()) {
            case UpdateData.INSERT -> DSL.not(exists);
            case UpdateData.UPDATE, UpdateData.DELETE -> exists;
            default -> DSL.noCondition();
        };
        List<Field<?>> numbered = new ArrayList<>(List.of(field(name("s", ROW)).as(ROW)));
        values.keySet().forEach(f -> numbered.add(field(name("s", f)).as(f)));
        numbered.add(DSL.rowNumber().over().partitionBy(key).orderBy(field(name("s", ROW))).as("herald_rn"));
        numbered.add(DSL.field(DSL.not(missing).and(applies)).as("herald_fits"));
        Table<?> n = r.dsl().select(numbered).from(s).asTable("n");
        List<Field<?>> decided = new ArrayList<>(List.of(field(name("n", ROW)).as(ROW)));
        values.keySet().forEach(f -> decided.add(field(name("n", f)).as(f)));
        decided.add(DSL.field(field(name("n", "herald_fits"), Boolean.class).isTrue().and(first)).as(OK));
        String marked = r.newWorktable();
        r.create(marked, r.dsl().select(decided).from(n));
        r.execute(r.dsl().dropTable(name(staged)));

        Table<?> m = table(name(marked));
        Condition ok = field(name(OK), Boolean.class).isTrue();
        long applying = r.dsl().fetchCount(m, ok);
        if (r.test()) {
            r.info(String.format("a test run changes no data: %,d rows would %s %s", applying, c.operation(), target.name()));
        } else {
            apply(r, c, target, m, ok, values.keySet());
            r.info(String.format("%s %,d %s records", past(c.operation()), applying, target.name()));
        }
        Table<?> t = table(name(in.worktable())).as("t");
        // a key repeated in the population applied once; its other rows are not rejects, and an empty key never applies
        Condition applied = DSL.exists(DSL.selectOne().from(m).where(ok).and(field(name(ROW)).eq(field(name("t", p.key())))));
        String out = r.newWorktable();
        r.output("out", out, r.create(out, r.dsl().select(Columns.of(p, "t")).from(t).where(applied)));
        if (c.rejects()) {
            String rejected = r.newWorktable();
            r.output(UpdateData.REJECTS, rejected, r.create(rejected, r.dsl().select(Columns.of(p, "t")).from(t).where(DSL.not(applied))));
        }
        r.execute(r.dsl().dropTable(name(marked)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void apply(ActivitySql r, UpdateData c, Entity target, Table<?> m, Condition ok, java.util.Set<String> fields) {
        Table<?> entity = table(name(target.name()));
        List<Field<?>> columns = fields.stream().<Field<?>>map(f -> field(name(f))).toList();
        switch (c.operation()) {
            case UpdateData.INSERT -> r.execute(r.dsl().insertInto(entity).columns(columns)
                    .select((org.jooq.Select) r.dsl().select(columns).from(m).where(ok)));
            case UpdateData.UPSERT -> {
                Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
                for (String f : fields) {
                    if (!target.isKey(f)) {
                        set.put(field(name(f)), DSL.excluded(field(name(f))));
                    }
                }
                var insert = r.dsl().insertInto(entity).columns(columns).select((org.jooq.Select) r.dsl().select(columns).from(m).where(ok))
                        .onConflict(target.key().stream().map(k -> field(name(k))).toList());
                r.execute(set.isEmpty() ? insert.doNothing() : insert.doUpdate().set(set));
            }
            case UpdateData.UPDATE -> {
                Table<?> s = r.dsl().select(columns).from(m).where(ok).asTable("s");
                Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
                Condition sameKey = DSL.noCondition();
                for (String f : fields) {
                    if (target.isKey(f)) {
                        sameKey = sameKey.and(field(name(target.name(), f)).eq(field(name("s", f))));
                    } else {
                        set.put(field(name(f)), field(name("s", f)));
                    }
                }
                r.execute(r.dsl().update(entity).set(set).from(s).where(sameKey));
            }
            case UpdateData.DELETE -> {
                String k = target.key().get(0);
                r.execute(r.dsl().deleteFrom(entity).where(field(name(k)).in(r.dsl().select(field(name(k))).from(m).where(ok))));
            }
            default -> throw new IllegalStateException(c.operation());
        }
    }

    private static String past(String operation) {
        return switch (operation) {
            case UpdateData.INSERT -> "inserted";
            case UpdateData.UPDATE -> "updated";
            case UpdateData.UPSERT -> "upserted";
            default -> "deleted";
        };
    }
}
