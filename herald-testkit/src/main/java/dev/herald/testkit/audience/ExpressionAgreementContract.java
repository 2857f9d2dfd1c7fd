package dev.herald.testkit.audience;

import static org.assertj.core.api.Assertions.assertThat;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.store.load.Importer;

import dev.herald.expr.CheckedExpression;
import dev.herald.store.audience.ExpressionSql;
import dev.herald.store.audience.StoredRow;
import dev.herald.expr.Evaluator;
import dev.herald.expr.ExpressionChecker;
import dev.herald.expr.Row;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import dev.herald.testkit.Backend;
import dev.herald.store.Store;
import dev.herald.testkit.PostgresServer;
import dev.herald.app.demo.RetailGenerator;
import dev.herald.workspace.StoreLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One meaning, two interpreters: every expression of {@code expressions/agreement.txt} selects
 * exactly the same keys when compiled to SQL on the store as when evaluated in memory, record by
 * record, over the generated retail data and the edge cases of {@link Samples}; every value of
 * {@code expressions/values.txt} is the same, record by record, both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExpressionAgreementContract {

    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final Map<String, Object> VARS = Map.of("min_amount", 100.0, "country", "FR", "days", 90L, "tier", "gold",
            "limit", 3L, "prefix", "emma");

    Path dir;
    Store store;
    Schema schema;
    ExpressionChecker checker;
    LoadedRows rows;

    @BeforeAll
    void loadData() throws IOException {
        dir = Files.createTempDirectory("herald-agreement-");
        Backend backend = getClass().getAnnotation(Backend.class);
        StoreLocation location = backend.value() == Backend.Kind.DUCKDB ? StoreLocation.duckdb(dir.resolve("a.duckdb"))
                : new StoreLocation(PostgresServer.shared().newDatabase());
        schema = SchemaParser.parse(Files.readString(Path.of("../examples/retail/schema.yaml")) + Samples.ENTITY, "schema.yaml");
        store = Store.open(location);
        new SchemaApplier(store).apply(schema, false);
        Samples.insert(store);
        Path data = dir.resolve("data");
        new RetailGenerator(11, RetailGenerator.DEFAULT_AS_OF).generate(1_500, data);
        for (String entity : List.of("product", "store", "profile", "purchase", "booking", "push_device", "web_event")) {
            new Importer(store, schema).run(ImportRequest.of(entity, data.resolve(entity + ".csv"), ImportMode.INSERT));
        }
        checker = new ExpressionChecker(schema);
        rows = new LoadedRows(store, schema);
    }

    @AfterAll
    void close() {
        store.close();
    }

    static Stream<String> expressions() throws IOException {
        return lines("/expressions/agreement.txt");
    }

    static Stream<String> values() throws IOException {
        return lines("/expressions/values.txt");
    }

    private static Stream<String> lines(String resource) throws IOException {
        try (InputStream in = ExpressionAgreementContract.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void sql_and_memory_select_the_same_keys(String line) {
        Parsed parsed = parse(line);
        String dimension = parsed.dimension();
        CheckedExpression expression = checker.check(parsed.text(), dimension);
        ExpressionSql sql = new ExpressionSql(schema, store.dialect(), VARS, NOW);
        String key = expression.dimension().key().get(0);
        ExpressionSql.Compiled compiled = sql.compile(expression);
        var query = store.dsl().select(DSL.field(DSL.name(ExpressionSql.ROOT, key), Long.class))
                .from(compiled.from()).where(compiled.where());
        TreeSet<Long> inSql = new TreeSet<>(query.fetch().getValues(0, Long.class));
        Evaluator evaluator = new Evaluator(VARS, NOW);
        TreeSet<Long> inMemory = new TreeSet<>();
        for (Row row : rows.all(dimension)) {
            if (evaluator.matches(expression, row)) {
                inMemory.add((Long) row.get(key));
            }
        }
        assertThat(inSql).as("SQL: %s", query.getSQL()).isEqualTo(inMemory);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void sql_and_memory_compute_the_same_value_for_every_record(String line) {
        Parsed parsed = parse(line);
        Entity dimension = schema.entities().get(parsed.dimension());
        CheckedExpression expression = checker.checkValue(parsed.text(), dimension, null);
        String key = dimension.key().get(0);
        ExpressionSql.WorktableQuery over = new ExpressionSql(schema, store.dialect(), VARS, NOW)
                .over(DSL.table(DSL.name(dimension.name())), key, dimension);
        org.jooq.Field<?> value = over.value(expression);
        if (expression.root().type() == dev.herald.expr.ExprType.TIMESTAMP) {
            // read as java.sql.Timestamp, times before 1970 and 1582 would be shifted on the way
            value = value.coerce(org.jooq.impl.SQLDataType.TIMESTAMPWITHTIMEZONE);
        }
        var query = store.dsl().select(over.column(key), value).from(over.from());
        Map<Object, Object> inSql = new TreeMap<>();
        query.fetch().forEach(r -> inSql.put(r.get(0, Long.class), comparable(r.get(1))));
        Evaluator evaluator = new Evaluator(VARS, NOW);
        Map<Object, Object> inMemory = new TreeMap<>();
        for (Row row : rows.all(parsed.dimension())) {
            inMemory.put(row.get(key), comparable(evaluator.value(expression, row, null)));
        }
        assertThat(inSql).as("SQL: %s", query.getSQL()).isEqualTo(inMemory);
        assertThat(new java.util.HashSet<>(inMemory.values())).as("agreement on one value for every record proves little").hasSizeGreaterThan(1);
    }

    /** A value as both interpreters can give it: numbers by value, times as instants, durations in microseconds. */
    private static Object comparable(Object v) {
        return switch (v) {
            case null -> "unknown";
            case java.math.BigDecimal d -> d.compareTo(java.math.BigDecimal.ZERO) == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            case Double d when d.isNaN() || d.isInfinite() -> d.toString();
            case Number n when !(n instanceof Double) -> comparable(new java.math.BigDecimal(n.toString()));
            case Double d -> comparable(new java.math.BigDecimal(d));
            case java.time.OffsetDateTime t -> t.toInstant();
            case java.time.Duration d -> comparable(dev.herald.expr.Durations.micros(d));
            default -> v;
        };
    }

    @Test
    void one_record_read_from_the_store_by_key_gives_the_answer_the_set_gives() throws IOException {
        List<String> lines = expressions().filter(l -> parse(l).dimension().equals(schema.dimension())).toList();
        Evaluator evaluator = new Evaluator(VARS, NOW);
        for (int i = 0; i < lines.size(); i += 7) {
            CheckedExpression expression = checker.check(lines.get(i));
            ExpressionSql.Compiled compiled = new ExpressionSql(schema, store.dialect(), VARS, NOW).compile(expression);
            TreeSet<Long> inSql = new TreeSet<>(store.dsl().select(DSL.field(DSL.name(ExpressionSql.ROOT, "id"), Long.class))
                    .from(compiled.from()).where(compiled.where()).fetch().getValues(0, Long.class));
            for (long id = 1; id <= 60; id += 3) {
                StoredRow row = new StoredRow(store, schema, expression.dimension(), id);
                assertThat(evaluator.matches(expression, row)).as("%s for profile %d", lines.get(i), id).isEqualTo(inSql.contains(id));
            }
        }
    }

    /** Agreement on empty or full sets proves little: most expressions must split the records. */
    @Test
    void most_expressions_select_some_but_not_all_rows() throws IOException {
        List<String> all = expressions().toList();
        long partial = 0;
        for (String line : all) {
            Parsed p = parse(line);
            CheckedExpression expression = checker.check(p.text(), p.dimension());
            ExpressionSql.Compiled compiled = new ExpressionSql(schema, store.dialect(), VARS, NOW).compile(expression);
            long n = store.dsl().selectCount().from(compiled.from()).where(compiled.where()).fetchOne(0, Long.class);
            if (n > 0 && n < rows.all(p.dimension()).size()) {
                partial++;
            }
        }
        assertThat(partial).as("expressions that select some but not all rows, of %d", all.size())
                .isGreaterThanOrEqualTo((long) (all.size() * 0.8));
    }

    /** A line of the suite: {@code [dimension: ]expression}. */
    private record Parsed(String dimension, String text) {
    }

    private Parsed parse(String line) {
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).matches("[a-z_]+")) {
            return new Parsed(line.substring(0, colon), line.substring(colon + 2));
        }
        return new Parsed(schema.dimension(), line);
    }
}
