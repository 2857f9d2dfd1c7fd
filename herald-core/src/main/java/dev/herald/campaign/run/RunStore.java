package dev.herald.campaign.run;

import dev.herald.error.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where runs live: each run, its activities, its transitions and its log. Everything a restarted
 * process needs to resume a run is here; each call is a unit of work of its own unless the caller
 * groups several in a transaction.
 */
public interface RunStore {

    /** Records a new running run of a version ({@code approved}: its deliveries approved as it starts); returns its id. */
    long create(CampaignVersion version, boolean test, Map<String, Object> variables, Instant fixedNow, List<String> breakpoints,
                boolean approved);

    /**
     * Records that run {@code runId} is the one for the moment {@code at} of the campaign's schedule;
     * false when a run was started for that moment already (by this or another process), in which
     * case the caller rolls back the run it made. Of two processes recording one moment at once, one does.
     */
    boolean scheduled(String campaign, Instant at, long runId);

    /** The latest moment of the campaign's schedule a run was started for; empty when none was. */
    Optional<Instant> lastScheduled(String campaign);

    Optional<RunRecord> find(long runId);

    /** The run, or a not-found error that says how to list the runs. */
    default RunRecord run(long runId) {
        return find(runId).orElseThrow(() -> dev.herald.error.UserError.notFound("no run " + runId, new Action.ListRuns()));
    }

    /** The latest runs, newest first. */
    List<RunRecord> list(int limit);

    void status(long runId, RunStatus status);

    void breakpoints(long runId, List<String> remaining);

    void consecutiveErrors(long runId, int errors);

    /**
     * Makes {@code driver} (a process: host/pid) the run's driver, in one statement, unless another
     * process said it drives it less than {@code lease} ago ({@code null}: whoever drives it).
     * Returns whether {@code driver} drives it now; of two processes claiming at once, one does.
     */
    boolean claim(long runId, String driver, Duration lease);

    /** Records that {@code driver} still drives the run and is alive now; false when it is not the run's driver any more. */
    boolean heartbeat(long runId, String driver);

    /** {@code driver} stops driving the run (if it still does): another process may claim it at once. */
    void release(long runId, String driver);

    /**
     * Running runs nobody drives: their driver gave them up while they ran (it shut down), or said
     * nothing for {@code lease} (it died, or lost the store).
     */
    List<Long> orphaned(Duration lease);

    /** Who drives a run and when it last said so; empty when nobody has. */
    Optional<Driver> driver(long runId);

    /** A process that drives a run, and when it last said it was alive. */
    record Driver(String process, Instant aliveAt) {
    }

    /** Records that the run's worktables were dropped. */
    void purged(long runId);

    /** Ended runs that ended before {@code before} and still have worktables. */
    List<Long> purgeable(Instant before);

    /** The activities that started, in the order they started. */
    Map<String, ActivityRecord> activities(long runId);

    /**
     * Records that an activity starts (again): running, one more attempt; returns the instant its
     * expressions are judged at, kept from a first attempt.
     */
    Instant started(long runId, String activity, Instant now);

    /** Records how an activity ended (done, failed, skipped, disabled). */
    void ended(long runId, String activity, ActivityStatus status, Long rowsIn, Long rowsOut, String sql, String error);

    /** Activities left running by a process that died: they start again. */
    List<String> interrupted(long runId);

    /** The activity runs again at {@code at}: it is retrying until then ({@code deferral}: one deferral more). */
    void retryAt(long runId, String activity, java.time.Instant at, boolean deferral);

    /** How many times in a row the activity could not send; a resume after it failed starts the count again. */
    int deferrals(long runId, String activity);

    /** Forgets a failed activity's outcome, so that resuming runs it again. */
    void retry(long runId, String activity);

    /** The decided transitions, by name ({@code split.gold}). */
    Map<String, TransitionRecord> transitions(long runId);

    void transition(long runId, String name, boolean active, String worktable, long rows);

    /** Adds a line to the run's log; {@code hint} is what to do next, or null. */
    void log(long runId, String level, String activity, String message, Action hint);

    List<LogLine> log(long runId);

    /** A new worktable name for the run: {@code herald_wt_<run>_<n>}. */
    String newWorktable(long runId);
}
