package dev.herald.server;

import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.app.run.ScheduledCampaigns;
import dev.herald.campaign.run.RunRecord;
import dev.herald.error.UserError;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the server runs, looks every few seconds for the campaigns whose schedule has a moment due
 * and starts their runs, and for the runs that need a driver — a wait that is over, a delivery's
 * retry, a send window that opened, also the timers that fell due while no server ran; and, where
 * several servers share one PostgreSQL, the runs of a server that died or shut down — and drives
 * each on a thread of its own. A moment or a run another server took first is left to it. Closing
 * hands the runs it drives over once their activity or batch under way is done.
 */
final class RunScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);

    private final Application app;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService driving = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("herald-run-", 0).factory());
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<ScheduledCampaigns.Due> starting = ConcurrentHashMap.newKeySet();
    private final Set<ScheduledCampaigns.Due> refused = ConcurrentHashMap.newKeySet();

    RunScheduler(Application app, Duration every) {
        this.app = app;
        timer.scheduleWithFixedDelay(this::driveDue, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void driveDue() {
        try {
            app.access().refreshLinkKeys(); // a link key rotated by another server signs here from this look on
        } catch (RuntimeException e) {
            LOG.info("the link keys could not be read again: {}", e.getMessage());
        }
        startScheduled();
        try {
            for (long runId : app.runs().needingDriver()) {
                if (inFlight.add(runId)) {
                    driving.execute(() -> drive(runId));
                }
            }
        } catch (UserError e) {
            LOG.info("the runs due could not be listed: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("looking for the runs due failed", e);
        }
    }

    private void startScheduled() {
        try {
            for (ScheduledCampaigns.Due due : app.schedules().due()) {
                if (!refused.contains(due) && starting.add(due)) {
                    driving.execute(() -> start(due));
                }
            }
        } catch (UserError e) {
            LOG.info("the scheduled campaigns could not be read: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("looking for the scheduled campaigns due failed", e);
        }
    }

    private void start(ScheduledCampaigns.Due due) {
        String what = due.version().campaign() + " v" + due.version().version() + " for " + due.at();
        try {
            app.schedules().start(due, new RunListener() {
                @Override
                public void started(RunRecord run) {
                    LOG.info("run {} of {} started by its schedule", run.id(), what);
                }
            }).ifPresent(r -> LOG.info("run {} of {}: {}", r.id(), what, r.status().word()));
        } catch (UserError e) {
            if (e.kind() != UserError.Kind.UNAVAILABLE) { // once per moment: the campaign no longer checks against the schema, say
                refused.add(due);
            } // the store could not be reached: tried again at the next look
            LOG.warn("the scheduled run of {} did not start: {}", what, e.getMessage());
        } catch (RuntimeException e) { // not remembered: the store may be back at the next look
            LOG.error("the scheduled run of {} failed; it is tried again at the next look", what, e);
        } finally {
            starting.remove(due);
        }
    }

    private void drive(long runId) {
        try {
            app.runs().takeOver(runId, Duration.ZERO, RunListener.QUIET)
                    .ifPresent(r -> LOG.info("run {} of {} driven by this server: {}", r.id(), r.campaign(), r.status().word()));
        } catch (UserError e) {
            LOG.info("run {} was not resumed: {}", runId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("driving run {} failed", runId, e);
        } finally {
            inFlight.remove(runId);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        app.runs().handOver();
        driving.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
            driving.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
