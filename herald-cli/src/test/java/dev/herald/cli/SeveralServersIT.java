package dev.herald.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.app.demo.RetailGenerator;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.store.Store;
import dev.herald.store.load.Importer;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.testkit.PostgresServer;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code herald server} processes share one PostgreSQL: runs started through either are driven
 * by the server that started them; one server is killed with {@code kill -9} while its runs send,
 * and the other takes them over once their lease runs out. Every run finishes once, with the same
 * counts as the runs nobody interrupted; no activity is done twice; no message is sent twice or lost.
 * A campaign scheduled for a moment both servers see come due gets one run.
 */
class SeveralServersIT {

    static final String NOW = "2026-11-01T00:00:00Z";
    static final int RUNS_EACH = 2;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_server_killed_mid_send_leaves_its_runs_to_the_other_which_finishes_each_once_sending_nothing_twice() throws Exception {
        Path ws = workspace();
        String key = token(Cli.ok("-w", ws.toString(), "key", "create", "--role", "operator", "--name", "several-servers"));
        String campaign = Files.readString(Path.of(SeveralServersIT.class.getResource("/crash/campaign.yaml").getPath()))
                .replace("rate: 1500", "rate: 400");

        Server doomed = new Server(ws, "text");
        Server survivor = new Server(ws, "json");
        try {
            java.time.Instant moment = java.time.Instant.now().plusSeconds(6).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Path scheduled = dir.resolve("scheduled.yaml");
            Files.writeString(scheduled, """
                    id: scheduled_once
                    name: scheduled once
                    schedule: { once: "%s", zone: UTC }
                    activities:
                      - { id: fr, type: build-audience, expression: profile.country == "FR" }
                    """.formatted(moment.toString().replace("Z", "")));
            Cli.ok("-w", ws.toString(), "campaign", "publish", scheduled.toString());
            List<Long> doomedRuns = new ArrayList<>();
            List<Long> survivorRuns = new ArrayList<>();
            for (int i = 0; i < RUNS_EACH; i++) {
                doomedRuns.add(start(doomed, key, campaign));
                survivorRuns.add(start(survivor, key, campaign));
            }
            try (Store store = Store.open(Workspace.open(ws).store())) {
                await(() -> doomedRuns.stream().allMatch(run -> sent(store, run) > 50), "the killed server's runs are sending");
                for (long run : doomedRuns) {
                    assertThat(store.dsl().fetchValue("select count(*) from herald_run_log where run_id = ? and message like 'resumed%'", run))
                            .as("nobody takes a run from a live server").isEqualTo(0L);
                }
                doomed.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                java.time.Instant killedAt = java.time.Instant.now();
                for (long run : doomedRuns) {
                    assertThat(store.dsl().fetchValue("select status from herald_run where id = ?", run)).isEqualTo("running");
                    assertThat(store.dsl().fetchValue("select count(*) from herald_message where run_id = ? and status = 'pending'", run))
                            .as("killed while run %s still had messages to send", run).isNotEqualTo(0L);
                }

                List<Long> all = new ArrayList<>(doomedRuns);
                all.addAll(survivorRuns);
                await(() -> all.stream().allMatch(run -> "finished".equals(store.dsl().fetchValue(
                        "select status from herald_run where id = ?", run))), "every run finished; the survivor said: " + survivor.lines);

                for (long run : all) {
                    assertThat(store.dsl().fetchValue("select count(*) from herald_run_log where run_id = ? and message = 'finished'", run))
                            .as("run %s finished once", run).isEqualTo(1L);
                    assertThat(store.dsl().fetchValue("select count(*) from herald_run_activity where run_id = ? and status <> 'done'", run))
                            .as("every activity of run %s done", run).isEqualTo(0L);
                    assertThat(store.dsl().fetchValue("select count(*) from herald_message where run_id = ? and status = 'pending'", run))
                            .isEqualTo(0L);
                    assertThat(store.dsl().fetch("select activity, count(*) from herald_run_log where run_id = ? and message like 'started (%' "
                            + "group by activity having count(*) > 1", run)).as("activities of run %s started twice", run)
                            .hasSizeLessThanOrEqualTo(doomedRuns.contains(run) ? 1 : 0);
                }
                for (long run : doomedRuns) {
                    java.time.OffsetDateTime resumed = store.dsl().fetchOne("select min(\"at\") from herald_run_log where run_id = ? "
                            + "and message = 'resumed (was running)'", run).get(0, java.time.OffsetDateTime.class);
                    assertThat(resumed).as("run %s was taken over", run).isNotNull();
                    assertThat(resumed.toInstant()).as("taken over once its lease (4 s, the last beat at most 1.3 s before the kill) ran out")
                            .isAfter(killedAt.plusSeconds(2));
                }
                String counts = "select a.activity, a.rows_in, a.rows_out from herald_run_activity a where a.run_id = ? order by a.activity";
                Object[][] reference = store.dsl().fetch(counts, survivorRuns.get(0)).intoArrays();
                for (long run : all) {
                    assertThat(store.dsl().fetch(counts, run).intoArrays()).as("run %s counts as an uninterrupted run", run)
                            .isDeepEqualTo(reference);
                    assertThat(sent(store, run)).isEqualTo(sent(store, survivorRuns.get(0)));
                }
                assertThat(store.dsl().fetchValue("select count(*) - count(distinct message_id) from herald_outbox"))
                        .as("no message sent twice").isEqualTo(0L);
                assertThat(store.dsl().fetchValue("select count(*) from herald_outbox")).as("every message the log says sent went out")
                        .isEqualTo(store.dsl().fetchValue("select count(*) from herald_message where status = 'sent'"));
                assertThat(store.dsl().fetchValue("select count(*) from herald_run where driver is not null"))
                        .as("a run that ended is driven by nobody").isEqualTo(0L);
                await(() -> "finished".equals(store.dsl().fetchValue("select max(status) from herald_run where campaign = 'scheduled_once'")),
                        "the scheduled campaign's run finished");
                assertThat(store.dsl().fetchValue("select count(*) from herald_run where campaign = 'scheduled_once'"))
                        .as("one run for the moment, though two servers saw it due").isEqualTo(1L);
                assertThat(store.dsl().fetchOne("select scheduled_for from herald_schedule_run where campaign = 'scheduled_once'")
                        .get(0, java.time.OffsetDateTime.class).toInstant()).isEqualTo(moment);
                List<JsonNode> logged = new ArrayList<>();
                for (String line : survivor.lines) {
                    if (line.startsWith("{")) {
                        logged.add(json.readTree(line));
                    }
                }
                assertThat(logged).as("the survivor logs JSON lines (HERALD_LOG_FORMAT=json)").anySatisfy(l -> {
                    assertThat(l.path("level").asText()).isEqualTo("INFO");
                    assertThat(l.path("loggerName").asText()).isEqualTo("dev.herald.server.RunScheduler");
                    assertThat(l.path("message").asText()).contains("driven by this server");
                });
            }
        } finally {
            doomed.process.destroyForcibly();
            survivor.stop();
        }
    }

    @Test
    void a_server_stopped_with_sigterm_hands_its_run_over_at_once_and_the_other_finishes_it_sending_nothing_twice() throws Exception {
        Path ws = workspace("handover", 30); // a long lease: a run taken within seconds was handed over, not found silent
        String key = token(Cli.ok("-w", ws.toString(), "key", "create", "--role", "operator", "--name", "hand-over"));
        String campaign = Files.readString(Path.of(SeveralServersIT.class.getResource("/crash/campaign.yaml").getPath()))
                .replace("rate: 1500", "rate: 300");
        Server leaving = new Server(ws, "text");
        Server staying = new Server(ws, "text");
        try (Store store = Store.open(Workspace.open(ws).store())) {
            long run = start(leaving, key, campaign);
            await(() -> sent(store, run) > 50, "the run is sending");
            leaving.stop(); // SIGTERM: the batch under way is finished, the run given up still running
            java.time.Instant stoppedAt = java.time.Instant.now();
            assertThat(leaving.process.exitValue()).as("ended by SIGTERM after its shutdown; it said: %s", leaving.lines).isEqualTo(143);
            assertThat(store.dsl().fetchValue("select status from herald_run where id = ?", run)).isEqualTo("running");
            assertThat(store.dsl().fetchValue("select driver from herald_run where id = ?", run)).as("given up, not left to its lease").isNull();

            await(() -> "finished".equals(store.dsl().fetchValue("select status from herald_run where id = ?", run)),
                    "the other server finished the run; it said: " + staying.lines);
            java.time.OffsetDateTime resumed = store.dsl().fetchOne("select min(\"at\") from herald_run_log where run_id = ? "
                    + "and message = 'resumed (was running)'", run).get(0, java.time.OffsetDateTime.class);
            assertThat(resumed).isNotNull();
            assertThat(resumed.toInstant()).as("taken at the next look for runs (every 5 s), not after the 30-second lease")
                    .isBefore(stoppedAt.plusSeconds(15));
            assertThat(store.dsl().fetchValue("select count(*) from herald_message where run_id = ? and status = 'pending'", run)).isEqualTo(0L);
            assertThat(store.dsl().fetchValue("select count(*) - count(distinct message_id) from herald_outbox")).as("no message sent twice")
                    .isEqualTo(0L);
            assertThat(store.dsl().fetchValue("select count(*) from herald_outbox")).isEqualTo((long) sent(store, run));
            assertThat(store.dsl().fetch("select activity from herald_run_log where run_id = ? and message like 'started (%' "
                    + "group by activity having count(*) > 1", run)).as("only the delivery under way goes on on the other server")
                    .hasSizeLessThanOrEqualTo(1);
        } finally {
            leaving.process.destroyForcibly();
            staying.stop();
        }
    }

    private static long sent(Store store, long run) {
        return (Long) store.dsl().fetchValue("select count(*) from herald_message where run_id = ? and status = 'sent'", run);
    }

    private long start(Server server, String key, String campaign) throws Exception {
        String body = json.writeValueAsString(Map.of("document", campaign, "mode", "live", "now", NOW, "approve", true));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url + "/api/v1/runs"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode run = json.readTree(response.body());
        return run.get("id").asLong();
    }

    private Path workspace() throws IOException {
        return workspace("shared", 4);
    }

    private Path workspace(String name, int leaseSeconds) throws IOException {
        Path ws = dir.resolve(name);
        InitCommand.create(ws);
        Files.writeString(ws.resolve(Workspace.CONFIG_FILE), "store: '" + PostgresServer.shared().newDatabase() + "'\n"
                + "runs:\n  lease_seconds: " + leaseSeconds + "\n");
        Workspace workspace = Workspace.open(ws);
        Path data = ws.resolve("data/generated");
        new RetailGenerator(7, RetailGenerator.DEFAULT_AS_OF).generate(12_000, data);
        try (Store store = Store.open(workspace.store())) {
            new SchemaApplier(store).apply(workspace.schema(), false);
            for (String entity : List.of("product", "store", "profile", "purchase")) {
                new Importer(store, workspace.schema()).run(ImportRequest.of(entity, data.resolve(entity + ".csv"), ImportMode.INSERT));
            }
        }
        return ws;
    }

    private static String token(String printed) {
        Matcher m = Pattern.compile("hk_\\S+").matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        return m.group();
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 180 s for: %s", what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** {@code herald server --port 0} in a process of its own, on the test's classpath. */
    private static final class Server {
        final Process process;
        final List<String> lines;
        final String url;

        Server(Path ws, String logFormat) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    Herald.class.getName(), "-w", ws.toString(), "server", "--port", "0").redirectErrorStream(true);
            builder.environment().put("HERALD_LOG_FORMAT", logFormat);
            process = builder.start();
            lines = new ProcessOutput(process).lines();
            Pattern serves = Pattern.compile("Herald serves .* at (http://\\S+)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String found = null;
            while (found == null && process.isAlive() && System.nanoTime() < deadline) {
                found = lines.stream().map(serves::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
                Thread.sleep(20);
            }
            assertThat(found).as("the server said where it listens: %s", lines).isNotNull();
            url = found;
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
