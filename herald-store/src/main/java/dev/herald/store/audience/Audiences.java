package dev.herald.store.audience;

import dev.herald.audience.Audience;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.error.UserError;
import dev.herald.expr.CheckedExpression;
import dev.herald.preview.Preview;
import dev.herald.load.ImportException;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Counts, previews, explains and saves audiences on the store. Everything runs as one SQL
 * statement on the dimension's table; no population is read into Herald.
 */
public final class Audiences {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final Table<?> AUDIENCE = table(name("herald_audience"));
    private static final Field<String> A_NAME = field(name("name"), String.class);
    private static final Field<Integer> A_VERSION = field(name("version"), Integer.class);
    private static final Field<String> A_DIMENSION = field(name("dimension"), String.class);
    private static final Field<String> A_KIND = field(name("kind"), String.class);
    private static final Field<String> A_EXPRESSION = field(name("expression"), String.class);
    private static final Field<String> A_TABLE = field(name("population_table"), String.class);
    private static final Field<Long> A_SIZE = field(name("size"), Long.class);
    private static final Field<OffsetDateTime> A_SAVED_AT = field(name("saved_at"), OffsetDateTime.class);

    private final Store store;
    private final Schema schema;
    private final Map<String, Object> variables;
    private final Instant now;

    /** {@code variables} are the values of {@code vars.*}; {@code now} is the instant every row is judged at. */
    public Audiences(Store store, Schema schema, Map<String, Object> variables, Instant now) {
        this.store = store;
        this.schema = schema;
        this.variables = variables;
        this.now = now;
    }

    public long count(CheckedExpression expression) {
        ExpressionSql.Compiled compiled = new ExpressionSql(schema, store.dialect(), variables, now).compile(expression);
        return store.dsl().selectCount().from(compiled.from()).where(compiled.where()).fetchOne(0, Long.class);
    }

    /** The first {@code limit} members, ordered by key, with the chosen fields (default: all). */
    public Preview preview(CheckedExpression expression, List<String> fields, int limit) {
        Entity dimension = expression.dimension();
        List<String> chosen = fields.isEmpty() ? new ArrayList<>(dimension.fields().keySet()) : fields;
        for (String f : chosen) {
            if (!dimension.fields().containsKey(f)) {
                throw UserError.invalid("fields", "unknown field '" + f + "' on '" + dimension.name() + "'"
                        + DidYouMean.hint(f, dimension.fields().keySet()) + " (fields: " + String.join(", ", dimension.fields().keySet()) + ")");
            }
        }
        List<Field<?>> columns = chosen.stream().<Field<?>>map(f -> field(name(ExpressionSql.ROOT, f))).toList();
        Result<Record> rows = matching(expression, columns).orderBy(key(dimension)).limit(limit).fetch();
        return new Preview(chosen, rows.stream().map(r -> java.util.Arrays.asList(r.intoArray())).toList());
    }

    /** The statement that selects the audience, with its parameters listed after it. */
    public String explain(CheckedExpression expression) {
        Query q = matching(expression, List.of(key(expression.dimension())));
        String sql = q.getSQL();
        List<Object> values = store.dsl().extractBindValues(q);
        StringBuilder b = new StringBuilder(sql);
        b.append("\n-- parameters (bound, never written into the SQL):");
        for (int i = 0; i < values.size(); i++) {
            b.append("\n--   ").append(i + 1).append(": ").append(describe(values.get(i)));
        }
        return b.toString();
    }

    private static String describe(Object v) {
        String s = String.valueOf(v);
        return v instanceof String ? '"' + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + '"' : s;
    }

    /** Saves a named expression audience as a new version; it is re-evaluated wherever it is used. */
    public Audience save(String name, CheckedExpression expression) {
        return store.inTransaction(() -> record(name, expression.dimension().name(), expression.text(), Audience.Kind.EXPRESSION, null,
                count(expression)));
    }

    /** Saves the audience's current population as a static list; saving it again replaces the whole list. */
    public Audience saveStatic(String name, CheckedExpression expression) {
        return store.inTransaction(() -> {
            String list = "herald_audience_" + checkName(name); // the reserved prefix: no entity can be named so
            store.dsl().dropTableIfExists(name(list)).execute();
            store.dsl().createTable(name(list)).as(matching(expression, List.of(key(expression.dimension())))).execute();
            long size = store.dsl().fetchCount(table(name(list)));
            return record(name, expression.dimension().name(), expression.text(), Audience.Kind.STATIC, list, size);
        });
    }

    /**
     * Saves {@code keys} (one column named like the dimension's key) as a static audience, replacing
     * its whole list; {@code origin} says where the list came from.
     */
    public Audience saveStatic(String name, Entity dimension, org.jooq.Select<?> keys, String origin) {
        return store.inTransaction(() -> {
            String list = "herald_audience_" + checkName(name);
            store.dsl().dropTableIfExists(name(list)).execute();
            store.dsl().createTable(name(list)).as(keys).execute();
            long size = store.dsl().fetchCount(table(name(list)));
            return record(name, dimension.name(), origin, Audience.Kind.STATIC, list, size);
        });
    }

    public List<Audience> list() {
        var latest = DSL.select(A_NAME.as("n"), DSL.max(A_VERSION).as("v")).from(AUDIENCE).groupBy(A_NAME).asTable("latest");
        return store.dsl().select(A_NAME, A_VERSION, A_DIMENSION, A_KIND, A_EXPRESSION, A_TABLE, A_SIZE, A_SAVED_AT)
                .from(AUDIENCE).join(latest).on(A_NAME.eq(latest.field("n", String.class)).and(A_VERSION.eq(latest.field("v", Integer.class))))
                .orderBy(A_NAME).fetch(Audiences::audience);
    }

    public Optional<Audience> find(String name) {
        return store.dsl().select(A_NAME, A_VERSION, A_DIMENSION, A_KIND, A_EXPRESSION, A_TABLE, A_SIZE, A_SAVED_AT)
                .from(AUDIENCE).where(A_NAME.eq(name)).orderBy(A_VERSION.desc()).limit(1).fetchOptional(Audiences::audience);
    }

    private Audience record(String name, String dimension, String expression, Audience.Kind kind, String list, long size) {
        checkName(name);
        Integer last = store.dsl().select(DSL.max(A_VERSION)).from(AUDIENCE).where(A_NAME.eq(name)).fetchOne(0, Integer.class);
        int version = last == null ? 1 : last + 1;
        OffsetDateTime at = store.now();
        store.dsl().insertInto(AUDIENCE, A_NAME, A_VERSION, A_DIMENSION, A_KIND, A_EXPRESSION, A_TABLE, A_SIZE, A_SAVED_AT)
                .values(name, version, dimension, kind.name().toLowerCase(Locale.ROOT), expression, list, size, at)
                .execute();
        return new Audience(name, version, dimension, kind, expression, list, size, at);
    }

    private static Audience audience(org.jooq.Record8<String, Integer, String, String, String, String, Long, OffsetDateTime> r) {
        return new Audience(r.value1(), r.value2(), r.value3(), Audience.Kind.valueOf(r.value4().toUpperCase(Locale.ROOT)),
                r.value5(), r.value6(), r.value7(), r.value8());
    }

    private static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ImportException("'" + name + "' is not a valid audience name: use lower-case letters, digits and '_', starting with a letter");
        }
        return name;
    }

    private SelectConditionStep<Record> matching(CheckedExpression expression, List<Field<?>> columns) {
        ExpressionSql.Compiled compiled = new ExpressionSql(schema, store.dialect(), variables, now).compile(expression);
        return store.dsl().select(columns).from(compiled.from()).where(compiled.where());
    }

    private static Field<?> key(Entity dimension) {
        return field(name(ExpressionSql.ROOT, dimension.key().get(0)));
    }
}
