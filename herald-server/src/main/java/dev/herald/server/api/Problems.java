package dev.herald.server.api;

import dev.herald.error.Action;
import dev.herald.error.Problem;
import dev.herald.error.UserError;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an error leaves the API: RFC 9457 problem JSON ({@code application/problem+json}) with a
 * stable {@code type}, a {@code title}, the {@code status}, and {@code errors}, each with its
 * {@code path} and, where there is one, a {@code hint} naming the route to call. An error Herald
 * did not foresee is logged with its stack trace and answered with a plain 500: no stack trace
 * reaches a client.
 */
final class Problems {

    static final String TYPES = "https://herald.dev/problems/";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** Answers {@code ctx} with the problem {@code e} is; returns the status. */
    static int answer(Context ctx, Exception e) {
        ApiProblem p = problem(ctx, e);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", TYPES + p.type);
        json.put("title", p.getMessage());
        json.put("status", p.status);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Problem problem : p.problems) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("path", problem.path());
            one.put("message", problem.message());
            if (problem.hint() != null) {
                one.put("hint", hint(problem.hint()));
            }
            errors.add(one);
        }
        json.put("errors", errors);
        // bytes, not text: Jetty would encode text of a type it does not know (problem+json) as ISO-8859-1, a dash as "?"
        ctx.status(p.status).contentType("application/problem+json")
                .result(Json.write(json).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return p.status;
    }

    private static ApiProblem problem(Context ctx, Exception e) {
        if (e instanceof ApiProblem p) {
            return p;
        }
        if (e instanceof UserError u) {
            return switch (u.kind()) {
                case INVALID -> new ApiProblem(422, "invalid", title(u, "the request cannot be done as it is"), u.problems());
                case NOT_FOUND -> new ApiProblem(404, "not-found", title(u, "not found"), u.problems());
                case CONFLICT -> new ApiProblem(409, "conflict", title(u, "it contradicts the state things are in"), u.problems());
                case FORBIDDEN -> new ApiProblem(403, "forbidden", title(u, "not allowed"), u.problems());
                case UNAVAILABLE -> new ApiProblem(503, "unavailable", title(u, "something Herald needs cannot be reached now"), u.problems());
            };
        }
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        return new ApiProblem(500, "internal", "Herald could not answer this call; the server log says why");
    }

    private static String title(UserError u, String fallback) {
        if (u.summary() != null) {
            return u.summary();
        }
        return u.problems().size() == 1 ? u.problems().getFirst().message() : fallback;
    }

    /** The route an action suggests. */
    static String hint(Action a) {
        return switch (a) {
            case Action.ResumeRun r -> "POST /api/v1/runs/" + r.run() + "/resume" + (r.force() ? " {\"force\": true}" : "");
            case Action.ApproveDelivery d -> "POST /api/v1/runs/" + d.run() + "/deliveries/" + d.activity() + "/approve";
            case Action.ListRuns l -> "GET /api/v1/runs";
            case Action.ApplySchema s -> "POST /api/v1/schema/apply" + (s.allowDestructive() ? " {\"destructive\": true}" : "");
            case Action.ImportInMode i -> "import again with mode " + i.mode();
            case Action.SaveAudience s -> "POST /api/v1/audiences";
            case Action.OpenWorkspace w -> "herald init DIR";
            case Action.RestoreCampaign r -> "POST /api/v1/campaigns/" + r.campaign() + "/restore";
        };
    }
}
