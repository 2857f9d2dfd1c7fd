package dev.herald.server;

import dev.herald.app.Application;
import dev.herald.app.delivery.DeliveryService;
import dev.herald.channel.ReturnsRead;
import dev.herald.error.UserError;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the server runs, reads the return mailbox ({@code providers.bounces}) every minute, so
 * that bounces and complaints reach the suppression list before the next campaign; nothing when
 * the workspace names no mailbox. A mailbox that cannot be read is logged once until it can again.
 */
final class ReturnsReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnsReader.class);

    private final Application app;
    private final ScheduledExecutorService timer;
    private String lastProblem;

    private ReturnsReader(Application app, Duration every) {
        this.app = app;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-returns");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::readOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * What takes the returns while the server runs: the SMTP listener {@code providers.bounces}
     * names ({@code smtp://HOST:PORT}), or a read of its mailbox every {@code every}; null when the
     * workspace names neither.
     */
    static AutoCloseable start(Application app, Duration every) {
        var listening = app.deliveries().listenForReturns();
        if (listening.isPresent()) {
            LOG.info("returns: listening for bounces and complaints over SMTP on port {}", listening.get().port());
            return listening.get();
        }
        return app.workspace().provider(DeliveryService.RETURNS).isPresent() ? new ReturnsReader(app, every) : null;
    }

    private void readOnce() {
        try {
            ReturnsRead pass = app.deliveries().readReturns();
            if (pass.read() > 0) {
                LOG.info("return mailbox: {} read, {} hard bounces, {} soft, {} complaints, {} other refusals, {} unknown, {} no report",
                        pass.read(), pass.hardBounces(), pass.softBounces(), pass.complaints(), pass.otherBounces(), pass.unknown(), pass.notReports());
            }
            lastProblem = null;
        } catch (UserError e) {
            if (!e.getMessage().equals(lastProblem)) {
                LOG.warn("{} (tried again every minute)", e.getMessage());
                lastProblem = e.getMessage();
            }
        } catch (RuntimeException e) {
            LOG.error("reading the return mailbox failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
