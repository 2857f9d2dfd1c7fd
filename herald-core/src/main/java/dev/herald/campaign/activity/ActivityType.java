package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Spec;
import java.util.function.BiConsumer;

/**
 * A kind of activity: its short id ({@code dedup}), the record its options are read into, where it
 * runs, its options, how many inbound transitions it takes, and how its options are read.
 * Registered in {@link ActivityTypes}; what runs it is registered once in the app's registry.
 */
public record ActivityType<C extends ActivityConfig>(String id, Class<C> config, Where where, Spec spec, int minInputs,
                                                     int maxInputs, Reader<C> reader) {

    public static final int MANY = Integer.MAX_VALUE;

    /** Where an activity runs. */
    public enum Where {
        /** SQL on whole sets: reads its inbound worktables, writes its outbound ones. */
        SET,
        /** A decision of the orchestrator on counts, variables and time; no data moves. */
        CONTROL,
        /** A worker that resolves recipients, renders and sends. */
        CHANNEL
    }

    /** Reads an activity's options into its config; problems found while reading go to {@code problem}. */
    @FunctionalInterface
    public interface Reader<C extends ActivityConfig> {
        C read(Options options, BiConsumer<String, String> problem);
    }

    /** Whether the activity may start a path (it takes no inbound transition). */
    public boolean startsPaths() {
        return minInputs == 0;
    }

    /** The options of an activity of this type, typed: the one place a config meets its type. */
    public C configOf(dev.herald.campaign.Activity activity) {
        return config.cast(activity.config());
    }
}
