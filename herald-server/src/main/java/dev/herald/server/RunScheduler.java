package dev.herald.server;

import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.error.UserError;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the server runs, resumes every run whose timer is due — a wait that is over, a delivery's
 * retry, a send window that opened — every few seconds, also the timers that fell due while no
 * server ran. A run another process drives is left to it.
 */
final class RunScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunScheduler.class);

    private final Application app;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-scheduler");
        t.setDaemon(true);
        return t;
    });

    RunScheduler(Application app, Duration every) {
        this.app = app;
        timer.scheduleWithFixedDelay(this::resumeDue, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void resumeDue() {
        try {
            app.runs().resumeDue(Duration.ZERO, RunListener.QUIET).forEach(r -> LOG.info("run {} of {} resumed on its timer: {}", r.id(),
                    r.campaign(), r.status().word()));
        } catch (UserError e) {
            LOG.info("a due run was not resumed: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("resuming the due runs failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
