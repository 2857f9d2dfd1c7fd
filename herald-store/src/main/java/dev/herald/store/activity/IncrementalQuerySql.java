package dev.herald.store.activity;

import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.IncrementalQuery;
import dev.herald.schema.Entity;
import dev.herald.store.audience.ExpressionSql;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code incremental-query}: the build-audience SQL minus what earlier live runs returned — keys
 * kept in a history table ({@code herald_history_<n>}, pruned after the retention), or a high-water
 * mark of a date field. A live run records what it returns in the same transaction; a test run
 * records nothing. An empty result stops the path.
 */
final class IncrementalQuerySql extends SqlActivity<IncrementalQuery> {

    IncrementalQuerySql(Store store) {
        super(store);
    }


    private static final Table<?> INCREMENTAL = table(name("herald_incremental"));
    private static final Field<String> CAMPAIGN = field(name("campaign"), String.class);
    private static final Field<String> ACTIVITY = field(name("activity"), String.class);
    private static final Field<String> HISTORY = field(name("history"), String.class);
    private static final Field<OffsetDateTime> LAST_VALUE = field(name("last_value"), OffsetDateTime.class);
    private static final Field<OffsetDateTime> UPDATED_AT = field(name("updated_at"), OffsetDateTime.class);

    @Override
    void run(ActivitySql r, IncrementalQuery c) {
        Population p = r.population("out");
        Entity dim = p.dimension();
        String key = dim.key().get(0);
        var compiled = r.expressions().compile(r.condition(c.expression(), dim));
        Field<Object> recordKey = field(name(ExpressionSql.ROOT, key));
        Optional<org.jooq.Record2<String, OffsetDateTime>> state = r.dsl().select(HISTORY, LAST_VALUE).from(INCREMENTAL)
                .where(CAMPAIGN.eq(r.record().campaign())).and(ACTIVITY.eq(r.activity().id())).fetchOptional();
        Condition fresh;
        String history = state.map(s -> s.get(HISTORY)).orElse(null);
        Field<OffsetDateTime> date = IncrementalQuery.DATE.equals(c.by())
                ? field(name(ExpressionSql.ROOT, c.dateField())).cast(SQLDataType.TIMESTAMPWITHTIMEZONE) : null;
        if (date == null) {
            fresh = history == null ? DSL.noCondition() : DSL.notExists(DSL.selectOne().from(table(name(history)).as("h"))
                    .where(field(name("h", "record_key")).eq(recordKey)).and(retained(r, c, field(name("h", "seen_at"), OffsetDateTime.class))));
        } else {
            OffsetDateTime last = state.map(s -> s.get(LAST_VALUE)).orElse(null);
            fresh = last == null ? DSL.noCondition() : date.gt(last);
        }
        String wt = r.newWorktable();
        long rows = r.create(wt, r.dsl().select(recordKey.as(key)).from(compiled.from()).where(compiled.where()).and(fresh));
        if (rows == 0) {
            r.execute(r.dsl().dropTable(name(wt)));
            r.dead("out", "no record that earlier runs did not return: the path stops");
            return;
        }
        r.output("out", wt, rows);
        if (r.test()) {
            r.info("a test run does not remember what it returned");
            return;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(r.now(), ZoneOffset.UTC);
        if (date == null) {
            if (history == null) {
                history = "herald_history_" + r.store().nextval("herald_table_seq");
                r.execute(r.dsl().createTable(name(history)).column(field(name("record_key"),
                        r.store().dialect().type(dim.keyFields().get(0).type()))).column(field(name("run_id"), SQLDataType.BIGINT))
                        .column(field(name("seen_at"), SQLDataType.TIMESTAMPWITHTIMEZONE)));
            }
            Table<?> h = table(name(history));
            r.execute(r.dsl().insertInto(h).columns(field(name("record_key")), field(name("run_id"), Long.class),
                            field(name("seen_at"), OffsetDateTime.class))
                    .select(r.dsl().select(field(name(key)), DSL.val(r.record().id()), DSL.val(now)).from(table(name(wt)))));
            if (c.retentionDays() > 0) {
                r.execute(r.dsl().deleteFrom(h).where(DSL.not(retained(r, c, field(name("seen_at"), OffsetDateTime.class)))));
            }
            save(r, history, null, now);
        } else {
            OffsetDateTime high = r.dsl().select(DSL.max(field(name("d", c.dateField())).cast(SQLDataType.TIMESTAMPWITHTIMEZONE)))
                    .from(table(name(dim.name())).as("d")).where(field(name("d", key)).in(DSL.select(field(name(key))).from(table(name(wt)))))
                    .fetchOne(0, OffsetDateTime.class);
            save(r, null, high, now);
        }
    }

    /** A history row still counts: forever, or seen within the retention. */
    private static Condition retained(ActivitySql r, IncrementalQuery c, Field<OffsetDateTime> seenAt) {
        return c.retentionDays() == 0 ? DSL.noCondition()
                : seenAt.gt(OffsetDateTime.ofInstant(r.now().minus(Duration.ofDays(c.retentionDays())), ZoneOffset.UTC));
    }

    private static void save(ActivitySql r, String history, OffsetDateTime lastValue, OffsetDateTime now) {
        r.dsl().deleteFrom(INCREMENTAL).where(CAMPAIGN.eq(r.record().campaign())).and(ACTIVITY.eq(r.activity().id())).execute();
        r.dsl().insertInto(INCREMENTAL).set(CAMPAIGN, r.record().campaign()).set(ACTIVITY, r.activity().id()).set(HISTORY, history)
                .set(LAST_VALUE, lastValue).set(UPDATED_AT, now).execute();
    }
}
