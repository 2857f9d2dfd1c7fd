package dev.herald.app.run;

import dev.herald.app.engine.Engine;
import dev.herald.app.campaign.CampaignService;
import dev.herald.campaign.Activity;
import dev.herald.campaign.plan.CampaignGraph;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.Population;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.campaign.run.LogLine;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.campaign.run.TimerStore;
import dev.herald.campaign.run.TransitionRecord;
import dev.herald.error.UserError;
import dev.herald.expr.ExpressionChecker;
import dev.herald.preview.Preview;
import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import dev.herald.store.delivery.DeliveryTables;
import dev.herald.store.run.Runs;
import dev.herald.store.run.Worktables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.Map;

/**
 * Runs of campaigns: start one (check, purge old worktables, publish, run — written once, here),
 * resume, restart, pause and stop them, and look at them: status, log, statements, a transition's
 * rows. The CLI and the server call this; one per process, so that an interrupt pauses every run it
 * drives.
 */
public final class RunService {

    /** A run as its status shows it: the run, its campaign's graph, each activity's record and each transition's. */
    public record RunView(RunRecord run, CampaignGraph graph, Map<String, ActivityRecord> activities,
                          Map<String, TransitionRecord> transitions) {
    }

    /**
     * A transition's first rows, or why there are none: it was not reached yet (no record), its path
     * stopped, it carried a signal, or its worktable was purged (no rows).
     */
    public record TransitionRows(String transition, TransitionRecord record, String describe, Preview rows, RunRecord run) {
    }

    private final Engine app;
    private final CampaignService campaigns;
    private final Clock clock;
    private RunDriver driver;

    public RunService(Engine app, CampaignService campaigns) {
        this.app = app;
        this.campaigns = campaigns;
        this.clock = app.clock();
    }

    private synchronized RunDriver driver() {
        if (driver == null) {
            Runs runs = runs();
            driver = new RunDriver(runs, runs, app.store(), app.registry(), clock, app.workspace().dir(),
                    new ExpressionChecker(app.schema()), !app.store().dialect().singleProcess(),
                    lease());
            driver.timeActivities(timer);
        }
        return driver;
    }

    private volatile ActivityTimer timer = ActivityTimer.NONE;

    /** Tells {@code timer} how long each activity this process runs takes (the server's metrics). */
    public void timeActivities(ActivityTimer timer) {
        this.timer = timer;
        synchronized (this) {
            if (driver != null) {
                driver.timeActivities(timer);
            }
        }
    }

    private Runs runs() {
        return new Runs(app.store());
    }

    private CampaignService campaigns() {
        return campaigns;
    }

    /** Asks every run this process drives to pause once the activity under way is done (Ctrl-C). */
    public void requestPause() {
        started().ifPresent(RunDriver::requestPause);
    }

    /**
     * Stops driving every run this process drives once the activity or batch under way is done,
     * leaving them running for another server, or this one restarted, to take over (a server's shutdown).
     */
    public void handOver() {
        started().ifPresent(RunDriver::handOver);
    }

    /** The driver, if this process drove a run yet: asking it something never makes one. */
    private synchronized Optional<RunDriver> started() {
        return Optional.ofNullable(driver);
    }

    /**
     * Checks a document, drops the worktables of runs past their retention, publishes the document
     * (a new version when it changed) and runs it as far as it goes.
     */
    public RunRecord start(String text, String source, RunOptions options, RunListener listener) {
        CampaignService.Published published = campaigns().publish(text, source);
        purge(Duration.ofDays(app.workspace().config().runRetentionDays()));
        return start(published.plan(), published.version(), options, listener);
    }

    /** Runs a published version. */
    public RunRecord start(Plan plan, CampaignVersion version, RunOptions options, RunListener listener) {
        campaigns().mayStart(version.campaign());
        app.ensureMessageViews();
        return driver().start(plan, version, options, listener);
    }

    /**
     * Starts the live run of a published version for the moment {@code at} of its schedule, unless
     * a run was started for that moment already (by this or another server); empty then.
     */
    public Optional<RunRecord> startScheduled(Plan plan, CampaignVersion version, Instant at, RunListener listener) {
        campaigns().mayStart(version.campaign());
        app.ensureMessageViews();
        return driver().startScheduled(plan, version, at, listener);
    }

    /** Resumes a paused, suspended, waiting or interrupted run. */
    public RunRecord resume(long runId, Duration maxSleep, boolean force, RunListener listener) {
        RunRecord run = run(runId);
        Plan plan = campaigns().plan(run.campaign(), run.version());
        app.ensureMessageViews();
        return driver().resume(plan, runId, maxSleep, force, listener);
    }

    /**
     * Approves the delivery of {@code activity} in a live run — who approved it is {@code by} — and,
     * when the run was suspended waiting for it, resumes the run, which sends its messages.
     */
    public RunRecord approve(long runId, String activity, String by, Duration maxSleep, RunListener listener) {
        RunRecord run = run(runId);
        if (run.test()) {
            throw UserError.invalid("run " + runId + " is a test run: it sends nothing, so there is nothing to approve");
        }
        DeliveryTables deliveries = new DeliveryTables(app.store());
        long id = deliveries.find(runId, activity).orElseThrow(() -> UserError.notFound("run " + runId + " has no delivery '" + activity
                + "' waiting: its messages are prepared when the run reaches it", new dev.herald.error.Action.ListRuns()));
        deliveries.approve(id, by);
        return run.status() == RunStatus.SUSPENDED ? resume(runId, maxSleep, false, listener) : run(runId);
    }

    /** The delivery activities of a run that wait for approval (prepared, live, not approved, not done). */
    public List<String> awaitingApproval(long runId) {
        RunRecord run = run(runId);
        if (run.test()) {
            return List.of();
        }
        DeliveryTables deliveries = new DeliveryTables(app.store());
        List<String> waiting = new ArrayList<>();
        runs().activities(runId).forEach((id, a) -> {
            if (a.status() == dev.herald.campaign.run.ActivityStatus.RUNNING) {
                deliveries.find(runId, id).filter(d -> deliveries.approvedBy(d).isEmpty()).ifPresent(d -> waiting.add(id));
            }
        });
        return waiting;
    }

    /**
     * Resumes every waiting run whose timer is due now; returns them as they ended up. A run another
     * process took first (several servers on one PostgreSQL) is left to it.
     */
    public List<RunRecord> resumeDue(Duration maxSleep, RunListener listener) {
        List<RunRecord> resumed = new ArrayList<>();
        for (TimerStore.Timer t : runs().due(clock.instant())) {
            takeOver(t.runId(), maxSleep, listener, () -> runs().due(clock.instant()).stream().anyMatch(d -> d.runId() == t.runId()))
                    .ifPresent(resumed::add);
        }
        return resumed;
    }

    /**
     * The runs that need a driver now, none of them driven by this process: waiting runs whose timer
     * is due, and running runs nobody drives — their process shut down, or said nothing for the lease
     * ({@code runs.lease_seconds}): it died, or lost the store.
     */
    public List<Long> needingDriver() {
        Set<Long> ids = new LinkedHashSet<>();
        runs().due(clock.instant()).forEach(t -> ids.add(t.runId()));
        ids.addAll(runs().orphaned(lease()));
        ids.removeIf(driver()::drives);
        return List.copyOf(ids);
    }

    /**
     * Drives a run that {@link #needingDriver needs a driver}, unless another process took it first;
     * the activity its last process was doing starts again (a delivery sends only the messages still
     * pending). Returns the run as it ended up, or empty.
     */
    public Optional<RunRecord> takeOver(long runId, Duration maxSleep, RunListener listener) {
        return takeOver(runId, maxSleep, listener, () -> run(runId).status() == RunStatus.RUNNING
                || runs().due(clock.instant()).stream().anyMatch(d -> d.runId() == runId));
    }

    private Duration lease() {
        return Duration.ofSeconds(app.workspace().config().runLeaseSeconds());
    }

    private Optional<RunRecord> takeOver(long runId, Duration maxSleep, RunListener listener, BooleanSupplier stillDue) {
        if (driver().drives(runId)) {
            return Optional.empty();
        }
        RunRecord run = run(runId);
        Plan plan = campaigns().plan(run.campaign(), run.version());
        app.ensureMessageViews();
        return driver().takeOver(plan, runId, maxSleep, listener, stillDue);
    }

    /** A new run of the same version, mode, variables and clock; a run not yet ended is stopped first. */
    public RunRecord restart(long runId, Duration maxSleep, RunListener listener) {
        RunRecord old = run(runId);
        campaigns().mayStart(old.campaign());
        Plan plan = campaigns().plan(old.campaign(), old.version());
        app.ensureMessageViews();
        return driver().restart(plan, campaigns().version(old.campaign(), old.version()), runId, maxSleep, listener);
    }

    public void pause(long runId) {
        driver().pause(null, runId);
    }

    public void stop(long runId) {
        driver().stop(null, runId);
    }

    public RunRecord run(long runId) {
        return runs().run(runId);
    }

    /** How many runs there are in each status. */
    public Map<String, Long> countByStatus() {
        return runs().countByStatus();
    }

    /** How many runs this process drives now. */
    public int drivenHere() {
        return started().map(RunDriver::driven).orElse(0);
    }

    /** Up to {@code limit} runs older than the run {@code before} (null: the newest), the newest first. */
    public List<RunRecord> page(Long before, int limit) {
        return runs().page(before, limit);
    }

    /** Up to {@code limit} runs older than {@code before}, the newest first, of one campaign, status and mode (each null: any). */
    public List<RunRecord> page(Long before, int limit, String campaign, RunStatus status, Boolean test) {
        return runs().page(before, limit, campaign, status, test);
    }

    public List<RunRecord> list(int limit) {
        return runs().list(limit);
    }

    /** A run's graph with each activity's state and each transition's count; no expression is checked for it. */
    public RunView status(long runId) {
        RunRecord run = run(runId);
        Runs runs = runs();
        return new RunView(run, campaigns().graph(run.campaign(), run.version()), runs.activities(runId), runs.transitions(runId));
    }

    /** A run's log: user actions, activity events, warnings and errors, in order. */
    public List<LogLine> log(long runId) {
        run(runId);
        return runs().log(runId);
    }

    /** Up to {@code limit} lines of a run's log after the line {@code after} (null: from the first). */
    public List<LogLine> log(long runId, Long after, int limit) {
        run(runId);
        return runs().log(runId, after, limit);
    }

    /** The statements each activity ran (or one activity's), with their bound parameters and times. */
    public Map<String, String> statements(long runId, String activity) {
        RunView view = status(runId);
        if (activity != null && view.graph().campaign().activity(activity).isEmpty()) {
            List<String> ids = view.graph().order().stream().map(Activity::id).toList();
            throw UserError.invalid("campaign " + view.run().campaign() + " has no activity " + Echo.quoted(activity)
                    + DidYouMean.hint(activity, ids) + " (activities: " + String.join(", ", ids) + ")");
        }
        Map<String, String> sql = new LinkedHashMap<>();
        view.activities().values().stream().filter(a -> activity == null || activity.equals(a.activity()))
                .filter(a -> a.sql() != null && !a.sql().isBlank()).forEach(a -> sql.put(a.activity(), a.sql()));
        return sql;
    }

    /** The first rows of a transition ({@code split.gold}; an activity's id alone: its only output). */
    public TransitionRows preview(long runId, String transition, List<String> fields, int limit) {
        RunRecord run = run(runId);
        Plan plan = campaigns().plan(run.campaign(), run.version());
        String name = plan.transition(transition);
        TransitionRecord t = runs().transitions(runId).get(name);
        if (t == null) {
            return new TransitionRows(name, null, plan.population(name).describe(), null, run);
        }
        Population p = plan.population(name);
        if (!t.active() || t.worktable() == null || run.purgedAt() != null) {
            return new TransitionRows(name, t, p.describe(), null, run);
        }
        return new TransitionRows(name, t, p.describe(), new Worktables(app.store(), runs()).preview(t.worktable(), p, fields, limit), run);
    }

    /** Drops the worktables of runs that ended longer ago than {@code age}; returns how many runs. */
    public int purge(Duration age) {
        return new Worktables(app.store(), runs()).purge(clock.instant().minus(age));
    }
}
