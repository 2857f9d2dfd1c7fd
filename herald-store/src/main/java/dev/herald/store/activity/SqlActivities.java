package dev.herald.store.activity;

import dev.herald.campaign.activity.BuildAudience;
import dev.herald.campaign.activity.ChangeDimension;
import dev.herald.campaign.activity.Combine;
import dev.herald.campaign.activity.Dedup;
import dev.herald.campaign.activity.Enrich;
import dev.herald.campaign.activity.IncrementalQuery;
import dev.herald.campaign.activity.LoadFile;
import dev.herald.campaign.activity.Reconcile;
import dev.herald.campaign.activity.SaveAudience;
import dev.herald.campaign.activity.Split;
import dev.herald.campaign.activity.UpdateData;
import dev.herald.campaign.run.SetExecutor;
import dev.herald.store.Store;

/** The SQL of each set-based activity type on one store, for the app's registry to bind to its type. */
public final class SqlActivities {

    private final Store store;

    public SqlActivities(Store store) {
        this.store = store;
    }

    public SetExecutor<BuildAudience> buildAudience() {
        return new BuildAudienceSql(store);
    }

    public SetExecutor<IncrementalQuery> incrementalQuery() {
        return new IncrementalQuerySql(store);
    }

    public SetExecutor<Combine> combine() {
        return new CombineSql(store);
    }

    public SetExecutor<Dedup> dedup() {
        return new DedupSql(store);
    }

    public SetExecutor<Enrich> enrich() {
        return new EnrichSql(store);
    }

    public SetExecutor<ChangeDimension> changeDimension() {
        return new ChangeDimensionSql(store);
    }

    public SetExecutor<Split> split() {
        return new SplitSql(store);
    }

    public SetExecutor<LoadFile> loadFile() {
        return new LoadFileSql(store);
    }

    public SetExecutor<Reconcile> reconcile() {
        return new ReconcileSql(store);
    }

    public SetExecutor<SaveAudience> saveAudience() {
        return new SaveAudienceSql(store);
    }

    public SetExecutor<UpdateData> updateData() {
        return new UpdateDataSql(store);
    }
}
