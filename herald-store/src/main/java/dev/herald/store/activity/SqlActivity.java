package dev.herald.store.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.SetExecutor;
import dev.herald.store.Store;

/** A set-based activity written in SQL on the store. */
abstract class SqlActivity<C extends ActivityConfig> implements SetExecutor<C> {

    private final Store store;

    SqlActivity(Store store) {
        this.store = store;
    }

    @Override
    public final void run(ActivityRun run, C config) throws Exception {
        run(new ActivitySql(store, run), config);
    }

    abstract void run(ActivitySql r, C config) throws Exception;
}
