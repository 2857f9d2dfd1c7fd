package dev.herald.server.api;

import dev.herald.app.Application;
import dev.herald.security.ApiKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Herald's API under {@value #BASE}: JSON, each call with an API key ({@code Authorization: Bearer
 * hk_…}) whose role allows it, errors as RFC 9457 problem JSON, lists in pages with a cursor, every
 * call that changes something in the audit log (refused ones too), and the OpenAPI 3.1 document
 * of exactly these routes at {@value #OPENAPI}. The CLI and the API call the same services.
 */
public final class Api implements AutoCloseable {

    public static final String BASE = "/api/v1";
    public static final String OPENAPI = "/api/openapi.json";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final Application app;
    private final RunsApi runs;
    private final List<ApiRoute> routes = new ArrayList<>();
    private final FailedKeys failedKeys = new FailedKeys(Clock.systemUTC());
    private final KeyRates keyRates;

    public Api(Application app) {
        this.app = app;
        this.keyRates = new KeyRates(app.workspace().config().apiCallsPerSecond(), System::nanoTime);
        this.runs = new RunsApi(app);
        routes.addAll(runs.routes());
        routes.addAll(new SchemaApi(app).routes());
        routes.addAll(new CampaignsApi(app).routes());
        routes.addAll(new ComplianceApi(app).routes());
        routes.addAll(new AccessApi(app).routes());
        routes.addAll(new RecordsApi(app).routes());
        routes.addAll(new MessagesApi(app).routes());
    }

    public void register(RoutesConfig config) {
        String document = Json.write(OpenApi.document(routes));
        config.get(OPENAPI, ctx -> ctx.contentType("application/json").result(document));
        for (ApiRoute r : routes) {
            config.addHttpHandler(HandlerType.findOrCreate(r.method()), BASE + r.path(), ctx -> call(r, ctx));
        }
        for (String method : METHODS) { // after the routes: whatever they do not match
            config.addHttpHandler(HandlerType.findOrCreate(method), BASE + "/*", ctx -> Problems.answer(ctx, new ApiProblem(404, "no-route",
                    "no route " + method + " " + ctx.path() + "; " + OPENAPI + " lists them")));
        }
    }

    /** The routes, as registered and documented. */
    List<ApiRoute> routes() {
        return routes;
    }

    private void call(ApiRoute route, Context ctx) {
        ApiKey key = null;
        int status;
        String detail;
        try {
            refuseGuessing(ctx);
            key = bearer(ctx).flatMap(app.access()::authenticate).orElseThrow(ApiProblem::unauthorized);
            refuseOverRate(ctx, key);
            if (!key.role().may(route.permission())) {
                throw ApiProblem.forbidden(key.role().id(), needs(route));
            }
            ApiCall call = new ApiCall(ctx, key);
            Object answer = route.handler().handle(call);
            status = call.status(route.success());
            if (answer instanceof Download file) {
                ctx.status(status).contentType(file.contentType()).header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
                        .result(file.content());
            } else {
                ctx.status(status).contentType("application/json").result(Json.write(answer).getBytes(StandardCharsets.UTF_8));
            }
            detail = call.did();
        } catch (Exception e) {
            status = Problems.answer(ctx, e);
            detail = e instanceof ApiProblem || e instanceof dev.herald.error.UserError ? e.getMessage() : "internal error (see the server log)";
        }
        if (status == 401) {
            failedKeys.failed(ctx.ip());
        }
        if (route.mutating() && status != 429 || status == 401 || status == 403) { // a 429 writes nothing: no flood reaches the store
            app.access().audit(key, route.method(), ctx.path(), status, ctx.ip(), detail);
        }
    }

    /**
     * For a plain route beside the API ({@code /metrics}): whether the call carries a key of any
     * role; otherwise it is answered with the same 401 problem as the API's.
     */
    public boolean mayRead(Context ctx) {
        try {
            refuseGuessing(ctx);
            if (bearer(ctx).flatMap(app.access()::authenticate).isPresent()) {
                return true;
            }
            failedKeys.failed(ctx.ip());
            throw ApiProblem.unauthorized();
        } catch (ApiProblem p) {
            Problems.answer(ctx, p);
            return false;
        }
    }

    /** A {@code 429} (with {@code Retry-After}) for an address that sent too many calls without a good key this minute. */
    private void refuseGuessing(Context ctx) {
        long blocked = failedKeys.blockedFor(ctx.ip());
        if (blocked > 0) {
            ctx.header("Retry-After", Long.toString(blocked));
            throw new ApiProblem(429, "too-many-requests", "too many calls without a good key from " + ctx.ip() + " this minute; try again in "
                    + blocked + " s");
        }
    }

    /** A {@code 429} (with {@code Retry-After}) for a key over its rate ({@code api.calls_per_second} of herald.yaml). */
    private void refuseOverRate(Context ctx, ApiKey key) {
        long waitMillis = keyRates.take(key.id());
        if (waitMillis > 0) {
            ctx.header("Retry-After", Long.toString((waitMillis + 999) / 1000));
            throw new ApiProblem(429, "too-many-requests", "key " + key.id() + " made more than its " + keyRates.perSecond()
                    + " calls a second; try again in " + waitMillis + " ms (api.calls_per_second in herald.yaml sets the rate)");
        }
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }

    static String needs(ApiRoute route) {
        return switch (route.permission()) {
            case READ -> "any role";
            case EDIT -> "the role editor or admin";
            case OPERATE -> "the role operator or admin";
            case ADMINISTER -> "the role admin";
        };
    }

    /** Pauses the runs the API started once their activity under way is done. */
    @Override
    public void close() {
        runs.close();
    }
}
