package dev.herald.store.activity;

import java.util.Map;
import java.util.Optional;

/** The SQL of every set-based activity type, by its short id. */
public final class SetActivities {

    private static final Map<String, SetActivity> BY_TYPE = Map.ofEntries(
            Map.entry("build-audience", new BuildAudienceSql()),
            Map.entry("incremental-query", new IncrementalQuerySql()),
            Map.entry("combine", new CombineSql()),
            Map.entry("dedup", new DedupSql()),
            Map.entry("enrich", new EnrichSql()),
            Map.entry("change-dimension", new ChangeDimensionSql()),
            Map.entry("split", new SplitSql()),
            Map.entry("load-file", new LoadFileSql()),
            Map.entry("reconcile", new ReconcileSql()),
            Map.entry("save-audience", new SaveAudienceSql()),
            Map.entry("update-data", new UpdateDataSql()));

    private SetActivities() {
    }

    public static Optional<SetActivity> of(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
