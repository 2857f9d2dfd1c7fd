package dev.herald.cli;

import dev.herald.campaign.Plan;
import dev.herald.campaign.config.Durations;
import dev.herald.campaign.run.RunStatus;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.store.run.ActivityRecord;
import dev.herald.store.run.Campaigns;
import dev.herald.store.run.LogLine;
import dev.herald.store.run.RunRecord;
import dev.herald.store.run.Runner;
import dev.herald.store.run.Runs;
import dev.herald.store.run.TransitionRecord;
import dev.herald.store.run.Worktables;
import dev.herald.text.Echo;
import dev.herald.workspace.Workspace;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald run list|status|log|sql|preview|resume|restart|pause|stop|purge}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Monitor and control campaign runs.",
        subcommands = {RunCommand.ListRuns.class, RunCommand.Status.class, RunCommand.Log.class, RunCommand.Sql.class,
                RunCommand.Preview.class, RunCommand.Resume.class, RunCommand.Restart.class, RunCommand.Pause.class, RunCommand.Stop.class,
                RunCommand.Purge.class})
final class RunCommand {

    @ParentCommand
    Herald herald;

    static Duration duration(String text) {
        Duration d = Durations.parse(text);
        if (d == null) {
            throw new IllegalArgumentException(Echo.quoted(text) + " is not a length of time; write e.g. 60s, 5m, 2h or 1d");
        }
        return d;
    }

    /**
     * Runs {@code work}, then {@code report}s the run; Ctrl-C pauses the run once the activity under
     * way is done, instead of killing it, and the process ends once the paused run is reported.
     */
    static RunRecord interruptible(Runner runner, Supplier<RunRecord> work, Consumer<RunRecord> report) {
        CountDownLatch over = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.requestPause();
            try {
                over.await(120, TimeUnit.SECONDS); // the run records its pause and is reported, then this process may end
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            RunRecord run = work.get();
            report.accept(run);
            return run;
        } finally {
            over.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the JVM is shutting down: the hook has what it waited for
            }
        }
    }

    static void report(PrintWriter out, Plan plan, Runs runs, RunRecord run) {
        out.println();
        RunPrinter.header(out, run);
        RunPrinter.graph(out, plan, runs, run.id());
        switch (run.status()) {
            case PAUSED, SUSPENDED -> out.println("Resume with: herald run resume " + run.id());
            case WAITING -> out.println("Waiting for a timer; herald run resume " + run.id() + " continues it when due");
            default -> {
            }
        }
        out.println("Details: herald run log " + run.id() + " · herald run preview " + run.id() + " TRANSITION");
        out.flush();
    }

    /** Opens the workspace's store and the plan of a run's campaign version. */
    abstract static class RunTask implements Callable<Integer> {
        @ParentCommand
        RunCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        Workspace workspace() {
            return Workspace.open(parent.herald.workspaceDir());
        }

        static Plan plan(Store store, Schema schema, RunRecord run) {
            return new Campaigns(store, schema, new dev.herald.expr.ExpressionChecker(schema)).plan(run.campaign(), run.version());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The latest runs.")
    static final class ListRuns extends RunTask {
        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public Integer call() {
            try (Store store = Store.open(workspace().store())) {
                List<RunRecord> all = new Runs(store).list(limit);
                if (all.isEmpty()) {
                    out().println("No runs yet: herald campaign run FILE");
                }
                for (RunRecord r : all) {
                    out().printf("%6d  %-24s v%-3d %-4s %-9s %s%n", r.id(), r.campaign(), r.version(), r.mode(), r.status().word(),
                            r.startedAt());
                }
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A run's graph: each activity's state and time, each transition's count.")
    static final class Status extends RunTask {
        @Parameters(paramLabel = "RUN")
        long runId;

        @Override
        public Integer call() {
            Workspace ws = workspace();
            try (Store store = Store.open(ws.store())) {
                Runs runs = new Runs(store);
                RunRecord run = runs.run(runId);
                RunPrinter.header(out(), run);
                RunPrinter.graph(out(), plan(store, ws.schema(), run), runs, runId);
            }
            return 0;
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true, description = "A run's log: user actions, activity events, warnings and errors.")
    static final class Log extends RunTask {
        @Parameters(paramLabel = "RUN")
        long runId;

        @Override
        public Integer call() {
            try (Store store = Store.open(workspace().store())) {
                Runs runs = new Runs(store);
                runs.run(runId); // an unknown run is an error, not an empty log
                for (LogLine l : runs.log(runId)) {
                    out().printf("%s  %-7s %-20s %s%n", l.at(), l.level(), l.activity() == null ? "" : l.activity(), l.message());
                }
            }
            return 0;
        }
    }

    @Command(name = "sql", mixinStandardHelpOptions = true, description = "The SQL each activity of a run ran, with its bound parameters.")
    static final class Sql extends RunTask {
        @Parameters(index = "0", paramLabel = "RUN")
        long runId;
        @Parameters(index = "1", arity = "0..1", paramLabel = "ACTIVITY")
        String activity;

        @Override
        public Integer call() {
            Workspace ws = workspace();
            try (Store store = Store.open(ws.store())) {
                Runs runs = new Runs(store);
                RunRecord run = runs.run(runId);
                Map<String, ActivityRecord> ran = runs.activities(runId);
                if (activity != null) {
                    plan(store, ws.schema(), run).activity(activity); // an unknown activity is refused with the closest one
                    ActivityRecord a = ran.get(activity);
                    if (a == null || a.sql() == null || a.sql().isBlank()) {
                        out().println("-- " + activity + (a == null ? ": has not run yet in run " + runId : ": ran no SQL"));
                        return 0;
                    }
                }
                for (ActivityRecord a : ran.values()) {
                    if ((activity == null || activity.equals(a.activity())) && a.sql() != null && !a.sql().isBlank()) {
                        out().println("-- " + a.activity());
                        out().println(a.sql() + ";");
                        out().println();
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true, description = "The first rows of a transition's worktable.")
    static final class Preview extends RunTask {
        @Parameters(index = "0", paramLabel = "RUN")
        long runId;
        @Parameters(index = "1", paramLabel = "TRANSITION", description = "activity.output, e.g. split.gold (an activity's id alone: its only output)")
        String transition;
        @Option(names = "--limit", defaultValue = "20")
        int limit;
        @Option(names = "--fields", split = ",", description = "Fields of the dimension's records to show beside the worktable's columns.")
        List<String> fields = new ArrayList<>();

        @Override
        public Integer call() {
            Workspace ws = workspace();
            try (Store store = Store.open(ws.store())) {
                Runs runs = new Runs(store);
                RunRecord run = runs.run(runId);
                Plan plan = plan(store, ws.schema(), run);
                String name = plan.transition(transition);
                TransitionRecord t = runs.transitions(runId).get(name);
                if (t == null) {
                    out().println(name + ": not reached yet in run " + runId);
                    return 0;
                }
                if (!t.active() || t.worktable() == null) {
                    out().println(name + (t.active() ? " carried no records (a signal)" : " was not activated: its path stopped"));
                    return 0;
                }
                if (run.purgedAt() != null) {
                    out().println("The worktables of run " + runId + " were purged on " + run.purgedAt() + " (runs.retention_days in herald.yaml)");
                    return 0;
                }
                out().printf("%s: %,d rows (%s)%n", name, t.rows(), plan.population(name).describe());
                out().println(Worktables.preview(store, t.worktable(), plan.population(name), fields, limit).format());
            }
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused, suspended, waiting or interrupted run.")
    static final class Resume extends RunTask {
        @Parameters(paramLabel = "RUN")
        long runId;
        @Option(names = "--max-sleep", defaultValue = "60s", description = "Wait for a timer at most this long. Default: ${DEFAULT-VALUE}.")
        String maxSleep;
        @Option(names = "--force", description = "Resume even if another process seems to drive the run (PostgreSQL).")
        boolean force;

        @Override
        public Integer call() {
            Workspace ws = workspace();
            try (Store store = Store.open(ws.store())) {
                Runner runner = new Runner(store, ws.schema(), ws.dir(), new ProgressPrinter(out()));
                RunRecord before = runner.runs().run(runId);
                Plan plan = plan(store, ws.schema(), before);
                RunRecord run = interruptible(runner, () -> runner.resume(plan, runId, duration(maxSleep), force),
                        r -> report(out(), plan, runner.runs(), r));
                return run.status() == RunStatus.FAILED || run.status() == RunStatus.SUSPENDED ? 1 : 0;
            }
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            description = "Start a new run of the same campaign version, test or live, with the same variables (a run not yet ended is stopped first).")
    static final class Restart extends RunTask {
        @Parameters(paramLabel = "RUN")
        long runId;
        @Option(names = "--max-sleep", defaultValue = "60s", description = "Wait for a timer at most this long. Default: ${DEFAULT-VALUE}.")
        String maxSleep;

        @Override
        public Integer call() {
            Workspace ws = workspace();
            try (Store store = Store.open(ws.store())) {
                Runner runner = new Runner(store, ws.schema(), ws.dir(), new ProgressPrinter(out()));
                Plan plan = plan(store, ws.schema(), runner.runs().run(runId));
                RunRecord run = interruptible(runner, () -> runner.restart(plan, runId, duration(maxSleep)),
                        r -> report(out(), plan, runner.runs(), r));
                return run.status().isFinal() && run.status() != RunStatus.FINISHED ? 1 : 0;
            }
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a run: no new activity starts until it is resumed.")
    static final class Pause extends RunTask {
        @Parameters(paramLabel = "RUN")
        long runId;

        @Override
        public Integer call() {
            Workspace ws = workspace();
            try (Store store = Store.open(ws.store())) {
                new Runner(store, ws.schema(), ws.dir(), Runner.QUIET).pause(runId);
                out().println("Run " + runId + " paused; resume with: herald run resume " + runId);
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a run for good.")
    static final class Stop extends RunTask {
        @Parameters(paramLabel = "RUN")
        long runId;

        @Override
        public Integer call() {
            Workspace ws = workspace();
            try (Store store = Store.open(ws.store())) {
                new Runner(store, ws.schema(), ws.dir(), Runner.QUIET).stop(runId);
                out().println("Run " + runId + " stopped");
            }
            return 0;
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true, description = "Drop the worktables of runs that ended long ago.")
    static final class Purge extends RunTask {
        @Option(names = "--older-than", description = "Runs that ended longer ago than this (e.g. 7d, 12h). Default: runs.retention_days.")
        String olderThan;

        @Override
        public Integer call() {
            Workspace ws = workspace();
            Duration age = olderThan == null ? Duration.ofDays(ws.config().runRetentionDays()) : duration(olderThan);
            try (Store store = Store.open(ws.store())) {
                int n = Worktables.purge(store, new Runs(store), Instant.now().minus(age));
                out().printf("Purged the worktables of %d run%s that ended more than %s ago%n", n, n == 1 ? "" : "s", Durations.format(age));
            }
            return 0;
        }
    }
}
