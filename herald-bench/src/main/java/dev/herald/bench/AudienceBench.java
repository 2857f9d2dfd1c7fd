package dev.herald.bench;

import dev.herald.expr.CheckedExpression;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.store.load.Importer;
import dev.herald.expr.ExpressionChecker;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.store.Store;
import dev.herald.store.audience.Audiences;
import dev.herald.testkit.PostgresServer;
import dev.herald.workspace.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Five reference audiences counted by Herald (check + compile + execute) against hand-written SQL
 * for the same question, on the same store, in the same run.
 *
 * <pre>herald-bench/run AudienceBench [--profiles 1000000] [--stores duckdb,postgres] [--runs 15]</pre>
 *
 * <p>Both sides are warmed up alike, then timed alternately; each figure is the median.
 */
public final class AudienceBench {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    record Reference(String name, String expression, String sql, int timestamps) {
    }

    static final List<Reference> REFERENCES = List.of(
            new Reference("A1 attribute filter",
                    "profile.country == \"FR\" && profile.email_consent && profile.loyalty_tier in [\"gold\", \"platinum\"]",
                    "select count(*) from profile where country = 'FR' and email_consent and loyalty_tier in ('gold', 'platinum')", 0),
            new Reference("A2 spend in the last 90 days > 200",
                    "profile.purchases.filter(p, p.at > daysAgo(90)).map(p, p.amount).sum() > 200.0",
                    "select count(*) from profile where id in "
                            + "(select profile_id from purchase where \"at\" > ? group by profile_id having sum(amount) > 200)", 1),
            new Reference("A3 no checkout in the last 7 days",
                    "profile.email_consent && !profile.events.exists(e, e.at > daysAgo(7) && e.type == \"checkout_start\")",
                    "select count(*) from profile pr where email_consent and not exists (select 1 from web_event e "
                            + "where e.profile_id = pr.id and e.\"at\" > ? and e.type = 'checkout_start')", 1),
            new Reference("A4 two hops: shoes bought in a French store",
                    "profile.purchases.exists(p, p.product.category == \"shoes\" && p.store.country == \"FR\")",
                    "select count(*) from profile pr where exists (select 1 from purchase p join product pd on pd.id = p.product_id "
                            + "join store s on s.id = p.store_id where p.profile_id = pr.id and pd.category = 'shoes' and s.country = 'FR')", 0),
            new Reference("A5 all of them",
                    "profile.email_consent && profile.country in [\"FR\", \"DE\"] "
                            + "&& profile.purchases.filter(p, p.at > daysAgo(90)).map(p, p.amount).sum() > 200.0 "
                            + "&& !profile.events.exists(e, e.at > daysAgo(7) && e.type == \"checkout_start\") "
                            + "&& profile.purchases.exists(p, p.product.category == \"shoes\" && p.store.country == \"FR\")",
                    "select count(*) from profile pr where email_consent and country in ('FR', 'DE') "
                            + "and (select coalesce(sum(amount), 0) from purchase p where p.profile_id = pr.id and p.\"at\" > ?) > 200 "
                            + "and not exists (select 1 from web_event e where e.profile_id = pr.id and e.\"at\" > ? and e.type = 'checkout_start') "
                            + "and exists (select 1 from purchase p join product pd on pd.id = p.product_id join store s on s.id = p.store_id "
                            + "where p.profile_id = pr.id and pd.category = 'shoes' and s.country = 'FR')", 2));

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ImportBench.Options.parse(args);
        long profiles = Long.parseLong(options.getOrDefault("profiles", "1000000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "15"));
        List<String> stores = List.of(options.getOrDefault("stores", "duckdb,postgres").split(","));
        Path data = Path.of(options.getOrDefault("data", "target/bench-data/" + profiles));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "target/bench-work")));
        Schema schema = SchemaParser.parse(Path.of(options.getOrDefault("schema", "../examples/retail/schema.yaml")));
        ImportBench.Data.ensure(data, profiles);
        System.out.printf(Locale.ROOT, "Audience benchmark: %,d profiles, %d runs (median), %d cores%n", profiles, runs,
                Runtime.getRuntime().availableProcessors());
        List<String> table = new ArrayList<>();
        for (String kind : stores) {
            try (Store store = Store.open(load(kind, schema, data, work, profiles))) {
                ExpressionChecker checker = new ExpressionChecker(schema);
                for (Reference ref : REFERENCES) {
                    double[] herald = new double[runs];
                    double[] hand = new double[runs];
                    long heraldCount = 0;
                    long handCount = 0;
                    // warm up both sides alike (JIT, caches, the engine's buffers), then measure
                    for (int warm = 0; warm < Math.max(3, runs / 2); warm++) {
                        heraldCount = heraldCount(checker, store, schema, ref);
                        handCount = handCount(store, ref);
                    }
                    for (int run = 0; run < runs; run++) {
                        long t0 = System.nanoTime();
                        heraldCount = heraldCount(checker, store, schema, ref);
                        long t1 = System.nanoTime();
                        handCount = handCount(store, ref);
                        long t2 = System.nanoTime();
                        herald[run] = (t1 - t0) / 1e9;
                        hand[run] = (t2 - t1) / 1e9;
                    }
                    if (heraldCount != handCount) {
                        throw new IllegalStateException(ref.name() + ": Herald counted " + heraldCount + ", hand-written SQL " + handCount);
                    }
                    double[] checks = new double[runs];
                    for (int run = 0; run < runs; run++) {
                        long t0 = System.nanoTime();
                        checker.check(ref.expression());
                        checks[run] = (System.nanoTime() - t0) / 1e9;
                    }
                    System.out.printf(Locale.ROOT, "  %-8s %-45s check alone %.4f s%n", kind, ref.name(), median(checks));
                    double h = median(herald);
                    double s = median(hand);
                    System.out.printf(Locale.ROOT, "  %-8s %-45s %,10d  herald %7.3f s  hand %7.3f s  %.2f×%n", kind, ref.name(),
                            heraldCount, h, s, h / s);
                    table.add(String.format(Locale.ROOT, "| %s | %,d | %s | %,d | %.3f s | %.3f s | **%.2f×** |", kind, profiles,
                            ref.name(), heraldCount, h, s, h / s));
                }
            }
        }
        System.out.println();
        System.out.println("| store | profiles | audience | members | Herald (check + compile + count) | hand-written SQL | ratio |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|");
        table.forEach(System.out::println);
    }

    private static long heraldCount(ExpressionChecker checker, Store store, Schema schema, Reference ref) {
        CheckedExpression e = checker.check(ref.expression());
        return new Audiences(store, schema, Map.of(), NOW).count(e);
    }

    private static long handCount(Store store, Reference ref) {
        return store.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(ref.sql())) {
                OffsetDateTime ninety = OffsetDateTime.ofInstant(NOW.minus(90, ChronoUnit.DAYS), ZoneOffset.UTC);
                OffsetDateTime seven = OffsetDateTime.ofInstant(NOW.minus(7, ChronoUnit.DAYS), ZoneOffset.UTC);
                if (ref.timestamps() >= 1) {
                    ps.setObject(1, ref.sql().contains("web_event e where") && ref.timestamps() == 1 ? seven : ninety);
                }
                if (ref.timestamps() == 2) {
                    ps.setObject(2, seven);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The store with the dataset imported: a DuckDB file reused between runs, or a fresh PostgreSQL database. */
    static StoreLocation load(String kind, Schema schema, Path data, Path work, long profiles) throws Exception {
        StoreLocation location;
        Path marker;
        if (kind.equals("duckdb")) {
            location = StoreLocation.duckdb(work.resolve("audience-" + profiles + ".duckdb"));
            marker = work.resolve("audience-" + profiles + ".loaded");
            if (Files.exists(marker)) {
                return location;
            }
            Files.deleteIfExists(location.duckDbFile());
        } else {
            location = new StoreLocation(PostgresServer.shared().newDatabase());
            marker = null;
        }
        long started = System.nanoTime();
        try (Store store = Store.open(location)) {
            new SchemaApplier(store).apply(schema, false);
            for (String entity : Arrays.asList("product", "store", "profile", "purchase", "web_event")) {
                new Importer(store, schema).run(ImportRequest.of(entity, data.resolve(entity + ".csv"), ImportMode.INSERT)
                        .withRejectsFile(work.resolve(entity + ".rejects.csv")));
            }
            if (kind.equals("postgres")) {
                store.dsl().execute("analyze");
            }
        }
        System.out.printf(Locale.ROOT, "Loaded %s in %.1f s%n", kind, (System.nanoTime() - started) / 1e9);
        if (marker != null) {
            Files.writeString(marker, "ok");
        }
        return location;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
