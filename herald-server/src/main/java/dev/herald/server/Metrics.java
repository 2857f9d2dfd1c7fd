package dev.herald.server;

import dev.herald.app.Application;
import dev.herald.app.tracking.TrackingService;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /metrics} in Prometheus' text format: HTTP latency per route (a histogram), the runs in
 * each status and those this server drives, the message log per channel and status (sent only
 * grows: its rate is the send rate), the tracking events not yet written (the event lag) and those
 * lost, and the JVM's memory, GC, threads and CPU. The counts read from the store are read at most
 * every {@link #STORE_EVERY}, so a scrape costs at most one grouped scan of the runs and messages.
 */
final class Metrics implements AutoCloseable {

    static final Duration STORE_EVERY = Duration.ofSeconds(10);

    private final Application app;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MultiGauge runs;
    private final MultiGauge messages;
    private Instant readAt = Instant.MIN;

    Metrics(Application app) {
        this.app = app;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        runs = MultiGauge.builder("herald.runs").description("Runs in the store, by status").register(registry);
        messages = MultiGauge.builder("herald.messages").description("Messages in the message log, by channel and status").register(registry);
        Gauge.builder("herald.runs.driven", app.runs(), r -> r.drivenHere()).description("Runs this server drives now").register(registry);
        TrackingService tracking = app.tracking();
        Gauge.builder("herald.tracking.events.queued", tracking, TrackingService::eventsQueued)
                .description("Opens and clicks taken and not yet written to the store").register(registry);
        FunctionCounter.builder("herald.tracking.events.lost", tracking, TrackingService::eventsLost)
                .description("Opens and clicks that could not be queued or written").register(registry);
        app.runs().timeActivities((type, outcome, took) -> Timer.builder("herald.activity.duration")
                .description("Activities this server ran, by type and how they ended (done, failed, waiting)")
                .tags(Tags.of("type", type, "outcome", outcome)).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(2)).register(registry).record(took));
    }

    /** Records one answered request: its method, its route's template (never the concrete path), its status and time. */
    void answered(Context ctx, float millis) {
        String route;
        try {
            route = ctx.endpoint().path;
        } catch (RuntimeException none) {
            route = "unmatched";
        }
        answered(ctx.method().name(), route, ctx.statusCode(), (long) (millis * 1_000_000));
    }

    /** The timer of one method, route template and status. */
    private record Answered(String method, String route, int status) {
    }

    /** Each timer made once: looking one up in the registry by name and tags costs more than the tracking requests it times. */
    private final java.util.concurrent.ConcurrentHashMap<Answered, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    void answered(String method, String route, int status, long nanos) {
        timers.computeIfAbsent(new Answered(method, route, status), a -> Timer.builder("herald.http.server.requests")
                .description("HTTP requests answered, by method, route and status")
                .tags(Tags.of("method", a.method(), "route", a.route(), "status", Integer.toString(a.status())))
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30)).register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The text Prometheus scrapes. */
    String scrape() {
        readStore();
        return registry.scrape();
    }

    private synchronized void readStore() {
        Instant now = Instant.now();
        if (now.isBefore(readAt.plus(STORE_EVERY))) {
            return;
        }
        List<MultiGauge.Row<?>> runRows = new ArrayList<>();
        app.runs().countByStatus().forEach((status, n) -> runRows.add(MultiGauge.Row.of(Tags.of("status", status), n)));
        runs.register(runRows, true);
        List<MultiGauge.Row<?>> messageRows = new ArrayList<>();
        app.deliveries().countByChannelAndStatus().forEach((channel, byStatus) -> byStatus.forEach((status, n) ->
                messageRows.add(MultiGauge.Row.of(Tags.of("channel", channel, "status", status), n))));
        messages.register(messageRows, true);
        readAt = now;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
