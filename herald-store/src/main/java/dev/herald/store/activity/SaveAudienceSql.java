package dev.herald.store.activity;

import dev.herald.campaign.run.ActivityRun;
import dev.herald.store.Store;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.activity.SaveAudience;
import dev.herald.audience.Audience;
import dev.herald.store.audience.Audiences;

/** {@code save-audience}: the worktable's keys replace the static audience's list, as a new version. A test run saves nothing. */
final class SaveAudienceSql extends SqlActivity<SaveAudience> {

    SaveAudienceSql(Store store) {
        super(store);
    }


    @Override
    void run(ActivitySql r, SaveAudience c) {
        ActivityRun.Input in = r.input();
        r.output("out", in.worktable(), in.rows());
        if (r.test()) {
            r.info("a test run does not save the audience '" + c.name() + "' (" + String.format("%,d", in.rows()) + " records)");
            return;
        }
        String key = in.population().key();
        Audience saved = new Audiences(r.store(), r.schema(), r.record().variables(), r.now()).saveStatic(c.name(),
                in.population().dimension(), r.dsl().selectDistinct(field(name(key))).from(table(name(in.worktable())))
                        .where(field(name(key)).isNotNull()),
                "saved by campaign " + r.record().campaign() + ", run " + r.record().id() + ", activity " + r.activity().id());
        r.info(String.format("saved the audience '%s' version %d: %,d records", saved.name(), saved.version(), saved.size()));
    }
}
