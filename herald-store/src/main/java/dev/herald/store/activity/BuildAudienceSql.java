package dev.herald.store.activity;

import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.BuildAudience;
import dev.herald.expr.CheckedExpression;
import dev.herald.schema.Entity;
import dev.herald.audience.Audience;
import dev.herald.store.audience.Audiences;
import dev.herald.store.audience.ExpressionSql;
import org.jooq.Select;

/** {@code build-audience}: {@code CREATE TABLE wt AS SELECT key FROM dimension WHERE condition}, or a saved audience's members. */
final class BuildAudienceSql extends SqlActivity<BuildAudience> {

    BuildAudienceSql(Store store) {
        super(store);
    }


    @Override
    void run(ActivitySql r, BuildAudience c) {
        Population p = r.population("out");
        String wt = r.newWorktable();
        r.output("out", wt, r.create(wt, select(r, p.dimension(), c.expression(), c.audience())));
    }

    /** The keys of the records matching an expression or in a saved audience, as a column named like the key. */
    static Select<?> select(ActivitySql r, Entity dimension, String expression, String audience) {
        String key = dimension.key().get(0);
        if (audience != null) {
            Audience saved = new Audiences(r.store(), r.schema(), r.record().variables(), r.now()).find(audience)
                    .orElseThrow(() -> new IllegalArgumentException("no saved audience '" + audience + "'"));
            if (saved.kind() == Audience.Kind.STATIC) {
                return r.dsl().select(field(name(key))).from(table(name(saved.populationTable())));
            }
            CheckedExpression e = r.run().savedAudience(saved.expression(), dimension);
            ExpressionSql.Compiled compiled = r.expressions().compile(e);
            return r.dsl().select(field(name(ExpressionSql.ROOT, key)).as(key)).from(compiled.from()).where(compiled.where());
        }
        CheckedExpression e = r.condition(expression, dimension);
        ExpressionSql.Compiled compiled = r.expressions().compile(e);
        return r.dsl().select(field(name(ExpressionSql.ROOT, key)).as(key)).from(compiled.from()).where(compiled.where());
    }
}
