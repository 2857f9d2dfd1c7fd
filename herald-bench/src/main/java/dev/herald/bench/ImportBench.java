package dev.herald.bench;

import dev.herald.load.ImportMode;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.store.load.Importer;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.store.Store;
import dev.herald.testkit.PostgresServer;
import dev.herald.app.demo.RetailGenerator;
import dev.herald.workspace.StoreLocation;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;

/**
 * Import of the generated retail dataset (profiles + purchases) through Herald, against the
 * engine's raw bulk load of the same files into the same tables, in the same run:
 * DuckDB {@code COPY … FROM 'file'} and PostgreSQL {@code COPY … FROM STDIN} through the JDBC driver.
 *
 * <pre>herald-bench/run ImportBench [--profiles 1000000] [--runs 3] [--stores duckdb,postgres]</pre>
 */
public final class ImportBench {

    private static final List<String> ENTITIES = List.of("profile", "purchase");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        long profiles = Long.parseLong(options.getOrDefault("profiles", "1000000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        List<String> stores = List.of(options.getOrDefault("stores", "duckdb,postgres").split(","));
        Path data = Path.of(options.getOrDefault("data", "target/bench-data/" + profiles));
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "target/bench-work")));
        Schema schema = SchemaParser.parse(Path.of(options.getOrDefault("schema", "../examples/retail/schema.yaml")));
        Data.ensure(data, profiles);
        long rows = 0;
        for (String e : ENTITIES) {
            rows += Data.lines(data.resolve(e + ".csv")) - 1;
        }
        System.out.printf(Locale.ROOT, "Import benchmark: %,d profiles, %,d rows (profile + purchase), %d runs, %d cores, max heap %d MB%n",
                profiles, rows, runs, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        List<String> table = new ArrayList<>();
        for (String kind : stores) {
            double[] herald = {Double.MAX_VALUE, Double.MAX_VALUE};
            double[] raw = {Double.MAX_VALUE, Double.MAX_VALUE};
            for (int run = 1; run <= runs; run++) {
                // alternate the order so that neither side always runs on a warmer machine
                if (run % 2 == 1) {
                    best(raw, rawRun(kind, schema, data, work, run));
                    best(herald, heraldRun(kind, schema, data, work, run));
                } else {
                    best(herald, heraldRun(kind, schema, data, work, run));
                    best(raw, rawRun(kind, schema, data, work, run));
                }
            }
            // the CPU time of this process is all of DuckDB's work; PostgreSQL works in its own process
            String cpu = kind.equals("duckdb") ? String.format(Locale.ROOT, "%.2f / %.2f s = %.2f×", herald[1], raw[1], herald[1] / raw[1]) : "—";
            table.add(String.format(Locale.ROOT, "| %s | %,d | %.2f s | %,.0f rows/s | %.2f s | %,.0f rows/s | **%.2f×** | %s |",
                    kind, rows, herald[0], rows / herald[0], raw[0], rows / raw[0], herald[0] / raw[0], cpu));
        }
        System.out.println();
        System.out.println("| store | rows | Herald import | Herald rows/s | raw COPY | raw rows/s | Herald / raw | CPU time, Herald / raw |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        table.forEach(System.out::println);
    }

    /** Keeps the best wall time and the best CPU time of the runs. */
    private static void best(double[] best, double[] run) {
        best[0] = Math.min(best[0], run[0]);
        best[1] = Math.min(best[1], run[1]);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static StoreLocation fresh(String kind, Path work, String name) throws IOException {
        if (kind.equals("duckdb")) {
            Path file = work.resolve(name + ".duckdb");
            Files.deleteIfExists(file);
            Files.deleteIfExists(work.resolve(name + ".duckdb.wal"));
            return StoreLocation.duckdb(file);
        }
        return new StoreLocation(PostgresServer.shared().newDatabase());
    }

    /** Wall and CPU seconds of Herald's import of the files. */
    private static double[] heraldRun(String kind, Schema schema, Path data, Path work, int run) throws IOException {
        try (Store store = Store.open(fresh(kind, work, "herald-" + run))) {
            new SchemaApplier(store).apply(schema, false);
            double cpu = cpuSeconds();
            long started = System.nanoTime();
            for (String entity : ENTITIES) {
                ImportSummary s = new Importer(store, schema).run(ImportRequest.of(entity, data.resolve(entity + ".csv"), ImportMode.INSERT)
                        .withRejectsFile(work.resolve(entity + ".rejects.csv")));
                if (s.rejected() > 0 || s.rolledBack()) {
                    throw new IllegalStateException("unexpected rejects: " + s.describe());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            cpu = cpuSeconds() - cpu;
            System.out.printf(Locale.ROOT, "  %-8s run %d  herald %6.2f s (CPU %6.2f s)%n", kind, run, seconds, cpu);
            return new double[] {seconds, cpu};
        }
    }

    private static double[] rawRun(String kind, Schema schema, Path data, Path work, int run) throws Exception {
        try (Store store = Store.open(fresh(kind, work, "raw-" + run))) {
            new SchemaApplier(store).apply(schema, false);
            double cpu = cpuSeconds();
            long started = System.nanoTime();
            for (String entity : ENTITIES) {
                Path file = data.resolve(entity + ".csv").toAbsolutePath();
                store.withConnection(c -> {
                    if (kind.equals("duckdb")) {
                        try (Statement s = c.createStatement()) {
                            s.execute("COPY " + entity + " FROM " + store.dsl().render(DSL.inline(file.toString())) + " (HEADER)");
                        }
                    } else {
                        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + entity + " FROM STDIN (FORMAT csv, HEADER)", in);
                        }
                    }
                    return null;
                });
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            cpu = cpuSeconds() - cpu;
            System.out.printf(Locale.ROOT, "  %-8s run %d  raw    %6.2f s (CPU %6.2f s)%n", kind, run, seconds, cpu);
            return new double[] {seconds, cpu};
        }
    }

    /** The generated dataset, written once per size and reused. */
    static final class Data {
        static void ensure(Path dir, long profiles) throws IOException {
            if (Files.exists(dir.resolve("purchase.csv")) && Files.exists(dir.resolve(".complete"))) {
                return;
            }
            long started = System.nanoTime();
            Map<String, Long> counts = new RetailGenerator(42, RetailGenerator.DEFAULT_AS_OF).generate(profiles, dir);
            Files.writeString(dir.resolve(".complete"), counts.toString());
            System.out.printf(Locale.ROOT, "Generated %s in %.1f s%n", counts, (System.nanoTime() - started) / 1e9);
        }

        static long lines(Path file) throws IOException {
            try (var lines = Files.lines(file)) {
                return lines.count();
            }
        }
    }

    /** {@code --name value} pairs. */
    static final class Options {
        static Map<String, String> parse(String[] args) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                map.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            return map;
        }
    }
}
