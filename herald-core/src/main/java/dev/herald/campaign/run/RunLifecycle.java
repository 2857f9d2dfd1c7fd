package dev.herald.campaign.run;

import dev.herald.campaign.Activity;
import dev.herald.campaign.ErrorPolicy;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.config.Durations;
import dev.herald.error.Action;
import dev.herald.error.Problem;
import dev.herald.error.UserError;
import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The life of a run, as pure decisions: which {@link RunEvent} moves a run from which
 * {@link RunStatus} to which — one table, {@link #TABLE} — and, for each thing that happens, the
 * {@link Effect}s to apply. No I/O: the driver reads the state, asks, and applies the effects in
 * one unit of work.
 */
public final class RunLifecycle {

    /** {@code (from, event) → to}; a pair that is not here is refused. */
    private static final Map<RunStatus, Map<RunEvent, RunStatus>> TABLE = new EnumMap<>(RunStatus.class);

    static {
        for (RunStatus open : List.of(RunStatus.RUNNING, RunStatus.PAUSED, RunStatus.SUSPENDED, RunStatus.WAITING)) {
            allow(open, RunEvent.PAUSE, RunStatus.PAUSED);
            allow(open, RunEvent.RESUME, RunStatus.RUNNING);
            allow(open, RunEvent.STOP, RunStatus.STOPPED);
            allow(open, RunEvent.RESTART, RunStatus.STOPPED);
        }
        allow(RunStatus.RUNNING, RunEvent.INTERRUPT, RunStatus.PAUSED);
        allow(RunStatus.RUNNING, RunEvent.BREAKPOINT, RunStatus.PAUSED);
        allow(RunStatus.RUNNING, RunEvent.SUSPEND, RunStatus.SUSPENDED);
        allow(RunStatus.RUNNING, RunEvent.ABORT, RunStatus.FAILED);
        allow(RunStatus.RUNNING, RunEvent.WAIT, RunStatus.WAITING);
        allow(RunStatus.RUNNING, RunEvent.FINISH, RunStatus.FINISHED);
    }

    private static void allow(RunStatus from, RunEvent event, RunStatus to) {
        TABLE.computeIfAbsent(from, f -> new EnumMap<>(RunEvent.class)).put(event, to);
    }

    private RunLifecycle() {
    }

    /** Where {@code event} takes a run that is {@code from}; empty when it is refused. */
    public static Optional<RunStatus> next(RunStatus from, RunEvent event) {
        return Optional.ofNullable(TABLE.getOrDefault(from, Map.of()).get(event));
    }

    /** Where {@code event} takes {@code run}; a conflict error saying why when it is refused. */
    static RunStatus require(RunRecord run, RunEvent event) {
        return next(run.status(), event).orElseThrow(() -> UserError.conflict("run " + run.id() + " is " + run.status().word()
                + (run.status().isFinal() ? switch (event) {
                    case RESUME -> "; start a new run instead";
                    case STOP -> " already";
                    default -> "";
                } : "; it cannot " + event.word()), null));
    }

    // ---- what users do ----

    /**
     * The variables of a new run: the campaign's defaults, overridden by {@code given} — each of a
     * variable the campaign declares, of its default's kind (a whole number for a number, true or
     * false for true/false; anything for a text, kept as text). Every wrong one is a problem at
     * {@code variables.NAME}.
     */
    public static Map<String, Object> variables(Plan plan, Map<String, Object> given) {
        Map<String, Object> variables = new LinkedHashMap<>(plan.campaign().variables());
        List<Problem> problems = new ArrayList<>();
        given.forEach((k, v) -> {
            if (!variables.containsKey(k)) {
                problems.add(new Problem("variables." + k, "the campaign has no variable " + Echo.quoted(k)
                        + DidYouMean.hint(k, variables.keySet()) + " (variables: " + String.join(", ", variables.keySet()) + ")"));
                return;
            }
            Object kind = variables.get(k);
            if (!fits(kind, v)) {
                problems.add(new Problem("variables." + k, Echo.cut(String.valueOf(v)) + ": the variable holds "
                        + (kind instanceof Boolean ? "true or false" : "a number") + " (its default is " + kind + ")"));
                return;
            }
            variables.put(k, kind instanceof String && !(v instanceof String) ? String.valueOf(v)
                    : kind instanceof Double && isWhole(v) ? (Object) ((Number) v).doubleValue() : v);
        });
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.INVALID, null, problems);
        }
        return variables;
    }

    /** The breakpoints of a new run: those asked for, each an activity of the campaign, and those the campaign sets. */
    public static List<String> breakpoints(Plan plan, List<String> asked) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            String b = asked.get(i);
            if (plan.campaign().activity(b).isEmpty()) {
                problems.add(new Problem("breakpoints[" + i + "]", Echo.cut(b) + ": no such activity"
                        + DidYouMean.hint(b, plan.order().stream().map(Activity::id).toList())));
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError(UserError.Kind.INVALID, null, problems);
        }
        List<String> all = new ArrayList<>(asked);
        plan.campaign().activities().stream().filter(Activity::breakpoint).forEach(a -> all.add(a.id()));
        return all;
    }

    private static boolean fits(Object kind, Object given) {
        return switch (kind) {
            case Long l -> isWhole(given);
            case Integer i -> isWhole(given);
            case Double d -> isWhole(given) || given instanceof Double;
            case Boolean b -> given instanceof Boolean;
            default -> true;
        };
    }

    private static boolean isWhole(Object value) {
        return value instanceof Long || value instanceof Integer;
    }

    /** A user pauses the run: no new activity will start. */
    public static List<Effect> pause(RunRecord run) {
        return List.of(new Effect.Status(require(run, RunEvent.PAUSE)),
                new Effect.Log("action", null, "paused by a user", new Action.ResumeRun(run.id(), false)));
    }

    /** A user stops the run for good. */
    public static List<Effect> stop(RunRecord run) {
        return List.of(new Effect.Status(require(run, RunEvent.STOP)), new Effect.Log("action", null, "stopped by a user", null));
    }

    /** A user restarts the run: a run that has not ended stops; one that has stays as it is. */
    public static List<Effect> restart(RunRecord run) {
        if (run.status().isFinal()) {
            return List.of();
        }
        return List.of(new Effect.Status(require(run, RunEvent.RESTART)), new Effect.Log("action", null, "stopped by a restart", null));
    }

    /**
     * A user resumes the run: each failure that held it up runs again (one whose path was ended by
     * {@code on_error: ignore} stays as it is), and it runs.
     */
    public static List<Effect> resume(Plan plan, RunRecord run, Map<String, ActivityRecord> activities, Set<String> decided) {
        RunStatus to = require(run, RunEvent.RESUME);
        List<Effect> effects = new ArrayList<>();
        for (ActivityRecord a : activities.values()) {
            if (a.status() == ActivityStatus.FAILED && Orchestrator.undecided(plan.activity(a.activity()), decided)) {
                effects.add(new Effect.Retry(a.activity()));
            }
        }
        effects.add(new Effect.Status(to));
        effects.add(new Effect.Log("action", null, "resumed (was " + run.status().word() + ")", null));
        return effects;
    }

    /**
     * Whether this process may drive a run now. Where several processes share the store, a run that
     * another process drives — it said it was alive less than {@code alive} ago — is refused unless
     * {@code force}, whatever its status: a run paused meanwhile is still driven until its activity
     * under way is done (a driver gives the run up when it stops driving it).
     */
    public static void mayDrive(RunRecord run, Optional<RunStore.Driver> driver, String me, Instant now, Duration alive,
                                boolean force) {
        if (force) {
            return;
        }
        driver.filter(d -> !d.process().equals(me) && d.aliveAt().isAfter(now.minus(alive))).ifPresent(d -> {
            throw UserError.conflict("run " + run.id() + " is being driven by " + d.process() + " (alive at " + d.aliveAt()
                    + "); if that process is gone, resume it by force", new Action.ResumeRun(run.id(), true));
        });
    }

    // ---- what happens while it runs ----

    /** The process driving the run was interrupted (Ctrl-C): it pauses between two activities. */
    public static List<Effect> interrupted(RunRecord run) {
        return List.of(new Effect.Log("action", null, "paused (interrupted by the user)", new Action.ResumeRun(run.id(), false)),
                new Effect.Status(require(run, RunEvent.INTERRUPT)));
    }

    /** The run reaches a breakpoint before {@code activity}. */
    public static List<Effect> breakpoint(RunRecord run, String activity) {
        List<String> left = new ArrayList<>(run.breakpoints());
        left.remove(activity);
        return List.of(new Effect.Breakpoints(left), new Effect.Status(require(run, RunEvent.BREAKPOINT)),
                new Effect.Log("action", activity, "paused at the breakpoint before " + activity, new Action.ResumeRun(run.id(), false)));
    }

    /**
     * The run has nothing to do until {@code until}: when that is further than {@code maxSleep}, the
     * effects that leave it waiting; otherwise none (the driver sleeps).
     */
    public static List<Effect> sleep(RunRecord run, Instant now, Instant until, Duration maxSleep) {
        Duration wait = Duration.between(now, until);
        if (wait.compareTo(maxSleep) <= 0) {
            return List.of();
        }
        return List.of(new Effect.Status(require(run, RunEvent.WAIT)), new Effect.Log("info", null, "waiting until " + until
                + " (in " + Durations.format(wait) + "); resuming the run continues it then", new Action.ResumeRun(run.id(), false)));
    }

    /** Nothing can go on: the activities after {@code failed} wait for them to run again. */
    public static List<Effect> blocked(RunRecord run, List<String> failed) {
        return List.of(new Effect.Status(require(run, RunEvent.SUSPEND)), new Effect.Log("warning", null, "suspended: the activities after "
                + String.join(", ", failed) + " wait for it to run again; fix the cause, then resume the run",
                new Action.ResumeRun(run.id(), false)));
    }

    /** The first wait after a delivery could not send; each next one doubles, up to {@link #LONGEST_BACKOFF}. */
    public static final java.time.Duration FIRST_BACKOFF = java.time.Duration.ofMinutes(1);
    public static final java.time.Duration LONGEST_BACKOFF = java.time.Duration.ofHours(1);

    /** How long to wait after the {@code attempt}-th attempt (from 1): 1 min, 2, 4, 8… at most an hour. */
    public static java.time.Duration backoff(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 16);
        java.time.Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }

    /**
     * A delivery could not send (its provider asked to try later, or could not be reached) after
     * its {@code attempt}-th attempt: it tries again after {@link #backoff} while the waits so far fit
     * in its {@code retryPeriod}; past it, the failure goes to the campaign's error policy.
     */
    public static List<Effect> deferred(Plan plan, RunRecord run, Activity a, int attempt, Instant now, java.time.Duration retryPeriod,
                                        String message) {
        java.time.Duration waited = java.time.Duration.ZERO;
        for (int i = 1; i <= attempt; i++) {
            waited = waited.plus(backoff(i));
        }
        if (waited.compareTo(retryPeriod) > 0) {
            return failed(plan, run, a, message + " (tried " + attempt + " time" + (attempt == 1 ? "" : "s") + "; its retry period of "
                    + Durations.format(retryPeriod) + " is over)");
        }
        Instant at = now.plus(backoff(attempt));
        return List.of(new Effect.RetryAt(a.id(), at, true), new Effect.Log("warning", a.id(), message + "; trying again in "
                + Durations.format(backoff(attempt)) + ", at " + at + " (attempt " + (attempt + 1) + ")", null));
    }

    /** A delivery holds messages for their recipients' quiet hours: it runs again when the first may leave. */
    public static List<Effect> held(String activity, Instant until, String message) {
        return List.of(new Effect.RetryAt(activity, until, false), new Effect.Log("info", activity, message, null));
    }

    /** A live delivery waits for someone to approve it: the run is suspended until then, the activity left running. */
    public static List<Effect> awaitingApproval(RunRecord run, String activity, String message) {
        return List.of(new Effect.Status(require(run, RunEvent.SUSPEND)),
                new Effect.Log("action", activity, message, new Action.ApproveDelivery(run.id(), activity)));
    }

    /** Every path ended. */
    public static List<Effect> finished(RunRecord run) {
        return List.of(new Effect.Status(require(run, RunEvent.FINISH)), new Effect.Log("info", null, "finished", null));
    }

    /** An activity failed: it is recorded, and the campaign's error policy says what the run does. */
    public static List<Effect> failed(Plan plan, RunRecord run, Activity a, String message) {
        ErrorPolicy policy = plan.campaign().onError();
        int errors = run.consecutiveErrors() + 1;
        List<Effect> effects = new ArrayList<>(List.of(new Effect.Failed(a.id(), message),
                new Effect.Log("error", a.id(), "failed: " + message, null), new Effect.ConsecutiveErrors(errors)));
        Action resume = new Action.ResumeRun(run.id(), false);
        switch (policy.policy()) {
            case SUSPEND -> {
                effects.add(new Effect.Status(require(run, RunEvent.SUSPEND)));
                effects.add(new Effect.Log("warning", a.id(), "run suspended (on_error: suspend); fix the cause, then resume it", resume));
            }
            case ABORT -> {
                effects.add(new Effect.Status(require(run, RunEvent.ABORT)));
                effects.add(new Effect.Log("warning", a.id(), "run aborted (on_error: abort)", null));
            }
            case IGNORE -> {
                if (errors >= policy.maxConsecutive()) {
                    // this failure is left undecided, so that resuming after a fix runs it again
                    effects.add(new Effect.Status(require(run, RunEvent.SUSPEND)));
                    effects.add(new Effect.Log("warning", a.id(), errors + " failures in a row (on_error: ignore, max_consecutive: "
                            + policy.maxConsecutive() + "): run suspended", resume));
                } else {
                    effects.add(new Effect.EndPath(a.id()));
                    effects.add(new Effect.Log("warning", a.id(), "its path ends here (on_error: ignore)", null));
                }
            }
        }
        return effects;
    }
}
