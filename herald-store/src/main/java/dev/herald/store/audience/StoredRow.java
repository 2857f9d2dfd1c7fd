package dev.herald.store.audience;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.delivery.MessageLog;
import dev.herald.expr.Row;
import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import dev.herald.schema.Schema;
import dev.herald.store.SqlTypes;
import dev.herald.store.Store;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One record read from the store by its key, for the in-memory interpreter (a test in a campaign,
 * a journey step): its fields on first use, and each link's records only when the expression
 * follows that link. One customer at a time — never a population.
 */
public final class StoredRow implements Row {

    private final Store store;
    private final Schema schema;
    private final Entity entity;
    private final Object key;
    private Map<String, Object> values;
    private final Map<String, List<Row>> many = new HashMap<>();

    public StoredRow(Store store, Schema schema, Entity entity, Object key) {
        this(store, MessageLog.withMessages(schema), entity, key, null);
    }

    /** {@code schema} already shows the message log, as expressions see it. */
    private StoredRow(Store store, Schema schema, Entity entity, Object key, Map<String, Object> values) {
        this.store = store;
        this.schema = schema;
        this.entity = entity;
        this.key = key;
        this.values = values;
    }

    @Override
    public Entity entity() {
        return entity;
    }

    /** Whether the record exists. */
    public boolean exists() {
        return !values().isEmpty();
    }

    @Override
    public Object get(String fieldName) {
        return values().get(fieldName);
    }

    @Override
    public Row one(Link link) {
        Object fk = get(link.field());
        if (fk == null) {
            return null;
        }
        StoredRow target = new StoredRow(store, schema, schema.entities().get(link.target()), fk, null);
        return target.exists() ? target : null;
    }

    @Override
    public List<Row> many(Link link) {
        return many.computeIfAbsent(link.name(), n -> {
            Entity target = schema.entities().get(link.target());
            Link back = target.links().get(link.inverse());
            return read(store, target, field(name(back.field())).eq(bound(get(entity.key().get(0))))).stream()
                    .<Row>map(v -> new StoredRow(store, schema, target, v.get(target.key().get(0)), v)).toList();
        });
    }

    private Map<String, Object> values() {
        if (values == null) {
            List<Map<String, Object>> rows = read(store, entity, field(name(entity.key().get(0))).eq(bound(key)));
            values = rows.isEmpty() ? Map.of() : rows.get(0);
        }
        return values;
    }

    /** The rows of {@code e} that match {@code where}, each as field name to Java value (json as text). */
    public static List<Map<String, Object>> read(Store store, Entity e, org.jooq.Condition where) {
        List<org.jooq.Field<?>> fields = e.fields().values().stream()
                .<org.jooq.Field<?>>map(f -> field(name(f.name()), store.dialect().type(f.type()))).toList();
        return store.dsl().select(fields).from(table(name(e.name()))).where(where).fetch().stream().map(r -> {
            Map<String, Object> v = new HashMap<>();
            for (var f : e.fields().values()) {
                Object value = r.get(f.name());
                v.put(f.name(), plain(value));
            }
            return v;
        }).toList();
    }

    /** A value as the in-memory interpreter reads it: JDBC's dates and times as java.time, json as its text. */
    private static Object plain(Object value) {
        return switch (value) {
            case org.jooq.JSON j -> j.data();
            case org.jooq.JSONB j -> j.data();
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toInstant();
            case null, default -> value;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.jooq.Field bound(Object value) {
        return org.jooq.impl.DSL.val(value);
    }
}
