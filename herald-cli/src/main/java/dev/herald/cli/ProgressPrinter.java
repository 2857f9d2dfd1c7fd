package dev.herald.cli;

import dev.herald.app.run.RunListener;
import dev.herald.campaign.Activity;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.RunRecord;
import dev.herald.error.Action;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints a run's progress as it goes: one line per finished activity, and warnings and errors. */
final class ProgressPrinter implements RunListener {

    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(RunRecord run) {
        out.printf("Run %d of %s v%d (%s)%n", run.id(), run.campaign(), run.version(), run.mode());
        out.flush();
    }

    @Override
    public void activityDone(long runId, Activity activity, Map<String, ActivityRun.Output> outputs, long rowsIn) {
        List<String> parts = new ArrayList<>();
        outputs.forEach((o, r) -> parts.add(o + " " + (r.active() ? String.format("%,d", r.rows()) : "stopped")));
        out.printf("  ✓ %-24s %s%n", activity.id(), parts.isEmpty() ? "" : "→ " + String.join(" · ", parts));
        out.flush();
    }

    @Override
    public void activityFailed(long runId, Activity activity, String message) {
        out.printf("  ✗ %-24s %s%n", activity.id(), message.replace("\n", "\n      "));
        out.flush();
    }

    @Override
    public void logged(long runId, String level, String activity, String message, Action hint) {
        if (level.equals("warning") || level.equals("error") && !message.startsWith("failed:") || hint instanceof Action.ApproveDelivery) {
            out.printf("  ! %s%s%n", activity == null ? "" : activity + ": ", Hints.withHint(message, hint));
            out.flush();
        }
    }
}
