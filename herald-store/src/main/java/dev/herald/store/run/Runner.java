package dev.herald.store.run;

import dev.herald.campaign.Activity;
import dev.herald.campaign.ErrorPolicy;
import dev.herald.campaign.Plan;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.config.Durations;
import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.Orchestrator;
import dev.herald.campaign.run.RunState;
import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.Step;
import dev.herald.expr.ExpressionChecker;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.store.activity.ActivityRun;
import dev.herald.store.activity.ChannelActivities;
import dev.herald.store.activity.ChannelActivity;
import dev.herald.store.activity.SetActivities;
import dev.herald.store.activity.SetActivity;
import dev.herald.store.delivery.MessageViews;
import dev.herald.text.Echo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives runs: asks the {@link Orchestrator} what to do next and does it — runs set-based and
 * channel activities, records control decisions, timers, pauses and errors — persisting every
 * step in the store, so that a run killed at any point resumes where it stopped with the same
 * results. One activity at a time; each in its own transaction.
 */
public final class Runner {

    private final Store store;
    private final Schema schema;
    private final ExpressionChecker checker;
    private final Path workspace;
    private final Runs runs;
    private final RunListener listener;
    private final AtomicBoolean pauseRequested = new AtomicBoolean();
    /** How long a driver's heartbeat counts as alive, and how often it beats. */
    static final Duration ALIVE = Duration.ofSeconds(60);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final String DRIVER = hostName() + "/" + ProcessHandle.current().pid();
    private Instant lastHeartbeat;
    private long heartbeatRun;

    public Runner(Store store, Schema schema, Path workspace, RunListener listener) {
        this.store = store;
        this.schema = schema;
        this.checker = new ExpressionChecker(schema);
        this.workspace = workspace;
        this.runs = new Runs(store);
        this.listener = listener;
    }

    public ExpressionChecker checker() {
        return checker;
    }

    public Runs runs() {
        return runs;
    }

    /** Asks a running run to pause once the activity under way is done (e.g. on Ctrl-C). */
    public void requestPause() {
        pauseRequested.set(true);
        synchronized (pauseRequested) {
            pauseRequested.notifyAll();
        }
    }

    /** Starts a run of a published version and drives it as far as it goes. */
    public RunRecord start(Plan plan, CampaignVersion version, RunOptions options) {
        return start(plan, version, options, null);
    }

    private RunRecord start(Plan plan, CampaignVersion version, RunOptions options, String note) {
        Map<String, Object> variables = new LinkedHashMap<>(plan.campaign().variables());
        options.variables().forEach((k, v) -> {
            if (!variables.containsKey(k)) {
                throw new IllegalArgumentException("--var " + Echo.cut(k) + ": the campaign has no variable " + Echo.quoted(k)
                        + DidYouMean.hint(k, variables.keySet()) + " (variables: " + String.join(", ", variables.keySet()) + ")");
            }
            variables.put(k, sameKind(k, variables.get(k), v));
        });
        for (String b : options.breakpoints()) {
            if (plan.campaign().activity(b).isEmpty()) {
                throw new IllegalArgumentException("--break-before " + Echo.cut(b) + ": no such activity"
                        + DidYouMean.hint(b, plan.order().stream().map(Activity::id).toList()));
            }
        }
        List<String> breakpoints = new ArrayList<>(options.breakpoints());
        plan.campaign().activities().stream().filter(Activity::breakpoint).forEach(a -> breakpoints.add(a.id()));
        MessageViews.ensure(store, schema);
        long id = store.inTransaction(() -> {
            long run = runs.create(version, options.test(), variables, options.now(), breakpoints);
            runs.log(run, "action", null, (options.test() ? "test run" : "live run") + " of " + version.campaign() + " v"
                    + version.version() + " started" + (note == null ? "" : " (" + note + ")")
                    + (variables.isEmpty() ? "" : " with " + variables)
                    + (options.now() == null ? "" : ", judging at " + options.now()));
            return run;
        });
        listener.started(runs.run(id));
        drive(plan, id, options.maxSleep());
        return runs.run(id);
    }

    /** A value given for a variable, of the kind of its default: a number for a number, true/false for true/false. */
    private static Object sameKind(String name, Object defaultValue, Object given) {
        boolean fits = switch (defaultValue) {
            case Long l -> isWhole(given);
            case Integer i -> isWhole(given);
            case Double d -> isWhole(given) || given instanceof Double;
            case Boolean b -> given instanceof Boolean;
            default -> true;
        };
        if (!fits) {
            throw new IllegalArgumentException("--var " + Echo.cut(name + "=" + given) + ": the variable holds "
                    + (defaultValue instanceof Boolean ? "true or false" : "a number") + " (its default is " + defaultValue + ")");
        }
        return defaultValue instanceof String && !(given instanceof String) ? String.valueOf(given)
                : defaultValue instanceof Double && isWhole(given) ? (Object) ((Number) given).doubleValue() : given;
    }

    private static boolean isWhole(Object value) {
        return value instanceof Long || value instanceof Integer;
    }

    /** Resumes a paused, suspended, waiting or interrupted run: failed and interrupted activities run again. */
    public RunRecord resume(Plan plan, long runId, Duration maxSleep) {
        return resume(plan, runId, maxSleep, false);
    }

    /**
     * Resumes a run. On PostgreSQL, where several processes share the store, a run another process
     * drives (it said it was alive less than {@link #ALIVE} ago) is refused unless {@code force}.
     * (A DuckDB file has one process at a time: the one holding it.)
     */
    public RunRecord resume(Plan plan, long runId, Duration maxSleep, boolean force) {
        RunRecord run = runs.run(runId);
        if (run.status().isFinal()) {
            throw new IllegalArgumentException("run " + runId + " is " + run.status().word() + "; start a new run instead");
        }
        if (!store.isDuckDb() && !force && run.status() == RunStatus.RUNNING) {
            runs.driver(runId).filter(d -> !d.value1().equals(DRIVER)
                    && d.value2().toInstant().isAfter(Instant.now().minus(ALIVE))).ifPresent(d -> {
                        throw new IllegalArgumentException("run " + runId + " is being driven by " + d.value1() + " (alive at "
                                + d.value2().toInstant() + "); if that process is gone, resume with --force");
                    });
        }
        MessageViews.ensure(store, schema);
        Set<String> decided = runs.transitions(runId).keySet();
        store.inTransaction(() -> {
            for (ActivityRecord a : runs.activities(runId).values()) {
                // a failure whose path was ended (on_error: ignore) stays as it is; one that held the run up is retried
                if (a.status() == ActivityStatus.FAILED && Orchestrator.undecided(plan.activity(a.activity()), decided)) {
                    runs.retry(runId, a.activity());
                }
            }
            runs.status(runId, RunStatus.RUNNING);
            runs.log(runId, "action", null, "resumed (was " + run.status().word() + ")");
            return null;
        });
        listener.started(runs.run(runId));
        drive(plan, runId, maxSleep);
        return runs.run(runId);
    }

    /** Pauses a run that is not being driven by another process: no new activity will start. */
    public void pause(long runId) {
        RunRecord run = runs.run(runId);
        if (run.status().isFinal()) {
            throw new IllegalArgumentException("run " + runId + " is " + run.status().word());
        }
        store.inTransaction(() -> {
            runs.status(runId, RunStatus.PAUSED);
            runs.log(runId, "action", null, "paused by a user");
            return null;
        });
    }

    /** Stops a run for good. */
    public void stop(long runId) {
        RunRecord run = runs.run(runId);
        if (run.status().isFinal()) {
            throw new IllegalArgumentException("run " + runId + " is " + run.status().word() + " already");
        }
        store.inTransaction(() -> {
            runs.status(runId, RunStatus.STOPPED);
            runs.log(runId, "action", null, "stopped by a user");
            return null;
        });
    }

    /**
     * Starts a new run of the same version as {@code runId}, test or live as it was, with its
     * variables and pinned clock; a run that has not ended is stopped first.
     */
    public RunRecord restart(Plan plan, long runId, Duration maxSleep) {
        RunRecord old = runs.run(runId);
        CampaignVersion version = runs.version(old.campaign(), old.version()).orElseThrow();
        if (!old.status().isFinal()) {
            store.inTransaction(() -> {
                runs.status(runId, RunStatus.STOPPED);
                runs.log(runId, "action", null, "stopped by a restart");
                return null;
            });
        }
        RunOptions options = new RunOptions(old.test(), old.variables(), old.fixedNow(), List.of(), maxSleep);
        return start(plan, version, options, "restart of run " + runId);
    }

    private void drive(Plan plan, long runId, Duration maxSleep) {
        Orchestrator orchestrator = new Orchestrator(plan, checker);
        Set<String> interrupted = new HashSet<>(runs.interrupted(runId));
        while (true) {
            RunRecord run = runs.run(runId);
            if (run.status() != RunStatus.RUNNING) {
                return;
            }
            alive(runId);
            if (pauseRequested.getAndSet(false)) {
                log(runId, "action", null, "paused (interrupted by the user)");
                runs.status(runId, RunStatus.PAUSED);
                return;
            }
            RunState state = state(run, interrupted);
            List<Step> steps = orchestrator.next(state);
            if (steps.isEmpty()) {
                return;
            }
            Step step = steps.get(0);
            switch (step) {
                case Step.Execute e -> {
                    interrupted.remove(e.activity());
                    execute(plan, run, plan.activity(e.activity()));
                }
                case Step.Pass p -> pass(plan, run, p);
                case Step.Hold h -> store.inTransaction(() -> {
                    runs.waiting(runId, h.activity(), h.until(), inputRows(plan, runId, h.activity()));
                    log(runId, "info", h.activity(), "waits " + h.note());
                    return null;
                });
                case Step.Skip s -> skip(plan, run, s);
                case Step.Pause p -> store.inTransaction(() -> {
                    List<String> left = new ArrayList<>(run.breakpoints());
                    left.remove(p.activity());
                    runs.breakpoints(runId, left);
                    runs.status(runId, RunStatus.PAUSED);
                    log(runId, "action", p.activity(), "paused at the breakpoint before " + p.activity()
                            + "; resume with: herald run resume " + runId);
                    return null;
                });
                case Step.Sleep s -> {
                    Duration wait = Duration.between(clock(run), s.until());
                    if (wait.compareTo(maxSleep) > 0) {
                        runs.status(runId, RunStatus.WAITING);
                        log(runId, "info", null, "waiting until " + s.until() + " (in " + Durations.format(wait)
                                + "); herald run resume " + runId + " continues it then");
                        return;
                    }
                    nap(wait.compareTo(HEARTBEAT) < 0 ? wait : HEARTBEAT); // then the loop says it is alive, or pauses
                }
                case Step.Fail f -> failed(plan, run, plan.activity(f.activity()), new IllegalArgumentException(f.reason()));
                case Step.Blocked b -> {
                    runs.status(runId, RunStatus.SUSPENDED);
                    log(runId, "warning", null, "suspended: the activities after " + String.join(", ", b.failed())
                            + " wait for it to run again; fix the cause, then: herald run resume " + runId);
                    return;
                }
                case Step.Finish f -> {
                    runs.status(runId, RunStatus.FINISHED);
                    log(runId, "info", null, "finished");
                    return;
                }
            }
        }
    }

    private RunState state(RunRecord run, Set<String> interrupted) {
        Map<String, RunState.Activity> activities = new LinkedHashMap<>();
        runs.activities(run.id()).forEach((id, a) -> {
            if (!(a.status() == ActivityStatus.RUNNING && interrupted.contains(id))) {
                activities.put(id, new RunState.Activity(a.status(), a.wakeAt()));
            }
        });
        Map<String, RunState.Transition> transitions = new LinkedHashMap<>();
        runs.transitions(run.id()).forEach((n, t) -> transitions.put(n, new RunState.Transition(t.active(), t.rows())));
        return new RunState(run.status(), activities, transitions, new HashSet<>(run.breakpoints()), run.test(), run.variables(),
                clock(run));
    }

    /** The run's time: the real time, or with a pinned clock, that moment plus the time since the run started. */
    private static Instant clock(RunRecord run) {
        Instant real = Instant.now();
        return run.fixedNow() == null ? real : run.fixedNow().plus(Duration.between(run.startedAt(), real));
    }

    private void execute(Plan plan, RunRecord run, Activity a) {
        ActivityType type = Plan.type(a);
        Instant judged = store.inTransaction(() -> {
            Instant at = runs.started(run.id(), a.id(), run.fixedNow() != null ? run.fixedNow() : Instant.now());
            log(run.id(), "info", a.id(), "started (" + a.type() + ")");
            return at;
        });
        ActivityRun ar = new ActivityRun(store, schema, checker, plan, a, run, judged, workspace, runs, inputs(plan, run.id(), a));
        try {
            if (type.where() == ActivityType.Where.CHANNEL) {
                ChannelActivity channel = ChannelActivities.of(a.type());
                store.inTransaction(() -> {
                    channel.prepare(ar);
                    return null;
                });
                if (!channel.send(ar, () -> {
                    alive(run.id());
                    return pauseRequested.get();
                })) {
                    return; // paused mid-send: the activity stays running and resumes its pending messages
                }
                store.inTransaction(() -> {
                    channel.finish(ar);
                    done(ar);
                    return null;
                });
            } else {
                SetActivity set = SetActivities.of(a.type()).orElseThrow(() -> new IllegalStateException("no SQL for " + a.type()));
                store.inTransaction(() -> {
                    set.run(ar);
                    done(ar);
                    return null;
                });
            }
            if (run.consecutiveErrors() > 0) {
                runs.consecutiveErrors(run.id(), 0);
            }
        } catch (dev.herald.store.DiskFullException e) {
            // nothing more can be written, the failure included: the activity stays running, and resumes once there is space
            throw new dev.herald.store.DiskFullException(store.location(), "resume the run: herald run resume " + run.id(), e.getCause());
        } catch (Exception e) {
            failed(plan, run, a, e);
        }
    }

    private void done(ActivityRun ar) throws java.sql.SQLException {
        Activity a = ar.activity();
        long rowsIn = ar.inputs().stream().mapToLong(ActivityRun.Input::rows).sum();
        long rowsOut = 0;
        for (String o : a.config().outputs()) {
            ActivityRun.Output out = ar.outputs().get(o);
            boolean active = out != null && out.active();
            runs.transition(ar.record().id(), a.transition(o), active, active ? out.worktable() : null, active ? out.rows() : 0);
            if (active) {
                rowsOut += out.rows();
            } else if (out != null && out.note() != null) {
                ar.info(a.transition(o) + ": " + out.note());
            }
        }
        for (String[] note : ar.notes()) {
            log(ar.record().id(), note[0], a.id(), note[1]);
        }
        runs.ended(ar.record().id(), a.id(), ActivityStatus.DONE, rowsIn, rowsOut, String.join(";\n\n", ar.sql()), null);
        log(ar.record().id(), "info", a.id(), "done: " + describe(ar));
        listener.activityDone(ar.record().id(), a, ar.outputs(), rowsIn);
    }

    private static String describe(ActivityRun ar) {
        List<String> parts = new ArrayList<>();
        ar.outputs().forEach((o, out) -> parts.add(o + " " + (!out.active() ? "stopped" : String.format("%,d", out.rows()))));
        return parts.isEmpty() ? "no outputs" : String.join(", ", parts);
    }

    private void failed(Plan plan, RunRecord run, Activity a, Exception e) {
        String message = message(e);
        ErrorPolicy policy = plan.campaign().onError();
        store.inTransaction(() -> {
            runs.ended(run.id(), a.id(), ActivityStatus.FAILED, inputRows(plan, run.id(), a.id()), null, null, message);
            log(run.id(), "error", a.id(), "failed: " + message);
            int errors = run.consecutiveErrors() + 1;
            runs.consecutiveErrors(run.id(), errors);
            switch (policy.policy()) {
                case SUSPEND -> {
                    runs.status(run.id(), RunStatus.SUSPENDED);
                    log(run.id(), "warning", a.id(), "run suspended (on_error: suspend); fix the cause, then: herald run resume " + run.id());
                }
                case ABORT -> {
                    runs.status(run.id(), RunStatus.FAILED);
                    log(run.id(), "warning", a.id(), "run aborted (on_error: abort)");
                }
                case IGNORE -> {
                    if (errors >= policy.maxConsecutive()) {
                        // this failure is left undecided, so that resuming after a fix runs it again
                        runs.status(run.id(), RunStatus.SUSPENDED);
                        log(run.id(), "warning", a.id(), errors + " failures in a row (on_error: ignore, max_consecutive: "
                                + policy.maxConsecutive() + "): run suspended");
                    } else {
                        for (String o : a.config().outputs()) {
                            runs.transition(run.id(), a.transition(o), false, null, 0);
                        }
                        log(run.id(), "warning", a.id(), "its path ends here (on_error: ignore)");
                    }
                }
            }
            return null;
        });
        listener.activityFailed(run.id(), a, message);
    }

    /** What to tell a user about a failure: the message, never a stack trace. */
    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof dev.herald.store.DiskFullException)
                && (t.getMessage() == null || t instanceof RuntimeException && t.getCause() instanceof java.sql.SQLException)) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() > 2000 ? m.substring(0, 2000) + "…" : m;
    }

    private void pass(Plan plan, RunRecord run, Step.Pass p) {
        Map<String, TransitionRecord> transitions = runs.transitions(run.id());
        Activity a = plan.activity(p.activity());
        Map<String, ActivityRun.Output> outputs = new LinkedHashMap<>();
        store.inTransaction(() -> {
            long rowsOut = 0;
            for (String o : a.config().outputs()) {
                String from = p.outputs().get(o);
                TransitionRecord source = from == null || from.equals(Step.Pass.SIGNAL) ? null : transitions.get(from);
                boolean active = from != null;
                long rows = source == null ? 0 : source.rows();
                runs.transition(run.id(), a.transition(o), active, source == null ? null : source.worktable(), rows);
                outputs.put(o, new ActivityRun.Output(active, source == null ? null : source.worktable(), rows, null));
                rowsOut += rows;
            }
            runs.ended(run.id(), a.id(), ActivityStatus.DONE, inputRows(plan, run.id(), a.id()), rowsOut, null, null);
            log(run.id(), "info", a.id(), "done" + (p.note() == null ? "" : ": " + p.note()));
            return null;
        });
        listener.activityDone(run.id(), a, outputs, inputRows(plan, run.id(), a.id()));
    }

    private void skip(Plan plan, RunRecord run, Step.Skip s) {
        Activity a = plan.activity(s.activity());
        store.inTransaction(() -> {
            for (String o : a.config().outputs()) {
                runs.transition(run.id(), a.transition(o), false, null, 0);
            }
            runs.ended(run.id(), a.id(), s.disabled() ? ActivityStatus.DISABLED : ActivityStatus.SKIPPED, null, null, null, null);
            log(run.id(), "info", a.id(), (s.disabled() ? "disabled" : "skipped") + ": " + s.reason());
            return null;
        });
    }

    private List<ActivityRun.Input> inputs(Plan plan, long runId, Activity a) {
        Map<String, TransitionRecord> transitions = runs.transitions(runId);
        List<ActivityRun.Input> inputs = new ArrayList<>();
        for (String t : plan.inbound(a.id())) {
            TransitionRecord r = transitions.get(t);
            inputs.add(new ActivityRun.Input(t, plan.population(t), r != null && r.active() ? r.worktable() : null,
                    r == null ? 0 : r.rows()));
        }
        return inputs;
    }

    private Long inputRows(Plan plan, long runId, String activity) {
        Map<String, TransitionRecord> transitions = runs.transitions(runId);
        return plan.inbound(activity).stream().map(transitions::get).filter(t -> t != null && t.active())
                .mapToLong(TransitionRecord::rows).sum();
    }

    /** Says this process drives the run, at most every few seconds. */
    private void alive(long runId) {
        Instant now = Instant.now();
        if (lastHeartbeat == null || heartbeatRun != runId || now.isAfter(lastHeartbeat.plus(HEARTBEAT))) {
            runs.heartbeat(runId, DRIVER);
            lastHeartbeat = now;
            heartbeatRun = runId;
        }
    }

    private void log(long runId, String level, String activity, String message) {
        runs.log(runId, level, activity, message);
        listener.logged(runId, level, activity, message);
    }

    /** Sleeps for {@code d}, or less if a pause is requested meanwhile. */
    private void nap(Duration d) {
        synchronized (pauseRequested) {
            try {
                if (!pauseRequested.get() && d.toMillis() > 0) {
                    pauseRequested.wait(d.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** A listener that hears nothing. */
    public static final RunListener QUIET = new RunListener() {
    };
}
