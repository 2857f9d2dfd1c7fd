package dev.herald.cli;

import dev.herald.app.run.RunService;
import dev.herald.campaign.Activity;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.TransitionRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a run as a graph: each activity in run order, its state, when it started (UTC) and how
 * long it took, and the count on each transition.
 */
final class RunPrinter {

    /** Start times, in UTC. */
    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);

    private RunPrinter() {
    }

    static void header(PrintWriter out, RunRecord run) {
        String took = run.endedAt() == null ? "" : " in " + seconds(Duration.between(run.startedAt(), run.endedAt()));
        out.printf("Run %d · %s v%d · %s · %s%s%n", run.id(), run.campaign(), run.version(), run.mode(), run.status().word(), took);
    }

    static void graph(PrintWriter out, RunService.RunView view) {
        int width = view.graph().order().stream().mapToInt(a -> a.id().length()).max().orElse(10);
        for (Activity a : view.graph().order()) {
            ActivityRecord r = view.activities().get(a.id());
            String state = r == null ? "pending" : r.status().word();
            String time = r == null || r.startedAt() == null || r.endedAt() == null ? "" : seconds(Duration.between(r.startedAt(), r.endedAt()));
            String start = r == null || r.startedAt() == null ? "" : CLOCK.format(r.startedAt());
            List<String> in = new ArrayList<>();
            for (String t : view.graph().inbound(a.id())) {
                in.add(t + " " + count(view.transitions().get(t)));
            }
            List<String> outs = new ArrayList<>();
            if (a.config() != null) {
                for (String o : a.config().outputs()) {
                    outs.add(o + " " + count(view.transitions().get(a.transition(o))));
                }
            }
            out.printf("  %-" + width + "s  %-17s %-8s %8s %8s  %s%s%n", a.id(), a.type(), state, start, time,
                    in.isEmpty() ? "" : String.join(" + ", in) + "  ", outs.isEmpty() ? "" : "→ " + String.join(" · ", outs));
            if (r != null && r.error() != null) {
                out.println("      error: " + r.error().replace("\n", "\n      "));
            }
        }
    }

    private static String count(TransitionRecord t) {
        if (t == null) {
            return "…";
        }
        return t.active() ? String.format("%,d", t.rows()) : "stopped";
    }

    static String seconds(Duration d) {
        return String.format("%.2f s", d.toNanos() / 1e9);
    }
}
