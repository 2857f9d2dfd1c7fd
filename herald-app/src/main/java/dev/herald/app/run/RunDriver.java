package dev.herald.app.run;

import dev.herald.app.engine.Registry;
import dev.herald.store.DiskFullException;
import dev.herald.campaign.Activity;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.campaign.run.Effect;
import dev.herald.campaign.run.Orchestrator;
import dev.herald.campaign.run.RunLifecycle;
import dev.herald.delivery.run.AwaitingApproval;
import dev.herald.delivery.run.HeldUntil;
import dev.herald.campaign.activity.Delivery;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunState;
import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.RunStore;
import dev.herald.campaign.run.Step;
import dev.herald.campaign.run.TimerStore;
import dev.herald.campaign.run.TransitionRecord;
import dev.herald.campaign.run.Transactions;
import dev.herald.expr.ExpressionChecker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import dev.herald.error.Action;
import dev.herald.error.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives runs: asks the {@link Orchestrator} what to do next and does it — runs set-based and
 * channel activities through the {@link Registry}, applies the {@link RunLifecycle}'s effects for
 * control decisions, timers, pauses and errors — recording every step in the store, so that a run
 * killed at any point resumes where it stopped with the same results. One activity at a time per
 * run, each in its own unit of work; several runs may be driven at once from several threads.
 */
public final class RunDriver {

    private static final String ME = hostName() + "/" + ProcessHandle.current().pid();
    private static final Logger LOG = LoggerFactory.getLogger(RunDriver.class);

    private final RunStore runs;
    private final TimerStore timers;
    private final Transactions tx;
    private final Registry registry;
    private final Clock clock;
    private final Path workspace;
    private final ExpressionChecker savedAudiences;
    private final boolean sharedStore;
    /** How long a driver may stay silent before another process may take its run over. */
    private final Duration lease;
    /** How often a driver says it is alive: three times per lease, at most every five seconds. */
    private final Duration heartbeat;
    /** The runs this driver drives now, each with its own pause request, by run id. */
    private final Map<Long, Drive> drives = new ConcurrentHashMap<>();
    private final Object scheduling = new Object(); // one scheduled run's creation at a time
    private volatile ActivityTimer timer = ActivityTimer.NONE;

    /**
     * @param sharedStore whether several processes may share the store (PostgreSQL): then a run another
     *                    live process drives is refused, and a run whose driver went silent for {@code lease}
     *                    may be taken over
     */
    public RunDriver(RunStore runs, TimerStore timers, Transactions tx, Registry registry, Clock clock, Path workspace,
                     ExpressionChecker savedAudiences, boolean sharedStore, Duration lease) {
        this.runs = runs;
        this.timers = timers;
        this.tx = tx;
        this.registry = registry;
        this.clock = clock;
        this.workspace = workspace;
        this.savedAudiences = savedAudiences;
        this.sharedStore = sharedStore;
        this.lease = lease;
        Duration third = lease.dividedBy(3);
        this.heartbeat = third.compareTo(Duration.ofSeconds(5)) < 0 ? third : Duration.ofSeconds(5);
        if (sharedStore) {
            beatWhileBusy();
        }
    }

    /** Who hears how long each activity took (the server's metrics). */
    void timeActivities(ActivityTimer timer) {
        this.timer = timer;
    }

    /**
     * On a shared store, says every run this process drives is alive, also while one activity runs
     * long (one SQL statement, a big batch), so that no other process takes it over meanwhile.
     */
    private void beatWhileBusy() {
        Thread.ofPlatform().daemon().name("herald-heartbeat").start(() -> {
            while (true) {
                try {
                    Thread.sleep(heartbeat);
                    drives.values().forEach(Drive::alive);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("the runs this process drives could not say they are alive: {}", e.getMessage());
                }
            }
        });
    }

    /** How many runs this process drives now. */
    public int driven() {
        return drives.size();
    }

    /** Whether this process drives the run now. */
    public boolean drives(long runId) {
        return drives.containsKey(runId);
    }

    /** Asks every run this driver drives to pause once the activity under way is done (Ctrl-C). */
    public void requestPause() {
        drives.values().forEach(Drive::requestPause);
    }

    /**
     * Stops driving every run once the activity under way is done, or a delivery's batch under way
     * is sent, leaving them running for another process to take over at once (a server shutting down).
     */
    public void handOver() {
        drives.values().forEach(Drive::requestHandOver);
    }

    /** Starts a run of a published version and drives it as far as it goes. */
    public RunRecord start(Plan plan, CampaignVersion version, RunOptions options, RunListener listener) {
        return start(plan, version, options, listener, null, null).orElseThrow();
    }

    /**
     * Starts the live run of a version for the moment {@code at} of its campaign's schedule and
     * drives it as far as it goes; empty when a run was started for that moment already, by this
     * or another process.
     */
    public Optional<RunRecord> startScheduled(Plan plan, CampaignVersion version, Instant at, RunListener listener) {
        try {
            return start(plan, version, RunOptions.live().sleepingAtMost(Duration.ZERO), listener, "by its schedule for " + at, at);
        } catch (MomentTaken e) {
            return Optional.empty();
        }
    }

    /** Rolls back a scheduled run's creation: another run has the moment. */
    private static final class MomentTaken extends RuntimeException {
        MomentTaken() {
            super(null, null, false, false);
        }
    }

    private Optional<RunRecord> start(Plan plan, CampaignVersion version, RunOptions options, RunListener listener, String note,
                                      Instant scheduledFor) {
        Map<String, Object> variables = RunLifecycle.variables(plan, options.variables());
        List<String> breakpoints = RunLifecycle.breakpoints(plan, options.breakpoints());
        long id = scheduledFor == null ? create(version, options, variables, breakpoints, note, null)
                : createScheduled(version, options, variables, breakpoints, note, scheduledFor);
        Drive drive = reserve(id).orElseThrow();
        try {
            listener.started(runs.run(id));
            drive(plan, drive, options.maxSleep(), listener);
        } finally {
            drives.remove(id, drive);
        }
        return Optional.of(runs.run(id));
    }

    private long create(CampaignVersion version, RunOptions options, Map<String, Object> variables, List<String> breakpoints, String note,
                        Instant scheduledFor) {
        return tx.inTransaction(() -> {
            long run = runs.create(version, options.test(), variables, options.now(), breakpoints, options.approved());
            if (scheduledFor != null && !runs.scheduled(version.campaign(), scheduledFor, run)) {
                throw new MomentTaken();
            }
            runs.claim(run, ME, null);
            runs.log(run, "action", null, (options.test() ? "test run" : "live run") + " of " + version.campaign() + " v"
                    + version.version() + " started" + (note == null ? "" : " (" + note + ")")
                    + (variables.isEmpty() ? "" : " with " + variables)
                    + (options.now() == null ? "" : ", judging at " + options.now())
                    + (options.approved() && !options.test() ? ", its deliveries approved" : ""), null);
            return run;
        });
    }

    /**
     * Creates a run with its moment of the schedule, one such creation at a time in this process:
     * DuckDB would fail the second of two transactions inserting one moment at its commit, where
     * serialised the second finds the moment taken. Between processes (PostgreSQL) the store's key decides.
     */
    private long createScheduled(CampaignVersion version, RunOptions options, Map<String, Object> variables, List<String> breakpoints,
                                 String note, Instant scheduledFor) {
        synchronized (scheduling) {
            return create(version, options, variables, breakpoints, note, scheduledFor);
        }
    }

    /**
     * Resumes a paused, suspended, waiting or interrupted run: failures that held it up run again.
     * Where several processes share the store, a run another live process drives is refused unless
     * {@code force}. (A DuckDB file has one process at a time: the one holding it.)
     */
    public RunRecord resume(Plan plan, long runId, Duration maxSleep, boolean force, RunListener listener) {
        RunRecord run = runs.run(runId);
        Drive drive = reserve(runId).orElseThrow(() -> UserError.conflict("run " + runId + " is being driven by this process already: "
                + "it goes on by itself", new Action.ListRuns()));
        try {
            if (!runs.claim(runId, ME, force || !sharedStore ? null : lease)) {
                RunLifecycle.mayDrive(run, runs.driver(runId), ME, clock.instant(), lease, false);
                throw UserError.conflict("run " + runId + " was taken by another process just now", new Action.ListRuns());
            }
            resumeClaimed(plan, drive, maxSleep, listener);
        } finally {
            drives.remove(runId, drive);
        }
        return runs.run(runId);
    }

    /**
     * What a server does with a run whose timer fell due or whose driver went silent for a lease:
     * resumes it, unless this or another process drives it, or took it first and it is no longer
     * {@code stillDue} (judged once this process holds it). Returns the run as it ended up, or empty.
     */
    public Optional<RunRecord> takeOver(Plan plan, long runId, Duration maxSleep, RunListener listener, BooleanSupplier stillDue) {
        Optional<Drive> reserved = reserve(runId);
        if (reserved.isEmpty()) {
            return Optional.empty();
        }
        Drive drive = reserved.get();
        try {
            if (!runs.claim(runId, ME, lease)) {
                return Optional.empty();
            }
            if (!stillDue.getAsBoolean()) {
                runs.release(runId, ME);
                return Optional.empty();
            }
            resumeClaimed(plan, drive, maxSleep, listener);
            return Optional.of(runs.run(runId));
        } finally {
            drives.remove(runId, drive);
        }
    }

    private void resumeClaimed(Plan plan, Drive drive, Duration maxSleep, RunListener listener) {
        RunRecord run = runs.run(drive.runId);
        apply(plan, run, RunLifecycle.resume(plan, run, runs.activities(run.id()), runs.transitions(run.id()).keySet()), listener);
        listener.started(runs.run(run.id()));
        drive(plan, drive, maxSleep, listener);
    }

    /** Marks the run as driven by this process, unless it is already; empty then. */
    private Optional<Drive> reserve(long runId) {
        Drive drive = new Drive(runId);
        return drives.putIfAbsent(runId, drive) == null ? Optional.of(drive) : Optional.empty();
    }

    /** Pauses a run: no new activity will start. */
    public void pause(Plan plan, long runId) {
        RunRecord run = runs.run(runId);
        apply(plan, run, RunLifecycle.pause(run), RunListener.QUIET);
    }

    /** Stops a run for good. */
    public void stop(Plan plan, long runId) {
        RunRecord run = runs.run(runId);
        apply(plan, run, RunLifecycle.stop(run), RunListener.QUIET);
    }

    /**
     * Starts a new run of the same version as {@code runId}, test or live as it was, with its
     * variables and pinned clock; a run that has not ended is stopped first.
     */
    public RunRecord restart(Plan plan, CampaignVersion version, long runId, Duration maxSleep, RunListener listener) {
        RunRecord old = runs.run(runId);
        apply(plan, old, RunLifecycle.restart(old), listener);
        RunOptions options = new RunOptions(old.test(), old.variables(), old.fixedNow(), List.of(), maxSleep, old.approved());
        return start(plan, version, options, listener, "restart of run " + runId, null).orElseThrow();
    }

    /**
     * Drives the run as far as it goes, then gives it up, so that another process may take it at once;
     * a run left by an error stays claimed until its lease runs out.
     */
    private void drive(Plan plan, Drive drive, Duration maxSleep, RunListener listener) {
        driveOn(plan, drive, maxSleep, listener);
        if (!drive.lost) {
            runs.release(drive.runId, ME);
        }
    }

    private void driveOn(Plan plan, Drive drive, Duration maxSleep, RunListener listener) {
        Orchestrator orchestrator = new Orchestrator(plan);
        long runId = drive.runId;
        Set<String> interrupted = new HashSet<>(runs.interrupted(runId));
        while (true) {
            RunRecord run = runs.run(runId);
            if (run.status() != RunStatus.RUNNING) {
                return;
            }
            drive.alive();
            if (drive.lost) {
                log(runId, "warning", null, ME + " stopped driving the run: it was silent for longer than its lease, and another "
                        + "process took the run over", null, listener);
                return;
            }
            if (drive.handOver) {
                log(runId, "info", null, ME + " handed the run over (it is shutting down): another server, or this one restarted, "
                        + "goes on with it", null, listener);
                return;
            }
            if (drive.pauseRequested()) {
                apply(plan, run, RunLifecycle.interrupted(run), listener);
                return;
            }
            List<Step> steps = orchestrator.next(state(run, interrupted));
            if (steps.isEmpty()) {
                return;
            }
            switch (steps.get(0)) {
                case Step.Execute e -> {
                    interrupted.remove(e.activity());
                    execute(plan, run, plan.activity(e.activity()), drive, listener);
                }
                case Step.Pass p -> pass(plan, run, p, listener);
                case Step.Hold h -> tx.run(() -> {
                    timers.hold(runId, h.activity(), h.until(), inputRows(plan, runId, h.activity()));
                    log(runId, "info", h.activity(), "waits " + h.note(), null, listener);
                });
                case Step.Skip s -> skip(plan, run, s, listener);
                case Step.Pause p -> apply(plan, run, RunLifecycle.breakpoint(run, p.activity()), listener);
                case Step.Sleep s -> {
                    List<Effect> waiting = RunLifecycle.sleep(run, clock(run), s.until(), maxSleep);
                    if (!waiting.isEmpty()) {
                        apply(plan, run, waiting, listener);
                        return;
                    }
                    Duration wait = Duration.between(clock(run), s.until());
                    drive.nap(wait.compareTo(heartbeat) < 0 ? wait : heartbeat); // then the loop says it is alive, or pauses
                }
                case Step.Fail f -> apply(plan, run, RunLifecycle.failed(plan, run, plan.activity(f.activity()), f.reason()), listener);
                case Step.Blocked b -> {
                    apply(plan, run, RunLifecycle.blocked(run, b.failed()), listener);
                    return;
                }
                case Step.Finish f -> {
                    apply(plan, run, RunLifecycle.finished(run), listener);
                    return;
                }
            }
        }
    }

    /** Applies a decision's effects in one unit of work, then tells the listener. */
    private void apply(Plan plan, RunRecord run, List<Effect> effects, RunListener listener) {
        tx.run(() -> {
            for (Effect effect : effects) {
                switch (effect) {
                    case Effect.Status s -> runs.status(run.id(), s.status());
                    case Effect.Log l -> runs.log(run.id(), l.level(), l.activity(), l.message(), l.hint());
                    case Effect.Failed f -> runs.ended(run.id(), f.activity(), ActivityStatus.FAILED,
                            inputRows(plan, run.id(), f.activity()), null, null, f.message());
                    case Effect.ConsecutiveErrors e -> runs.consecutiveErrors(run.id(), e.count());
                    case Effect.EndPath p -> {
                        Activity a = plan.activity(p.activity());
                        for (String o : a.config().outputs()) {
                            runs.transition(run.id(), a.transition(o), false, null, 0);
                        }
                    }
                    case Effect.Retry r -> runs.retry(run.id(), r.activity());
                    case Effect.RetryAt r -> runs.retryAt(run.id(), r.activity(), r.at(), r.deferral());
                    case Effect.Breakpoints b -> runs.breakpoints(run.id(), b.remaining());
                }
            }
        });
        for (Effect effect : effects) {
            switch (effect) {
                case Effect.Log l -> listener.logged(run.id(), l.level(), l.activity(), l.message(), l.hint());
                case Effect.Failed f -> listener.activityFailed(run.id(), plan.activity(f.activity()), f.message());
                default -> {
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
    private Instant clock(RunRecord run) {
        return run.timeAt(clock.instant());
    }

    private void execute(Plan plan, RunRecord run, Activity a, Drive drive, RunListener listener) {
        long started = System.nanoTime();
        String outcome = "waiting";
        try {
            outcome = executeAndTell(plan, run, a, drive, listener);
        } finally {
            timer.took(a.type(), outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Runs the activity; how it ended: done, failed, or waiting (it stops for now, and runs again later). */
    private String executeAndTell(Plan plan, RunRecord run, Activity a, Drive drive, RunListener listener) {
        Instant judged = tx.inTransaction(() -> {
            Instant at = runs.started(run.id(), a.id(), run.fixedNow() != null ? run.fixedNow() : clock.instant());
            log(run.id(), "info", a.id(), "started (" + a.type() + ")", null, listener);
            return at;
        });
        ActivityRun ar = new ActivityRun(plan, a, run, judged, workspace, inputs(plan, run.id(), a), () -> runs.newWorktable(run.id()),
                savedAudiences);
        try {
            if (Plan.type(a).where() == ActivityType.Where.CHANNEL) {
                Registry.Worker worker = registry.worker(a);
                tx.inTransaction(() -> {
                    worker.prepare(ar);
                    return null;
                });
                try {
                    if (!worker.send(ar, () -> {
                        drive.alive();
                        return drive.pauseRequested();
                    })) {
                        return "waiting"; // paused mid-send: the activity stays running and resumes its pending messages
                    }
                } catch (ChannelUnavailableException down) {
                    // the provider asked to try later, or is down: the messages stay pending and the delivery tries again later
                    Duration period = a.config() instanceof Delivery d ? d.retryPeriod() : Duration.ZERO;
                    int attempt = runs.deferrals(run.id(), a.id()) + 1;
                    apply(plan, run, RunLifecycle.deferred(plan, run, a, attempt, clock(run), period, message(down)), listener);
                    return "waiting";
                } catch (HeldUntil held) {
                    // the others are sent; the held messages stay pending and the delivery runs again when the first may leave
                    apply(plan, run, RunLifecycle.held(a.id(), held.until(), held.getMessage()), listener);
                    return "waiting";
                } catch (AwaitingApproval waiting) {
                    // the activity stays running: once approved, resuming the run sends its messages
                    apply(plan, run, RunLifecycle.awaitingApproval(run, a.id(), waiting.getMessage()), listener);
                    return "waiting";
                }
                tx.inTransaction(() -> {
                    worker.finish(ar);
                    done(ar, listener);
                    return null;
                });
            } else {
                tx.inTransaction(() -> {
                    registry.runSet(ar);
                    done(ar, listener);
                    return null;
                });
            }
            if (run.consecutiveErrors() > 0) {
                runs.consecutiveErrors(run.id(), 0);
            }
            listener.activityDone(run.id(), a, ar.outputs(), ar.inputs().stream().mapToLong(ActivityRun.Input::rows).sum());
            return "done";
        } catch (Overtaken e) {
            drive.lost = true; // its unit of work rolled back: the process that took the run over does the activity
            return "waiting";
        } catch (DiskFullException e) {
            // nothing more can be written, the failure included: the activity stays running, and resumes once there is space
            throw e.redo("resume the run: herald run resume " + run.id());
        } catch (Exception e) {
            apply(plan, run, RunLifecycle.failed(plan, run, a, message(e)), listener);
            return "failed";
        }
    }

    /**
     * Records a finished activity's transitions, notes and statements, in its last unit of work —
     * on a shared store only while this process still drives the run: the row it beats on stays
     * locked until the unit commits, and a process that lost the run rolls its unit back.
     */
    private void done(ActivityRun ar, RunListener listener) {
        Activity a = ar.activity();
        long runId = ar.record().id();
        if (sharedStore && !runs.heartbeat(runId, ME)) {
            throw new Overtaken();
        }
        long rowsIn = ar.inputs().stream().mapToLong(ActivityRun.Input::rows).sum();
        long rowsOut = 0;
        for (String o : a.config().outputs()) {
            ActivityRun.Output out = ar.outputs().get(o);
            boolean active = out != null && out.active();
            runs.transition(runId, a.transition(o), active, active ? out.worktable() : null, active ? out.rows() : 0);
            if (active) {
                rowsOut += out.rows();
            } else if (out != null && out.note() != null) {
                ar.info(a.transition(o) + ": " + out.note());
            }
        }
        for (ActivityRun.Note note : ar.notes()) {
            log(runId, note.level(), a.id(), note.message(), null, listener);
        }
        runs.ended(runId, a.id(), ActivityStatus.DONE, rowsIn, rowsOut, String.join(";\n\n", ar.statements()), null);
        log(runId, "info", a.id(), "done: " + describe(ar), null, listener);
    }

    private static String describe(ActivityRun ar) {
        List<String> parts = new ArrayList<>();
        ar.outputs().forEach((o, out) -> parts.add(o + " " + (!out.active() ? "stopped" : String.format("%,d", out.rows()))));
        return parts.isEmpty() ? "no outputs" : String.join(", ", parts);
    }

    /** What to tell a user about a failure: the message, never a stack trace. */
    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof DiskFullException)
                && (t.getMessage() == null || t instanceof RuntimeException && t.getCause() instanceof java.sql.SQLException)) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() > 2000 ? m.substring(0, 2000) + "…" : m;
    }

    private void pass(Plan plan, RunRecord run, Step.Pass p, RunListener listener) {
        Map<String, TransitionRecord> transitions = runs.transitions(run.id());
        Activity a = plan.activity(p.activity());
        Map<String, ActivityRun.Output> outputs = new LinkedHashMap<>();
        Long rowsIn = inputRows(plan, run.id(), a.id());
        tx.run(() -> {
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
            runs.ended(run.id(), a.id(), ActivityStatus.DONE, rowsIn, rowsOut, null, null);
            log(run.id(), "info", a.id(), "done" + (p.note() == null ? "" : ": " + p.note()), null, listener);
        });
        listener.activityDone(run.id(), a, outputs, rowsIn);
    }

    private void skip(Plan plan, RunRecord run, Step.Skip s, RunListener listener) {
        Activity a = plan.activity(s.activity());
        tx.run(() -> {
            for (String o : a.config().outputs()) {
                runs.transition(run.id(), a.transition(o), false, null, 0);
            }
            runs.ended(run.id(), a.id(), s.disabled() ? ActivityStatus.DISABLED : ActivityStatus.SKIPPED, null, null, null, null);
            log(run.id(), "info", a.id(), (s.disabled() ? "disabled" : "skipped") + ": " + s.reason(), null, listener);
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

    private void log(long runId, String level, String activity, String message, dev.herald.error.Action hint, RunListener listener) {
        runs.log(runId, level, activity, message, hint);
        listener.logged(runId, level, activity, message, hint);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** Another process took the run over while this one did an activity: the activity's last unit of work rolls back. */
    private static final class Overtaken extends RuntimeException {
        Overtaken() {
            super("another process took the run over", null, false, false);
        }
    }

    /** One run being driven by this process: its pause request and its heartbeat. */
    private final class Drive {
        final long runId;
        private volatile boolean pause;
        /** Another process took the run over (this one was silent for a lease): this one stops at once. */
        volatile boolean lost;
        /** This process shuts down: it stops after the activity or batch under way, leaving the run running. */
        volatile boolean handOver;
        private Instant lastHeartbeat;

        Drive(long runId) {
            this.runId = runId;
        }

        boolean pauseRequested() {
            return pause || lost || handOver;
        }

        synchronized void requestHandOver() {
            handOver = true;
            notifyAll();
        }

        synchronized void requestPause() {
            pause = true;
            notifyAll();
        }

        /** Says this process drives the run, at most every few seconds; notes when another process took it over. */
        synchronized void alive() {
            Instant now = clock.instant();
            if (!lost && (lastHeartbeat == null || now.isAfter(lastHeartbeat.plus(heartbeat)))) {
                lost = !runs.heartbeat(runId, ME);
                lastHeartbeat = now;
            }
        }

        /** Sleeps for {@code d}, or less if a pause is requested meanwhile. */
        synchronized void nap(Duration d) {
            try {
                if (!pause && d.toMillis() > 0) {
                    wait(d.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
