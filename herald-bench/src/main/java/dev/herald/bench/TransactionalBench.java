package dev.herald.bench;

import dev.herald.app.Application;
import dev.herald.app.demo.RetailGenerator;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.security.Role;
import dev.herald.server.HeraldServer;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Transactional messages: {@code POST /api/v1/messages} on the loopback, one call after another
 * (each one's latency as its client sees it — the server's time and the HTTP exchange), each to
 * another profile with its own idempotency key, through the compliance rules, rendered and written
 * to the outbox channel. In the same run, the floor: the same two rows (the message log's and the
 * outbox's) written by hand-written SQL in one transaction per message, on the same store.
 *
 * <pre>herald-bench/run TransactionalBench [--profiles 100000] [--messages 3000]</pre>
 */
public final class TransactionalBench {

    private static final String CAMPAIGN = """
            id: receipt
            name: Order receipt
            variables: { order: "none" }
            activities:
              - { id: customers, type: build-audience, expression: has(profile.email) }
              - id: mail
                type: email
                from: [customers]
                category: transactional
                subject: "Your order {{ vars.order }}, {{ profile.first_name }}"
                body: "<p>Hello {{ profile.first_name }}, thank you for order {{ vars.order }}.</p><a href='https://shop.example/o/{{ vars.order }}'>See it</a>"
            """;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ImportBench.Options.parse(args);
        int profiles = Integer.parseInt(options.getOrDefault("profiles", "100000"));
        int messages = Integer.parseInt(options.getOrDefault("messages", "3000"));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "target/bench-work")).resolve("transactional"));
        Path workspace = Files.createDirectories(work.resolve("workspace"));
        Files.copy(Path.of("../examples/retail/schema.yaml"), workspace.resolve(Workspace.SCHEMA_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(workspace.resolve(Workspace.CONFIG_FILE), "tracking:\n  base_url: https://t.shop.example\n");
        Path store = work.resolve("transactional.duckdb");
        Files.deleteIfExists(store);
        Path data = work.resolve("data");
        new RetailGenerator(42, RetailGenerator.DEFAULT_AS_OF).generate(profiles, data);
        System.out.printf(Locale.ROOT, "Transactional benchmark: %,d profiles, %,d messages one after another, DuckDB, %d cores, max heap %d MB%n",
                profiles, messages, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (Application app = Application.open(Workspace.open(workspace), StoreLocation.duckdb(store), Clock.systemUTC())) {
            app.schemas().apply(false);
            app.imports().importFile(ImportRequest.of("profile", data.resolve("profile.csv"), ImportMode.INSERT));
            app.campaigns().publish(CAMPAIGN, "receipt.yaml");
            List<Long> recipients = app.store().dsl().fetch("select id from profile where regexp_matches(email, '^[a-z0-9._+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}$') order by id")
                    .getValues(0, Long.class);
            String key = app.access().create("bench", Role.OPERATOR, null).token();
            try (HeraldServer server = HeraldServer.start(app, "127.0.0.1", 0)) {
                HttpClient http = HttpClient.newHttpClient();
                post(http, server.url(), key, recipients.get(0), "warm-0"); // the first call makes the run and delivery that hold the messages
                for (int i = 1; i < 500; i++) { // warm up the JIT
                    post(http, server.url(), key, recipients.get(i % recipients.size()), "warm-" + i);
                }
                long[] herald = new long[messages];
                long sentBefore = sent(app);
                for (int i = 0; i < messages; i++) {
                    long t = System.nanoTime();
                    String refused = post(http, server.url(), key, recipients.get((500 + i) % recipients.size()), "order-" + i);
                    herald[i] = System.nanoTime() - t;
                    if (refused != null) {
                        throw new IllegalStateException("message " + i + " answered " + refused);
                    }
                }
                long sent = sent(app) - sentBefore;
                long[] raw = rawSql(app, recipients, messages);
                System.out.println();
                System.out.println("| per message | p50 ms | p90 ms | p99 ms | max ms | messages/s |");
                System.out.println("|---|---:|---:|---:|---:|---:|");
                row("Herald: POST /api/v1/messages → outbox", herald);
                row("hand-written SQL: message row + outbox row, one transaction", raw);
                System.out.printf(Locale.ROOT, "p99 Herald / hand-written SQL: %.1f×; messages the log says sent: %,d of %,d%n",
                        percentile(herald, 0.99) / percentile(raw, 0.99), sent, messages);
            }
        }
    }

    private static String post(HttpClient http, String url, String key, long recipient, String idempotency) throws Exception {
        String body = "{\"campaign\": \"receipt\", \"activity\": \"mail\", \"recipient\": \"" + recipient + "\", \"variables\": {\"order\": \""
                + idempotency + "\"}}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/messages")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotency)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 201 ? null : r.statusCode() + " " + r.body();
    }

    /** The floor: per message, the recipient read and the two rows Herald writes at least, by hand, in one transaction each. */
    private static long[] rawSql(Application app, List<Long> recipients, int messages) {
        var dsl = app.store().dsl();
        dsl.execute("create table raw_message as select * from herald_message limit 0");
        dsl.execute("create table raw_outbox as select * from herald_outbox limit 0");
        long[] took = new long[messages];
        for (int i = 0; i < messages; i++) {
            int n = i;
            long t = System.nanoTime();
            long recipient = recipients.get(i % recipients.size());
            app.store().inTransaction(() -> {
                var profile = dsl.fetchOne("select email, first_name from profile where id = ?", recipient);
                String email = profile.get(0, String.class);
                String name = profile.get(1, String.class);
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                dsl.execute("insert into raw_message (id, delivery_id, campaign, activity, run_id, channel, dimension, recipient_id, address, "
                        + "status, created_at) values (?, 1, 'receipt', 'mail', 1, 'email', 'profile', ?, ?, 'sent', ?)", n, recipient, email, now);
                dsl.execute("insert into raw_outbox (message_id, delivery_id, channel, address, subject, body, created_at) "
                        + "values (?, 1, 'email', ?, ?, ?, ?)", n, email, "Your order order-" + n + ", " + name,
                        "<p>Hello " + name + ", thank you for order order-" + n + ".</p>", now);
                return null;
            });
            took[i] = System.nanoTime() - t;
        }
        return took;
    }

    private static long sent(Application app) {
        return ((Number) app.store().dsl().fetchValue("select count(*) from herald_message where campaign = 'receipt' and status = 'sent'"))
                .longValue();
    }

    private static void row(String what, long[] nanos) {
        double total = Arrays.stream(nanos).sum() / 1e9;
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %,.0f |%n", what, percentile(nanos, 0.5), percentile(nanos, 0.9),
                percentile(nanos, 0.99), Arrays.stream(nanos).max().orElse(0) / 1e6, nanos.length / total);
    }

    /** The {@code q} quantile in milliseconds. */
    private static double percentile(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
