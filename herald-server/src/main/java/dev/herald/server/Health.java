package dev.herald.server;

import dev.herald.app.Application;
import io.javalin.config.RoutesConfig;

/** {@code /health/live}: the process answers; {@code /health/ready}: and its store answers too. */
final class Health {

    private final Application app;

    Health(Application app) {
        this.app = app;
    }

    void register(RoutesConfig routes) {
        routes.get("/health/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"));
        routes.get("/health/ready", ctx -> {
            boolean ready = app.ready();
            ctx.status(ready ? 200 : 503).contentType("application/json").result(ready ? "{\"status\":\"up\"}" : "{\"status\":\"down\"}");
        });
    }
}
