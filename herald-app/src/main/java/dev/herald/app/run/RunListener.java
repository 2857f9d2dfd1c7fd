package dev.herald.app.run;

import dev.herald.campaign.Activity;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.RunRecord;
import dev.herald.error.Action;
import java.util.Map;

/** Hears what a run does while it runs (the CLI prints it). Every event is also in the run's log. */
public interface RunListener {

    /** A listener that hears nothing. */
    RunListener QUIET = new RunListener() {
    };

    default void started(RunRecord run) {
    }

    default void activityDone(long runId, Activity activity, Map<String, ActivityRun.Output> outputs, long rowsIn) {
    }

    default void activityFailed(long runId, Activity activity, String message) {
    }

    default void logged(long runId, String level, String activity, String message, Action hint) {
    }
}
