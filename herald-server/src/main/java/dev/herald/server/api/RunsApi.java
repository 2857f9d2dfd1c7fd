package dev.herald.server.api;

import dev.herald.app.Application;
import dev.herald.app.run.RunListener;
import dev.herald.app.run.RunService;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.LogLine;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.error.UserError;
import dev.herald.security.Role.Permission;
import dev.herald.text.Echo;
import dev.herald.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs over the API: start one (the signal other systems call), list them, their status, log and
 * deliveries' reports; pause, resume, stop; approve a delivery. A run is driven in the server, not
 * in the call: starting, resuming and approving answer {@code 202} as soon as the run is under way,
 * and its status says how far it got.
 */
final class RunsApi {

    private static final Logger LOG = LoggerFactory.getLogger(RunsApi.class);
    /** How long a call waits for its run to start before answering that it is still starting. */
    private static final Duration START = Duration.ofSeconds(30);

    /** A run to start: a campaign of the workspace's {@code campaigns/} folder by name, or a document. */
    record Start(String campaign, String document, String mode, Map<String, Object> variables, boolean approve, String now) {
    }

    /** A run as lists show it. */
    record Summary(long id, String campaign, int version, String mode, String status, Instant startedAt, Instant endedAt, String href) {
        static Summary of(RunRecord r) {
            return new Summary(r.id(), r.campaign(), r.version(), r.mode(), r.status().word(), r.startedAt(), r.endedAt(),
                    Api.BASE + "/runs/" + r.id());
        }
    }

    /** A run with each activity's state and each transition's count. */
    record Status(Summary run, Map<String, ActivityState> activities, Map<String, Long> transitions, List<String> awaitingApproval) {
    }

    record ActivityState(String status, Instant startedAt, Instant endedAt, Instant wakeAt, Long rowsIn, Long rowsOut, String error) {
        static ActivityState of(ActivityRecord a) {
            return new ActivityState(a.status().name().toLowerCase(java.util.Locale.ROOT), a.startedAt(), a.endedAt(), a.wakeAt(), a.rowsIn(),
                    a.rowsOut(), a.error());
        }
    }

    record Log(long id, Instant at, String level, String activity, String message, String hint) {
        static Log of(LogLine l) {
            return new Log(l.id(), l.at(), l.level(), l.activity(), l.message(), l.hint() == null ? null : Problems.hint(l.hint()));
        }
    }

    private final Application app;
    private final ExecutorService driving = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("herald-api-run-", 0).factory());

    RunsApi(Application app) {
        this.app = app;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/runs", Permission.READ, "The runs, the newest first", this::list,
                        "campaign: only the runs of this campaign", "status: only runs in this status (running, paused, suspended, waiting, "
                                + "finished, stopped, failed)", "mode: test or live", "limit: runs per page, 1 to 500 (default 50)",
                        "cursor: the next_cursor of the previous page"),
                ApiRoute.post("/runs", Permission.OPERATE, "Start a run of a campaign (test or live), with variables", 202,
                        "{campaign: NAME (campaigns/NAME.yaml, else the published campaign NAME) | document: YAML, mode: test|live, variables: {}, approve: false, now: RFC 3339}",
                        this::start),
                ApiRoute.get("/runs/{run}", Permission.READ, "A run's status: each activity's state, each transition's count", this::status),
                ApiRoute.get("/runs/{run}/log", Permission.READ, "A run's log, the oldest line first", call -> {
                    int limit = call.whole("limit", 500, 1, 5000);
                    return Page.of(app.runs().log(call.id("run"), call.cursor(), limit + 1).stream().map(Log::of).toList(), limit, Log::id);
                }, "limit: lines per page, 1 to 5000 (default 500)", "cursor: the next_cursor of the previous page"),
                ApiRoute.post("/runs/{run}/pause", Permission.OPERATE, "Pause a run once its activity under way is done", 200, null, call -> {
                    long id = call.id("run");
                    app.runs().pause(id);
                    call.did("paused run " + id);
                    return Summary.of(app.runs().run(id));
                }),
                ApiRoute.post("/runs/{run}/stop", Permission.OPERATE, "Stop a run for good", 200, null, call -> {
                    long id = call.id("run");
                    app.runs().stop(id);
                    call.did("stopped run " + id);
                    return Summary.of(app.runs().run(id));
                }),
                ApiRoute.post("/runs/{run}/resume", Permission.OPERATE, "Resume a paused, suspended or waiting run", 202, null, call -> {
                    long id = call.id("run");
                    app.runs().run(id);
                    call.did("resumed run " + id);
                    return drive(id, runs -> runs.resume(id, Duration.ZERO, false, RunListener.QUIET));
                }),
                ApiRoute.post("/runs/{run}/deliveries/{activity}/approve", Permission.OPERATE,
                        "Approve a delivery waiting for it: its run resumes and sends", 202, null, call -> {
                            long id = call.id("run");
                            String activity = call.path("activity");
                            if (!app.runs().awaitingApproval(id).contains(activity)) {
                                throw UserError.notFound("run " + id + " has no delivery '" + activity + "' waiting for approval", null);
                            }
                            call.did("approved " + activity + " of run " + id);
                            String by = "key " + call.key.id() + " (" + call.key.name() + ")";
                            return drive(id, runs -> runs.approve(id, activity, by, Duration.ZERO, RunListener.QUIET));
                        }),
                ApiRoute.get("/runs/{run}/sql", Permission.READ, "The SQL each activity of a run ran, with its bound parameters and time",
                        call -> app.runs().statements(call.id("run"), call.ctx.queryParam("activity")), "activity: one activity's only"),
                ApiRoute.get("/runs/{run}/transitions/{transition}/rows", Permission.READ,
                        "The first rows of a transition's worktable (herald run preview), while the run keeps it", this::rows,
                        "fields: the columns to show, comma-separated (default: the key and the population's columns)",
                        "limit: rows, 1 to 500 (default 20)"),
                ApiRoute.get("/runs/{run}/report", Permission.READ, "Every delivery of a run together: messages by status and reason, "
                        + "bounces, complaints, opens, clicks per link, unsubscribes, the rates, each delivery's share",
                        call -> app.deliveries().runReport(call.id("run"))),
                ApiRoute.get("/runs/{run}/report/hourly", Permission.READ, "A run's deliveries hour by hour (UTC): sent, opens, clicks, "
                        + "unsubscribes by people, machines' events", call -> Reports.hourly(call, "run-" + call.id("run"),
                        app.deliveries().runHours(call.id("run"))), Reports.FORMAT),
                ApiRoute.get("/runs/{run}/deliveries/{activity}/report", Permission.READ,
                        "A delivery's messages by status, what came back, opens, clicks per link, unsubscribes",
                        call -> app.deliveries().report(call.id("run"), call.path("activity"))));
    }

    /** A transition's rows: its count and what it carries, and the rows when the run still keeps its worktable. */
    record Rows(String transition, String carries, Long count, String note, List<String> columns, List<List<Object>> rows) {
    }

    private Rows rows(ApiCall call) {
        String fields = call.ctx.queryParam("fields");
        RunService.TransitionRows t = app.runs().preview(call.id("run"), call.path("transition"),
                fields == null || fields.isBlank() ? List.of() : List.of(fields.split(",")), call.whole("limit", 20, 1, 500));
        Long count = t.record() == null ? null : t.record().rows();
        if (t.rows() == null) {
            String note = t.record() == null ? "not decided yet" : !t.record().active() ? "not taken: nothing went this way"
                    : "its worktable was purged after the run's retention";
            return new Rows(t.transition(), t.describe(), count, note, List.of(), List.of());
        }
        return new Rows(t.transition(), t.describe(), count, null, t.rows().columns(), t.rows().rows());
    }

    private Page<Summary> list(ApiCall call) {
        int limit = call.whole("limit", 50, 1, 500);
        String campaign = call.ctx.queryParam("campaign");
        return Page.of(app.runs().page(call.cursor(), limit + 1, campaign == null || campaign.isEmpty() ? null : campaign, statusFilter(call), mode(call))
                .stream().map(Summary::of).toList(), limit, Summary::id);
    }

    private static RunStatus statusFilter(ApiCall call) {
        String text = call.ctx.queryParam("status");
        if (text == null || text.isEmpty()) {
            return null;
        }
        for (RunStatus s : RunStatus.values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw ApiProblem.badRequest("status", Echo.quoted(text) + " is not a run status (" + java.util.Arrays.stream(RunStatus.values())
                .map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.joining(", ")) + ")");
    }

    /** test: true, live: false, absent: null. */
    private static Boolean mode(ApiCall call) {
        String text = call.ctx.queryParam("mode");
        if (text == null || text.isEmpty()) {
            return null;
        }
        return switch (text) {
            case "test" -> true;
            case "live" -> false;
            default -> throw ApiProblem.badRequest("mode", "mode is test or live");
        };
    }

    private Status status(ApiCall call) {
        RunService.RunView view = app.runs().status(call.id("run"));
        Map<String, ActivityState> activities = new LinkedHashMap<>();
        view.activities().forEach((id, a) -> activities.put(id, ActivityState.of(a)));
        Map<String, Long> transitions = new LinkedHashMap<>();
        view.transitions().forEach((id, t) -> transitions.put(id, t.rows()));
        return new Status(Summary.of(view.run()), activities, transitions, app.runs().awaitingApproval(view.run().id()));
    }

    private Summary start(ApiCall call) throws Exception {
        Start s = call.body(Start.class);
        if ((s.campaign() == null) == (s.document() == null)) {
            throw ApiProblem.badRequest("campaign", "name a campaign of the workspace (campaign) or send its YAML (document), one of the two");
        }
        if (!"test".equals(s.mode()) && !"live".equals(s.mode())) {
            throw ApiProblem.badRequest("mode", "mode is test (everything but sending) or live");
        }
        Instant now;
        try {
            now = s.now() == null ? null : Instant.parse(s.now());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("now", "now is an RFC 3339 instant, e.g. 2026-12-01T09:00:00Z");
        }
        Named named = s.document() != null ? new Named(s.document(), "api") : named(s.campaign());
        String text = named.text();
        String source = named.source();
        RunOptions options = new RunOptions("test".equals(s.mode()), s.variables() == null ? Map.of() : s.variables(), now, List.of(),
                Duration.ZERO, s.approve());
        CompletableFuture<Long> started = new CompletableFuture<>();
        driving.submit(() -> {
            try {
                app.runs().start(text, source, options, new RunListener() {
                    @Override
                    public void started(RunRecord run) {
                        started.complete(run.id());
                    }
                });
            } catch (RuntimeException e) {
                if (!started.completeExceptionally(e)) {
                    LOG.warn("run of {} ended in an error: {}", source, e.getMessage());
                }
            }
        });
        long id = await(started);
        call.did("started run " + id + " of " + source + " (" + s.mode() + ")");
        return Summary.of(app.runs().run(id));
    }

    /** A campaign by name: its file in the workspace's campaigns/ (published again if it changed), else its latest published version. */
    private record Named(String text, String source) {
    }

    private Named named(String name) throws java.io.IOException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}") || name.contains("..")) {
            throw ApiProblem.badRequest("campaign", "a campaign's name is its id, or its file's in campaigns/ without .yaml: letters, digits, "
                    + "'_', '-', '.'");
        }
        Path file = app.workspace().campaignsDir().resolve(name + ".yaml");
        if (Files.isRegularFile(file)) {
            return new Named(YamlReader.text(file, "campaigns/" + name + ".yaml"), "campaigns/" + name + ".yaml");
        }
        return app.campaigns().find(name).map(v -> new Named(v.source(), name + " v" + v.version())).orElseThrow(() -> UserError.notFound("no campaign '" + name
                        + "': none was published with that id, and campaigns/" + name + ".yaml is not in the workspace", null));
    }

    /** Drives run {@code id} in the server and answers with it as it is once under way. */
    private Summary drive(long id, Consumer<RunService> work) {
        driving.submit(() -> {
            try {
                work.accept(app.runs());
            } catch (RuntimeException e) {
                LOG.warn("run {} ended in an error: {}", id, e.getMessage());
            }
        });
        return Summary.of(app.runs().run(id));
    }

    private static long await(CompletableFuture<Long> started) throws Exception {
        try {
            return started.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new ApiProblem(503, "unavailable", "the run did not start within " + START.toSeconds() + " s; GET /api/v1/runs shows it once it does");
        }
    }

    /** Hands the runs the server drives over once their activity or batch under way is done, and waits a while for them. */
    void close() {
        app.runs().handOver();
        driving.shutdown();
        try {
            driving.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
