package dev.herald.bench;

import dev.herald.app.Application;
import dev.herald.app.campaign.CampaignService;
import dev.herald.app.run.RunListener;
import dev.herald.app.run.RunService;
import dev.herald.campaign.plan.Plan;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.store.Store;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.store.run.Runs;
import dev.herald.campaign.run.TransitionRecord;
import dev.herald.store.run.Worktables;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.time.Clock;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reference campaign R1 prepared by Herald (a test run: every step up to the resolved message log)
 * against the same steps written by hand in SQL, on the same store, in the same process.
 *
 * <pre>herald-bench/run CampaignBench [--profiles 1000000] [--stores duckdb,postgres] [--runs 3]</pre>
 *
 * <p>Before measuring, 10% of the profiles get a message sent three days earlier, so that the
 * exclusion has work to do, and each side runs once unmeasured; then the two alternate. Each side's results are compared (every step's count) and the bench
 * fails if they differ. The heap in use is sampled while Herald runs.
 */
public final class CampaignBench {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final String EMAIL = "^[^@[:space:]]+@[^@[:space:].]+(\\.[^@[:space:].]+)+$";
    private static final List<String> STEPS = List.of("buyers", "messaged", "fresh", "unique", "spend", "tiers", "email_gold",
            "email_silver", "email_bronze");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ImportBench.Options.parse(args);
        long profiles = Long.parseLong(options.getOrDefault("profiles", "1000000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        List<String> stores = List.of(options.getOrDefault("stores", "duckdb,postgres").split(","));
        Path data = Path.of(options.getOrDefault("data", "target/bench-data/" + profiles));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "target/bench-work")));
        Path schemaFile = Path.of(options.getOrDefault("schema", "../examples/retail/schema.yaml"));
        Schema schema = SchemaParser.parse(schemaFile);
        String yaml;
        try (InputStream in = CampaignBench.class.getResourceAsStream("/r1/campaign.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ImportBench.Data.ensure(data, profiles);
        System.out.printf(Locale.ROOT, "Campaign benchmark R1: %,d profiles, %d runs, %d cores, max heap %d MB%n", profiles, runs,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        List<String> table = new ArrayList<>();
        for (String kind : stores) {
            StoreLocation location = AudienceBench.load(kind, schema, data, work, profiles);
            Path workspace = Files.createDirectories(work.resolve("workspace-" + kind));
            Files.writeString(workspace.resolve(Workspace.SCHEMA_FILE), Files.readString(schemaFile));
            try (Application app = Application.open(Workspace.open(workspace), location, Clock.systemUTC())) {
                Store store = app.store();
                seedMessages(store, profiles);
                cleanHand(store);
                RunService runner = app.runs();
                Runs recorded = new Runs(store);
                CampaignService.Published published = app.campaigns().publish(yaml, "r1");
                Plan plan = published.plan();
                CampaignVersion version = published.version();
                Map<String, List<Double>> herald = new LinkedHashMap<>();
                Map<String, List<Double>> hand = new LinkedHashMap<>();
                List<Double> heraldTotal = new ArrayList<>();
                List<Double> handTotal = new ArrayList<>();
                long peakHeap = 0;
                // both sides once, unmeasured: the JIT, the engine's caches and the operating system's pages warm alike
                cleanHerald(store, recorded, runner.start(plan, version, RunOptions.live().withApproval().asTest().at(NOW).sleepingAtMost(Duration.ZERO), RunListener.QUIET));
                handWritten(store, new LinkedHashMap<>());
                cleanHand(store);
                for (int run = 0; run < runs; run++) {
                    boolean heraldFirst = run % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        if ((side == 0) == heraldFirst) {
                            HeapSampler heap = new HeapSampler();
                            heap.start();
                            long t0 = System.nanoTime();
                            RunRecord r = runner.start(plan, version, RunOptions.live().withApproval().asTest().at(NOW).sleepingAtMost(Duration.ZERO), RunListener.QUIET);
                            double total = (System.nanoTime() - t0) / 1e9;
                            peakHeap = Math.max(peakHeap, heap.peak());
                            heraldTotal.add(total);
                            Map<String, Long> counts = counts(recorded, r);
                            Map<String, ActivityRecord> activities = recorded.activities(r.id());
                            for (String step : STEPS) {
                                ActivityRecord a = activities.get(step);
                                herald.computeIfAbsent(step, k -> new ArrayList<>())
                                        .add(Duration.between(a.startedAt(), a.endedAt()).toNanos() / 1e9);
                            }
                            System.out.printf(Locale.ROOT, "  %-8s run %d  herald %7.2f s  %s%n", kind, run, total, counts);
                            cleanHerald(store, recorded, r);
                            verify(kind, counts, null);
                            lastHerald = counts;
                        } else {
                            Map<String, Double> times = new LinkedHashMap<>();
                            long t0 = System.nanoTime();
                            Map<String, Long> counts = handWritten(store, times);
                            double total = (System.nanoTime() - t0) / 1e9;
                            handTotal.add(total);
                            times.forEach((step, t) -> hand.computeIfAbsent(step, k -> new ArrayList<>()).add(t));
                            System.out.printf(Locale.ROOT, "  %-8s run %d  hand   %7.2f s  %s%n", kind, run, total, counts);
                            cleanHand(store);
                            lastHand = counts;
                        }
                    }
                    verify(kind, lastHerald, lastHand);
                }
                for (String step : STEPS) {
                    double h = best(herald.get(step));
                    double s = best(hand.get(step));
                    table.add(String.format(Locale.ROOT, "| %s | %,d | %s | %.2f s | %.2f s | %.2f× |", kind, profiles, step, h, s, h / s));
                }
                double h = best(heraldTotal);
                double s = best(handTotal);
                table.add(String.format(Locale.ROOT, "| %s | %,d | **total** | **%.2f s** | **%.2f s** | **%.2f×** |", kind, profiles,
                        h, s, h / s));
                System.out.printf(Locale.ROOT, "  %-8s peak heap in use while Herald ran: %d MB; all runs: Herald %s, hand %s%n", kind,
                        peakHeap >> 20, seconds(heraldTotal), seconds(handTotal));
                new Worktables(store, recorded).purge(Instant.now().plusSeconds(60));
            }
        }
        System.out.println();
        System.out.println("| store | profiles | step | Herald | hand-written SQL | ratio |");
        System.out.println("|---|---:|---|---:|---:|---:|");
        table.forEach(System.out::println);
    }

    private static Map<String, Long> lastHerald;
    private static Map<String, Long> lastHand;

    /** Every step's population (emails: the messages ready to send), as Herald recorded it. */
    private static Map<String, Long> counts(Runs runs, RunRecord r) {
        Map<String, TransitionRecord> t = runs.transitions(r.id());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : List.of("buyers.out", "messaged.out", "fresh.out", "unique.out", "spend.out", "tiers.control",
                "tiers.gold", "tiers.silver", "tiers.bronze", "email_gold.out", "email_silver.out", "email_bronze.out")) {
            counts.put(name, t.get(name).rows());
        }
        return counts;
    }

    private static void verify(String kind, Map<String, Long> herald, Map<String, Long> hand) {
        if (hand != null && herald != null && !herald.equals(hand)) {
            throw new IllegalStateException(kind + ": Herald and the hand-written SQL disagree:\n  herald " + herald + "\n  hand   " + hand);
        }
    }

    /** 10% of the profiles were sent a message three days ago. */
    private static void seedMessages(Store store, long profiles) throws SQLException {
        store.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM herald_message WHERE campaign IN ('bench_seed', 'r1', 'r1_hand')");
                s.execute("DELETE FROM herald_outbox");
            }
            String sql = "INSERT INTO herald_message (id, delivery_id, campaign, activity, run_id, channel, dimension, recipient_id, "
                    + "address, status, created_at, sent_at) SELECT id, 0, 'bench_seed', 'seed', 0, 'email', 'profile', id, email, 'sent', ?, ? "
                    + "FROM profile WHERE id % 10 = 3";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                OffsetDateTime at = OffsetDateTime.ofInstant(NOW.minus(3, ChronoUnit.DAYS), ZoneOffset.UTC);
                ps.setObject(1, at);
                ps.setObject(2, at);
                ps.executeUpdate();
            }
            if (!store.isDuckDb()) {
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE herald_message");
                }
            }
            return null;
        });
    }

    private static void cleanHerald(Store store, Runs runs, RunRecord r) throws SQLException {
        store.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM herald_message WHERE run_id = " + r.id());
                for (String v : new Worktables(store, runs).viewsOf(r.id())) {
                    s.execute("DROP VIEW " + v);
                }
                for (String t : new Worktables(store, runs).tablesOf(r.id())) {
                    s.execute("DROP TABLE " + t);
                }
            }
            return null;
        });
    }

    private static void cleanHand(Store store) throws SQLException {
        store.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM herald_message WHERE campaign = 'r1_hand'");
                for (String t : List.of("h_buyers", "h_messaged", "h_fresh", "h_unique", "h_spend", "h_marked", "h_control", "h_gold",
                        "h_silver", "h_bronze", "h_sent_gold", "h_sent_silver", "h_sent_bronze")) {
                    s.execute("DROP TABLE IF EXISTS " + t);
                }
            }
            return null;
        });
    }

    /** The same steps, as one would write them by hand for this store. */
    private static Map<String, Long> handWritten(Store store, Map<String, Double> times) throws SQLException {
        boolean duck = store.isDuckDb();
        OffsetDateTime now = OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC);
        String hash = duck ? "hash(id, 9)" : "hashtextextended(id::text, 9)";
        String dedupHash = duck ? "hash(f.id, 1)" : "hashtextextended(f.id::text, 1)";
        String valid = duck ? "regexp_full_match(trim(p.email), '" + EMAIL + "')" : "(trim(p.email) ~ '" + EMAIL + "')";
        Map<String, Long> counts = new LinkedHashMap<>();
        // on DuckDB a semi-join written with IN runs several times faster than a correlated EXISTS; PostgreSQL plans both alike
        step(store, times, "buyers", duck
                ? "CREATE TABLE h_buyers AS SELECT id FROM profile p WHERE p.email_consent AND p.id IN "
                + "(SELECT x.profile_id FROM purchase x WHERE x.\"at\" > ?)"
                : "CREATE TABLE h_buyers AS SELECT id FROM profile p WHERE p.email_consent AND EXISTS "
                + "(SELECT 1 FROM purchase x WHERE x.profile_id = p.id AND x.\"at\" > ?)", now.minusDays(180));
        counts.put("buyers.out", count(store, "h_buyers"));
        step(store, times, "messaged", "CREATE TABLE h_messaged AS SELECT DISTINCT recipient_id AS id FROM herald_message "
                + "WHERE dimension = 'profile' AND status = 'sent' AND sent_at > ?", now.minusDays(7));
        counts.put("messaged.out", count(store, "h_messaged"));
        step(store, times, "fresh", duck ? "CREATE TABLE h_fresh AS SELECT b.id FROM h_buyers b WHERE b.id NOT IN (SELECT id FROM h_messaged)"
                : "CREATE TABLE h_fresh AS SELECT b.id FROM h_buyers b WHERE NOT EXISTS (SELECT 1 FROM h_messaged m WHERE m.id = b.id)");
        counts.put("fresh.out", count(store, "h_fresh"));
        step(store, times, "unique", "CREATE TABLE h_unique AS SELECT id FROM (SELECT f.id, p.email, row_number() OVER "
                + "(PARTITION BY p.email ORDER BY " + dedupHash + ", f.id) AS rn FROM h_fresh f JOIN profile p ON p.id = f.id) d "
                + "WHERE rn = 1 OR email IS NULL");
        counts.put("unique.out", count(store, "h_unique"));
        // on DuckDB a sum of a decimal(12,2) is a 128-bit decimal(38,2), ten times slower to store and read: narrowed
        String spend = duck ? "CAST(sum(amount) FILTER (WHERE \"at\" > ?) AS DECIMAL(18,2))" : "sum(amount) FILTER (WHERE \"at\" > ?)";
        step(store, times, "spend", "CREATE TABLE h_spend AS SELECT u.id, a.last_at AS last_purchase_at, coalesce(a.spend, 0) AS spend_12m "
                + "FROM h_unique u LEFT JOIN (SELECT profile_id, max(\"at\") AS last_at, " + spend + " AS spend "
                + "FROM purchase GROUP BY profile_id) a ON a.profile_id = u.id", now.minusDays(365));
        counts.put("spend.out", count(store, "h_spend"));
        long t0 = System.nanoTime();
        exec(store, "CREATE TABLE h_marked AS SELECT id, last_purchase_at, spend_12m, CASE WHEN rn <= floor(n * 10 / 100.0) THEN 'control' "
                + "WHEN spend_12m >= 1000 THEN 'gold' WHEN spend_12m >= 300 THEN 'silver' ELSE 'bronze' END AS tier "
                + "FROM (SELECT s.*, row_number() OVER (ORDER BY " + hash + ", id) AS rn, count(*) OVER () AS n FROM h_spend s) x");
        for (String tier : List.of("control", "gold", "silver", "bronze")) {
            exec(store, "CREATE TABLE h_" + tier + " AS SELECT id, last_purchase_at, spend_12m FROM h_marked WHERE tier = '" + tier + "'");
            counts.put("tiers." + tier, count(store, "h_" + tier));
        }
        times.put("tiers", (System.nanoTime() - t0) / 1e9);
        AtomicLong delivery = new AtomicLong(1_000_000);
        for (String tier : List.of("gold", "silver", "bronze")) {
            long d = delivery.incrementAndGet();
            step(store, times, "email_" + tier, "INSERT INTO herald_message (id, delivery_id, campaign, activity, run_id, channel, "
                    + "dimension, recipient_id, address, status, reason, created_at) SELECT " + (d << 32) + " + row_number() OVER "
                    + "(ORDER BY id), " + d + ", 'r1_hand', 'email_" + tier + "', 0, 'email', 'profile', id, email, CASE WHEN reason "
                    + "IS NULL THEN 'prepared' ELSE 'excluded' END, reason, ? FROM (SELECT id, email, coalesce(r, CASE WHEN row_number() "
                    + "OVER (PARTITION BY CASE WHEN r IS NULL THEN lower(trim(email)) END ORDER BY id) > 1 THEN 'duplicate_address' END) "
                    + "AS reason FROM (SELECT g.id, p.email, CASE WHEN p.email IS NULL OR trim(p.email) = '' THEN 'no_address' "
                    + "WHEN NOT " + valid + " THEN 'invalid_address' WHEN p.email_consent IS NOT TRUE THEN 'no_consent' END AS r "
                    + "FROM h_" + tier + " g JOIN profile p ON p.id = g.id) x) y", now);
            counts.put("email_" + tier + ".out", ((Number) store.dsl().fetchValue("SELECT count(*) FROM herald_message WHERE delivery_id = "
                    + d + " AND status = 'prepared'")).longValue());
        }
        return counts;
    }

    private static void step(Store store, Map<String, Double> times, String name, String sql, Object... parameters) throws SQLException {
        store.withConnection(c -> {
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                ps.execute();
            }
            times.put(name, (System.nanoTime() - t0) / 1e9);
            return null;
        });
    }

    private static void exec(Store store, String sql) throws SQLException {
        store.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    private static long count(Store store, String table) {
        return ((Number) store.dsl().fetchValue("SELECT count(*) FROM " + table)).longValue();
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static String seconds(List<Double> values) {
        return String.join(" / ", values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    /** Samples the heap in use every 20 ms; {@link #peak()} stops it and gives the peak. */
    static final class HeapSampler extends Thread {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile boolean running = true;
        private long peak;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peak() throws InterruptedException {
            running = false;
            join();
            return peak;
        }
    }
}
