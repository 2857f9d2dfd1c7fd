package dev.herald.server;

import dev.herald.app.Application;
import dev.herald.server.api.Api;
import io.javalin.Javalin;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code herald server}: Herald over HTTP on one workspace — the API ({@link Api}), the public
 * tracking endpoints that the links of messages point to ({@link TrackingRoutes}), health and
 * {@code /metrics} ({@link Metrics}, for a key of any role) — and,
 * beside it, the runs resumed when their timers fall due ({@link RunScheduler}) and the return
 * mailbox read every minute ({@link ReturnsReader}). Requests are served by
 * Jetty's thread pool (virtual threads with {@code -Dherald.server.virtual=true}, not measured apart); a body over {@link #MAX_REQUEST_BYTES} is refused; an error inside a route is
 * logged and answered with a plain 500, never a stack trace. Closing stops taking requests, then
 * writes every tracking event still queued.
 */
public final class HeraldServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeraldServer.class);
    public static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final Application app;
    private final Javalin javalin;
    private final String host;
    private final Api api;
    private final RunScheduler scheduler;
    private final AutoCloseable returns;
    private final Metrics metrics;

    private HeraldServer(Application app, Javalin javalin, String host, Api api, AutoCloseable returns, Metrics metrics) {
        this.app = app;
        this.javalin = javalin;
        this.host = host;
        this.api = api;
        this.scheduler = new RunScheduler(app, Duration.ofSeconds(5));
        this.returns = returns;
        this.metrics = metrics;
    }

    /** Starts serving {@code app} on {@code host}:{@code port} (0 picks a free port). */
    public static HeraldServer start(Application app, String host, int port) {
        TrackingRoutes tracking = new TrackingRoutes(app.tracking());
        Health health = new Health(app);
        Api api = new Api(app);
        Metrics metrics = new Metrics(app);
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = Boolean.parseBoolean(System.getProperty("herald.server.virtual", "false"));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyServletContextHandler(context -> context.insertHandler(new TrackingFastPath(app.tracking(), metrics)));
            tracking.register(config.routes);
            health.register(config.routes);
            api.register(config.routes);
            config.routes.get("/metrics", ctx -> {
                if (api.mayRead(ctx)) {
                    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
                }
            });
            config.requestLogger.http(metrics::answered);
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).contentType("text/plain; charset=utf-8").result("Herald could not answer this request; the server log says why.\n");
            });
        });
        AutoCloseable returns = ReturnsReader.start(app, Duration.ofMinutes(1)); // a listener that cannot bind stops the start here
        try {
            javalin.start();
        } catch (RuntimeException e) {
            try {
                if (returns != null) {
                    returns.close();
                }
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new HeraldServer(app, javalin, host, api, returns, metrics);
    }

    /** The port it listens on. */
    public int port() {
        return javalin.port();
    }

    /** Its address, such as {@code http://127.0.0.1:8080}. */
    public String url() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return "http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port();
    }

    @Override
    public void close() {
        scheduler.close();
        if (returns != null) {
            try {
                returns.close();
            } catch (Exception e) {
                LOG.warn("the returns reader did not stop cleanly: {}", e.getMessage());
            }
        }
        api.close();
        javalin.stop();
        metrics.close();
        app.tracking().close();
    }
}
