package dev.herald.store.activity;

import java.util.Map;
import java.util.Optional;

/** The SQL of every set-based activity type, by its short id. */
public final class SetActivities {

    private static final Map<String, SetActivity> BY_TYPE = Map.ofEntries(
            Map.entry("build-audience", new BuildAudienceSql()));

    private SetActivities() {
    }

    public static Optional<SetActivity> of(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
