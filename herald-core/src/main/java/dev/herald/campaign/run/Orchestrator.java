package dev.herald.campaign.run;

import dev.herald.campaign.Activity;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.Schedule;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.activity.AndJoin;
import dev.herald.campaign.activity.End;
import dev.herald.campaign.activity.Fork;
import dev.herald.campaign.activity.Scheduler;
import dev.herald.campaign.activity.Test;
import dev.herald.campaign.activity.Wait;
import dev.herald.campaign.config.Durations;
import dev.herald.expr.CheckedExpression;
import dev.herald.expr.Evaluator;
import dev.herald.expr.ValueRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a run does next — a pure function of the plan and the run's state, with no I/O.
 * An activity is ready when every inbound transition is decided and at least one is active; when
 * all are dead its path stops. Control activities (fork, and-join, test, wait, scheduler, end) are
 * decided here; set-based and channel activities are handed to the runner.
 */
public final class Orchestrator {

    /** The configs of the control activities this class decides: one branch of {@link #decide} each. */
    private static final java.util.Set<Class<?>> DECIDED = java.util.Set.of(Fork.class, AndJoin.class, Test.class, Wait.class,
            Scheduler.class, End.class);

    private final Plan plan;

    /** Whether activities of {@code type} are decided here (every control activity must be). */
    public static boolean decides(ActivityType<?> type) {
        return type.where() == ActivityType.Where.CONTROL && DECIDED.contains(type.config());
    }

    public Orchestrator(Plan plan) {
        this.plan = plan;
    }

    /** The steps that can be taken now, in run order; a single Sleep or Finish when none can. */
    public List<Step> next(RunState state) {
        List<Step> steps = new ArrayList<>();
        if (state.status() != RunStatus.RUNNING) {
            return steps;
        }
        Instant earliest = null;
        boolean busy = false;
        for (Activity a : plan.order()) {
            RunState.Activity s = state.activities().get(a.id());
            if (s != null && s.status().isOver()) {
                continue;
            }
            if (s != null && s.status() == ActivityStatus.RUNNING) {
                busy = true;
                continue;
            }
            if (s != null && (s.status() == ActivityStatus.WAITING || s.status() == ActivityStatus.RETRYING)) {
                if (!s.wakeAt().isAfter(state.now())) {
                    steps.add(s.status() == ActivityStatus.RETRYING ? new Step.Execute(a.id()) : new Step.Pass(a.id(), passThrough(a), "timer due"));
                } else if (earliest == null || s.wakeAt().isBefore(earliest)) {
                    earliest = s.wakeAt();
                }
                continue;
            }
            Step step;
            try {
                step = decide(a, state);
            } catch (RuntimeException e) {
                step = new Step.Fail(a.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            if (step != null) {
                steps.add(step);
                if (step instanceof Step.Pause) {
                    return List.of(step);
                }
            }
        }
        if (steps.isEmpty() && !busy) {
            List<String> failed = plan.order().stream().map(Activity::id).filter(id -> state.activities().containsKey(id)
                    && state.activities().get(id).status() == ActivityStatus.FAILED && undecided(plan.activity(id), state.transitions().keySet())).toList();
            steps.add(earliest != null ? new Step.Sleep(earliest) : failed.isEmpty() ? new Step.Finish() : new Step.Blocked(failed));
        }
        return steps;
    }

    /**
     * Whether none of an activity's outbound transitions is among {@code decided}: for a failed
     * activity, a failure that holds the run up (its path was not ended), which resuming runs again.
     */
    public static boolean undecided(Activity a, java.util.Set<String> decided) {
        return a.config().outputs().stream().noneMatch(o -> decided.contains(a.transition(o)));
    }

    /** The step for a pending activity, or null when its inbound transitions are not all decided. */
    private Step decide(Activity a, RunState state) {
        List<String> inbound = plan.inbound(a.id());
        List<String> active = new ArrayList<>();
        for (String t : inbound) {
            RunState.Transition tr = state.transitions().get(t);
            if (tr == null) {
                return null;
            }
            if (tr.active()) {
                active.add(t);
            }
        }
        if (!inbound.isEmpty() && active.isEmpty()) {
            return new Step.Skip(a.id(), "no population arrives: every inbound path stopped", false);
        }
        if (a.disabled()) {
            return new Step.Skip(a.id(), "disabled: its path ends here", true);
        }
        if (state.breakpoints().contains(a.id())) {
            return new Step.Pause(a.id());
        }
        ActivityType<?> type = Plan.type(a);
        if (type.where() != ActivityType.Where.CONTROL) {
            return new Step.Execute(a.id());
        }
        return switch (a.config()) {
            case Fork f -> new Step.Pass(a.id(), passThrough(a), null);
            case AndJoin j -> join(a, j, state);
            case Test t -> test(a, t, state);
            case Wait w -> state.test() ? new Step.Pass(a.id(), passThrough(a), "a test run does not wait")
                    : new Step.Hold(a.id(), until(w, state), w.duration() == null ? "until " + w.until()
                    : "for " + Durations.format(w.duration()));
            case Scheduler s -> schedule(a, s.schedule(), state);
            case End e -> new Step.Pass(a.id(), Map.of(), "path ended");
            default -> throw new IllegalStateException("not a control activity: " + a.type());
        };
    }

    /** Every output carries the inbound population (a signal for an activity that starts a path). */
    private Map<String, String> passThrough(Activity a) {
        Map<String, String> outputs = new LinkedHashMap<>();
        String in = plan.inbound(a.id()).isEmpty() ? Step.Pass.SIGNAL : plan.inbound(a.id()).get(0);
        a.config().outputs().forEach(o -> outputs.put(o, in));
        return outputs;
    }

    private Step join(Activity a, AndJoin j, RunState state) {
        String primary = plan.inbound(a.id()).get(j.primaryIndex(plan.inbound(a.id())));
        boolean alive = state.transitions().get(primary).active();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("out", alive ? primary : null);
        return new Step.Pass(a.id(), outputs, alive ? null : "the primary path (" + primary + ") stopped");
    }

    private Step test(Activity a, Test t, RunState state) {
        String in = plan.inbound(a.id()).get(0);
        long count = state.transitions().get(in).rows();
        Evaluator evaluator = new Evaluator(state.variables(), state.now());
        ValueRow input = new ValueRow(Test.INPUT, Map.of("count", count));
        String chosen = null;
        for (Test.Branch b : t.conditions()) {
            CheckedExpression when = plan.expressions().condition(b.when(), Test.INPUT, null);
            if (evaluator.matches(when, input)) {
                chosen = b.name();
                break;
            }
        }
        if (chosen == null) {
            chosen = t.defaultBranch();
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String o : t.outputs()) {
            outputs.put(o, o.equals(chosen) ? in : null);
        }
        return new Step.Pass(a.id(), outputs, chosen == null ? "no condition is true and there is no default: the path stops"
                : "input.count = " + count + " → " + chosen);
    }

    private Instant until(Wait w, RunState state) {
        if (w.duration() != null) {
            return state.now().plus(w.duration());
        }
        CheckedExpression e = plan.expressions().value(w.until(), plan.dimension(), null);
        Object v = new Evaluator(state.variables(), state.now()).constant(e.root());
        if (v instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (java.time.format.DateTimeParseException notAnInstant) {
                v = s; // reported below
            }
        }
        if (!(v instanceof Instant t)) {
            throw new IllegalArgumentException("until: " + w.until() + " is " + (v instanceof String ? "'" + v + "'" : v)
                    + ", not a moment; write one such as 2026-12-01T08:00:00Z");
        }
        return t;
    }

    private Step schedule(Activity a, Schedule schedule, RunState state) {
        if (state.test()) {
            return new Step.Pass(a.id(), passThrough(a), "a test run does not wait for the schedule");
        }
        Optional<Instant> next = schedule.next(state.now().minusNanos(1));
        if (next.isEmpty()) {
            Map<String, String> dead = new LinkedHashMap<>();
            a.config().outputs().forEach(o -> dead.put(o, null));
            return new Step.Pass(a.id(), dead, "no moment of " + schedule.describe() + " is left: the path stops");
        }
        return new Step.Hold(a.id(), next.get(), "until " + next.get() + " (" + schedule.describe() + ")");
    }
}
