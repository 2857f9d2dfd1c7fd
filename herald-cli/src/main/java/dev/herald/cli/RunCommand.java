package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.app.run.RunService;
import dev.herald.campaign.config.Durations;
import dev.herald.campaign.run.LogLine;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.error.UserError;
import dev.herald.text.Echo;
import java.io.PrintWriter;
import java.time.Duration;
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

/** {@code herald run list|status|log|sql|preview|resume|due|restart|pause|stop|purge}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Monitor and control campaign runs.",
        subcommands = {RunCommand.ListRuns.class, RunCommand.Status.class, RunCommand.Log.class, RunCommand.Sql.class,
                RunCommand.Preview.class, RunCommand.Resume.class, RunCommand.Approve.class, RunCommand.Due.class, RunCommand.Restart.class,
                RunCommand.Pause.class, RunCommand.Stop.class, RunCommand.Purge.class})
final class RunCommand {

    @ParentCommand
    Herald herald;

    static Duration duration(String text) {
        Duration d = Durations.parse(text);
        if (d == null) {
            throw UserError.invalid(Echo.quoted(text) + " is not a length of time; write e.g. 60s, 5m, 2h or 1d");
        }
        return d;
    }

    /**
     * Runs {@code work}, then {@code report}s the run; Ctrl-C pauses the run once the activity under
     * way is done, instead of killing it, and the process ends once the paused run is reported.
     */
    static RunRecord interruptible(RunService runs, Supplier<RunRecord> work, Consumer<RunRecord> report) {
        CountDownLatch over = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runs.requestPause();
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

    static void report(PrintWriter out, RunService runs, RunRecord run) {
        out.println();
        RunPrinter.header(out, run);
        RunPrinter.graph(out, runs.status(run.id()));
        switch (run.status()) {
            case SUSPENDED -> {
                List<String> waiting = runs.awaitingApproval(run.id());
                if (waiting.isEmpty()) {
                    out.println("Resume with: herald run resume " + run.id());
                } else {
                    waiting.forEach(activity -> out.println("Approve with: herald run approve " + run.id() + " " + activity));
                }
            }
            case PAUSED -> out.println("Resume with: herald run resume " + run.id());
            case WAITING -> out.println("Waiting for a timer; herald run resume " + run.id() + " continues it when due");
            default -> {
            }
        }
        out.println("Details: herald run log " + run.id() + " · herald run preview " + run.id() + " TRANSITION");
        out.flush();
    }

    /** A run command: the workspace's runs and where to print. */
    abstract static class RunTask implements Callable<Integer> {
        @ParentCommand
        RunCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        Application app() {
            return parent.herald.app();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The latest runs.")
    static final class ListRuns extends RunTask {
        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public Integer call() {
            try (Application app = app()) {
                List<RunRecord> all = app.runs().list(limit);
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
            try (Application app = app()) {
                RunService.RunView view = app.runs().status(runId);
                RunPrinter.header(out(), view.run());
                RunPrinter.graph(out(), view);
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
            try (Application app = app()) {
                for (LogLine l : app.runs().log(runId)) {
                    out().printf("%s  %-7s %-20s %s%n", l.at(), l.level(), l.activity() == null ? "" : l.activity(),
                            Hints.withHint(l.message(), l.hint()));
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
            try (Application app = app()) {
                Map<String, String> statements = app.runs().statements(runId, activity);
                if (statements.isEmpty()) {
                    out().println(activity == null ? "-- run " + runId + " ran no SQL yet"
                            : "-- " + activity + (app.runs().status(runId).activities().containsKey(activity) ? ": ran no SQL"
                            : ": has not run yet in run " + runId));
                }
                statements.forEach((a, sql) -> {
                    out().println("-- " + a);
                    out().println(sql + ";");
                    out().println();
                });
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
            try (Application app = app()) {
                RunService.TransitionRows t = app.runs().preview(runId, transition, fields, limit);
                if (t.record() == null) {
                    out().println(t.transition() + ": not reached yet in run " + runId);
                } else if (!t.record().active() || t.record().worktable() == null) {
                    out().println(t.transition() + (t.record().active() ? " carried no records (a signal)" : " was not activated: its path stopped"));
                } else if (t.rows() == null) {
                    out().println("The worktables of run " + runId + " were purged on " + t.run().purgedAt()
                            + " (runs.retention_days in herald.yaml)");
                } else {
                    out().printf("%s: %,d rows (%s)%n", t.transition(), t.record().rows(), t.describe());
                    out().print(TablePrinter.format(t.rows()));
                }
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
            try (Application app = app()) {
                RunService runs = app.runs();
                RunRecord run = interruptible(runs, () -> runs.resume(runId, duration(maxSleep), force, new ProgressPrinter(out())),
                        r -> report(out(), runs, r));
                return run.status() == RunStatus.FAILED || run.status() == RunStatus.SUSPENDED ? 1 : 0;
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a live delivery that waits for it (its counts and first message are in the run's log), then resume the run.")
    static final class Approve extends RunTask {
        @Parameters(index = "0", paramLabel = "RUN")
        long runId;
        @Parameters(index = "1", paramLabel = "ACTIVITY", description = "The delivery activity, e.g. newsletter.")
        String activity;
        @Option(names = "--max-sleep", defaultValue = "60s", description = "Wait for a timer at most this long. Default: ${DEFAULT-VALUE}.")
        String maxSleep;

        @Override
        public Integer call() {
            try (Application app = app()) {
                RunService runs = app.runs();
                String by = "herald run approve (" + System.getProperty("user.name", "unknown user") + ")";
                RunRecord run = interruptible(runs, () -> runs.approve(runId, activity, by, duration(maxSleep), new ProgressPrinter(out())),
                        r -> report(out(), runs, r));
                return run.status() == RunStatus.FAILED || run.status() == RunStatus.SUSPENDED ? 1 : 0;
            }
        }
    }

    @Command(name = "due", mixinStandardHelpOptions = true,
            description = "Resume every waiting run whose timer (a wait, a scheduler) is due now — for cron, until herald server runs them itself.")
    static final class Due extends RunTask {
        @Option(names = "--max-sleep", defaultValue = "60s", description = "Wait for a timer at most this long. Default: ${DEFAULT-VALUE}.")
        String maxSleep;

        @Override
        public Integer call() {
            try (Application app = app()) {
                RunService runs = app.runs();
                List<RunRecord> resumed = runs.resumeDue(duration(maxSleep), new ProgressPrinter(out()));
                if (resumed.isEmpty()) {
                    out().println("No waiting run has a timer due now");
                }
                for (RunRecord r : resumed) {
                    out().printf("Run %d of %s v%d: %s%n", r.id(), r.campaign(), r.version(), r.status().word());
                }
                return resumed.stream().anyMatch(r -> r.status() == RunStatus.FAILED || r.status() == RunStatus.SUSPENDED) ? 1 : 0;
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
            try (Application app = app()) {
                RunService runs = app.runs();
                RunRecord run = interruptible(runs, () -> runs.restart(runId, duration(maxSleep), new ProgressPrinter(out())),
                        r -> report(out(), runs, r));
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
            try (Application app = app()) {
                app.runs().pause(runId);
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
            try (Application app = app()) {
                app.runs().stop(runId);
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
            try (Application app = app()) {
                Duration age = olderThan == null ? Duration.ofDays(app.workspace().config().runRetentionDays()) : duration(olderThan);
                int n = app.runs().purge(age);
                out().printf("Purged the worktables of %d run%s that ended more than %s ago%n", n, n == 1 ? "" : "s", Durations.format(age));
            }
            return 0;
        }
    }
}
