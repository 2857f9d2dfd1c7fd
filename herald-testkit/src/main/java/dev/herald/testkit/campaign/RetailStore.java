package dev.herald.testkit.campaign;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.app.Application;
import dev.herald.app.demo.RetailGenerator;
import dev.herald.app.run.RunListener;
import dev.herald.app.run.RunService;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.TransitionRecord;
import dev.herald.expr.ExpressionChecker;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.store.delivery.DeliveryTables;
import dev.herald.store.run.Runs;
import dev.herald.testkit.Backend;
import dev.herald.testkit.PostgresServer;
import dev.herald.workspace.StoreLocation;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A real store (DuckDB file or PostgreSQL database) holding the generated retail data, with
 * campaigns run on it — the ground the campaign contract tests stand on. Runs judge every
 * expression at {@link #NOW}, the day the data was generated for.
 */
public final class RetailStore implements AutoCloseable {

    public static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    public static final List<String> ENTITIES = List.of("product", "store", "profile", "purchase", "booking", "push_device", "web_event");

    private final Application app;
    private final Path workspace;

    private RetailStore(Application app, Path workspace) {
        this.app = app;
        this.workspace = workspace;
    }

    /** A new store on {@code kind} with {@code profiles} generated profiles (seed 11) and their records. */
    public static RetailStore open(Backend.Kind kind, Path dir, int profiles) throws IOException {
        return open(kind, dir, profiles, null);
    }

    /** A new store as {@link #open(Backend.Kind, Path, int)}, in a workspace whose herald.yaml is {@code settings} (none when null). */
    public static RetailStore open(Backend.Kind kind, Path dir, int profiles, String settings) throws IOException {
        if (settings != null) {
            java.nio.file.Files.writeString(dir.resolve("herald.yaml"), settings);
        }
        StoreLocation location = kind == Backend.Kind.DUCKDB ? StoreLocation.duckdb(dir.resolve("retail.duckdb"))
                : new StoreLocation(PostgresServer.shared().newDatabase());
        java.nio.file.Files.copy(Path.of("../examples/retail/schema.yaml"), dir.resolve(Workspace.SCHEMA_FILE));
        Application app = Application.open(Workspace.open(dir), location, java.time.Clock.systemUTC());
        app.schemas().apply(false);
        Path data = dir.resolve("generated");
        new RetailGenerator(11, RetailGenerator.DEFAULT_AS_OF).generate(profiles, data);
        for (String entity : ENTITIES) {
            app.imports().importFile(ImportRequest.of(entity, data.resolve(entity + ".csv"), ImportMode.INSERT));
        }
        return new RetailStore(app, dir);
    }

    /** The store for a contract subclass, by its {@link Backend} annotation, in a temporary folder removed on close. */
    public static RetailStore open(Class<?> contract, int profiles) throws IOException {
        return open(contract.getAnnotation(Backend.class).value(), java.nio.file.Files.createTempDirectory("herald-retail-"), profiles);
    }

    public Application app() {
        return app;
    }

    public Store store() {
        return app.store();
    }

    public Schema schema() {
        return app.schema();
    }

    public Path workspace() {
        return workspace;
    }

    /** The runs, as a user drives them. */
    public RunService runs() {
        return app.runs();
    }

    /** The runs as the store records them: activities, transitions, log. */
    public Runs runStore() {
        return new Runs(app.store());
    }

    /** The deliveries and messages the store records. */
    public DeliveryTables deliveries() {
        return new DeliveryTables(app.store());
    }

    public ExpressionChecker checker() {
        return new ExpressionChecker(app.schema());
    }

    public Plan plan(String yaml) {
        return app.campaigns().check(yaml, "test.yaml");
    }

    /** Publishes and runs a campaign live, judged at {@link #NOW}. */
    public RunRecord run(String yaml) {
        return run(yaml, RunOptions.live().withApproval().at(NOW).sleepingAtMost(Duration.ZERO));
    }

    /** Publishes and runs a campaign as a test run, judged at {@link #NOW}. */
    public RunRecord test(String yaml) {
        return run(yaml, RunOptions.live().withApproval().asTest().at(NOW).sleepingAtMost(Duration.ZERO));
    }

    public RunRecord run(String yaml, RunOptions options) {
        return app.runs().start(yaml, "test.yaml", options, RunListener.QUIET);
    }

    public RunRecord resume(String yaml, long runId) {
        return app.runs().resume(runId, Duration.ZERO, false, RunListener.QUIET);
    }

    public TransitionRecord transition(RunRecord run, String name) {
        TransitionRecord t = runStore().transitions(run.id()).get(name);
        if (t == null) {
            throw new AssertionError("run " + run.id() + " has no transition " + name + " (has: "
                    + runStore().transitions(run.id()).keySet() + ", log: " + runStore().log(run.id()) + ")");
        }
        return t;
    }

    /** The keys a transition carries (its worktable's first column), sorted; empty for a dead transition. */
    public TreeSet<Object> keys(RunRecord run, String transition) {
        TransitionRecord t = transition(run, transition);
        if (!t.active() || t.worktable() == null) {
            return new TreeSet<>();
        }
        var rows = store().dsl().selectFrom(table(name(t.worktable()))).fetch();
        TreeSet<Object> keys = new TreeSet<>();
        rows.forEach(r -> keys.add(normalize(r.get(0))));
        return keys;
    }

    /** The rows of a transition's worktable, each as column → value. */
    public List<Map<String, Object>> rows(RunRecord run, String transition) {
        TransitionRecord t = transition(run, transition);
        return store().dsl().selectFrom(table(name(t.worktable()))).orderBy(org.jooq.impl.DSL.inline(1)).fetchMaps();
    }

    /** The first column of a hand-written query's rows, sorted: the expected population. */
    public TreeSet<Object> keys(String sql, Object... parameters) {
        TreeSet<Object> keys = new TreeSet<>();
        store().dsl().fetch(sql, parameters).forEach(r -> keys.add(normalize(r.get(0))));
        return keys;
    }

    /**
     * The chosen columns of a transition's worktable, one list per row, values {@linkplain #value
     * normalised}, rows sorted: to compare with {@link #valuesOf(String, Object...)}.
     */
    public List<List<Object>> valuesOf(RunRecord run, String transition, String... columns) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (Map<String, Object> row : rows(run, transition)) {
            List<Object> values = new java.util.ArrayList<>();
            for (String c : columns) {
                if (!row.containsKey(c)) {
                    throw new AssertionError(transition + " has no column " + c + " (has: " + row.keySet() + ")");
                }
                values.add(value(row.get(c)));
            }
            rows.add(values);
        }
        rows.sort(ROWS);
        return rows;
    }

    /** A hand-written query's rows, values {@linkplain #value normalised}, rows sorted. */
    public List<List<Object>> valuesOf(String sql, Object... parameters) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        store().dsl().fetch(sql, parameters).forEach(r -> {
            List<Object> values = new java.util.ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                values.add(value(r.get(i)));
            }
            rows.add(values);
        });
        rows.sort(ROWS);
        return rows;
    }

    private static final java.util.Comparator<List<Object>> ROWS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x instanceof Long l && y instanceof Long m ? Long.compare(l, m) : String.valueOf(x).compareTo(String.valueOf(y));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /**
     * A value as both stores and both sides of a comparison agree on it: whole numbers as longs,
     * other numbers as decimals rounded to the cent, times as instants (a time without zone is UTC).
     */
    public static Object value(Object v) {
        return switch (v) {
            case null -> null;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case java.math.BigInteger b -> b.longValue();
            case java.math.BigDecimal d -> d.setScale(2, java.math.RoundingMode.HALF_UP);
            case Double d -> java.math.BigDecimal.valueOf(d).setScale(2, java.math.RoundingMode.HALF_UP);
            case Float f -> java.math.BigDecimal.valueOf(f).setScale(2, java.math.RoundingMode.HALF_UP);
            case java.time.OffsetDateTime t -> t.toInstant();
            case java.time.ZonedDateTime t -> t.toInstant();
            case java.time.LocalDateTime t -> t.toInstant(java.time.ZoneOffset.UTC);
            case java.sql.Timestamp t -> t.toInstant();
            case java.time.LocalDate d -> d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            case java.sql.Date d -> d.toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            default -> v;
        };
    }

    public long count(String sql, Object... parameters) {
        return ((Number) store().dsl().fetchValue(sql, parameters)).longValue();
    }

    private static Object normalize(Object v) {
        return v instanceof Integer i ? (long) i : v instanceof java.math.BigInteger b ? b.longValue() : v;
    }

    /** {@link #NOW} as the driver binds a timestamp. */
    public static java.time.OffsetDateTime now() {
        return java.time.OffsetDateTime.ofInstant(NOW, java.time.ZoneOffset.UTC);
    }

    @Override
    public void close() {
        app.close();
        try (var files = java.nio.file.Files.walk(workspace)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
