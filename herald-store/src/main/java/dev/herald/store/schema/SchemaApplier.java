package dev.herald.store.schema;

import dev.herald.schema.KeyChangeRefusedException;
import dev.herald.schema.DestructiveChangeException;
import dev.herald.schema.SchemaPlan;
import dev.herald.schema.SchemaChange;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.schema.FieldType;
import dev.herald.schema.Link;
import dev.herald.schema.Schema;
import dev.herald.store.Dialect;
import dev.herald.store.Store;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Compares the schema with what was last applied (recorded in {@code herald_entity}; keys as the
 * store's catalog has them) and creates or alters tables. Indexes are created on PostgreSQL only, together with one per many-to-one
 * link field; DuckDB scans with zone maps, and its ART indexes slow bulk loads.
 */
public final class SchemaApplier {

    private static final org.jooq.Table<?> REGISTRY = table(name("herald_entity"));
    private static final org.jooq.Field<String> NAME = field(name("name"), String.class);
    private static final org.jooq.Field<String> DEFINITION = field(name("definition"), String.class);
    private static final org.jooq.Field<OffsetDateTime> APPLIED_AT = field(name("applied_at"), OffsetDateTime.class);

    private final Store store;
    private final DSLContext dsl;
    private final Keys keys;

    public SchemaApplier(Store store) {
        this.store = store;
        this.dsl = store.dsl();
        this.keys = new Keys(store);
    }

    public SchemaPlan plan(Schema schema) {
        Map<String, Map<String, FieldType>> applied = applied();
        List<SchemaChange> changes = new ArrayList<>();
        for (Entity entity : schema.entities().values()) {
            Map<String, FieldType> before = applied.get(entity.name());
            if (before == null) {
                changes.add(new SchemaChange.CreateEntity(entity));
            } else {
                for (Field f : entity.fields().values()) {
                    FieldType old = before.get(f.name());
                    if (old == null) {
                        changes.add(new SchemaChange.AddField(entity.name(), f));
                    } else if (!old.equals(f.type())) {
                        changes.add(new SchemaChange.ChangeType(entity.name(), f.name(), old, f.type(), values(entity.name(), f.name())));
                    }
                }
                // after new fields (a new key may use them), before dropped ones (the old key may lose one)
                List<String> key = keys.primaryKey(entity.name());
                if (!new java.util.HashSet<>(key).equals(new java.util.HashSet<>(entity.key()))) {
                    changes.add(keys.change(entity, key, before.keySet()));
                }
                for (String old : before.keySet()) {
                    if (!entity.fields().containsKey(old)) {
                        changes.add(new SchemaChange.DropField(entity.name(), old, values(entity.name(), old)));
                    }
                }
            }
            if (store.dialect().indexesLinks()) {
                for (List<String> index : indexes(entity)) {
                    SchemaChange.AddIndex add = new SchemaChange.AddIndex(entity.name(), index);
                    if (!indexExists(add.indexName())) {
                        changes.add(add);
                    }
                }
            }
        }
        for (String old : applied.keySet()) {
            if (!schema.entities().containsKey(old)) {
                changes.add(new SchemaChange.DropEntity(old, store.count(old)));
            }
        }
        return new SchemaPlan(changes);
    }

    public SchemaPlan apply(Schema schema, boolean allowDestructive) {
        return store.inTransaction(() -> {
            SchemaPlan plan = plan(schema);
            if (!plan.refused().isEmpty()) {
                throw new KeyChangeRefusedException(plan.refused());
            }
            if (!allowDestructive && !plan.destructive().isEmpty()) {
                throw new DestructiveChangeException(plan.destructive());
            }
            for (SchemaChange change : plan.changes()) {
                run(change);
            }
            for (Entity entity : schema.entities().values()) {
                record(entity);
            }
            for (SchemaChange change : plan.changes()) {
                if (change instanceof SchemaChange.DropEntity drop) {
                    dsl.deleteFrom(REGISTRY).where(NAME.eq(drop.entity())).execute();
                    dsl.dropViewIfExists(name(dev.herald.delivery.MessageLog.view(drop.entity()))).execute();
                }
            }
            dev.herald.store.delivery.MessageViews.ensure(store, schema);
            return plan;
        });
    }

    private void run(SchemaChange change) {
        Dialect dialect = store.dialect();
        switch (change) {
            case SchemaChange.CreateEntity c -> {
                var create = dsl.createTableIfNotExists(name(c.entity().name()));
                var columns = c.entity().fields().values().stream()
                        .map(f -> field(name(f.name()), dialect.type(f.type())))
                        .toList();
                create.columns(columns)
                        .primaryKey(c.entity().key().stream().map(k -> field(name(k))).toList())
                        .execute();
            }
            case SchemaChange.AddField a -> dsl.alterTable(name(a.entity()))
                    .addColumn(field(name(a.field().name()), dialect.type(a.field().type()))).execute();
            case SchemaChange.AddIndex i -> dsl.createIndexIfNotExists(name(i.indexName()))
                    .on(table(name(i.entity())), i.fields().stream().map(f -> field(name(f))).toList()).execute();
            case SchemaChange.DropEntity d -> dsl.dropTableIfExists(name(d.entity())).execute();
            // a table rebuilt for a new key (DuckDB) no longer has the fields the schema drops
            case SchemaChange.DropField d -> dsl.alterTable(name(d.entity())).dropColumnIfExists(name(d.field())).execute();
            case SchemaChange.ChangeType t -> dialect.changeType(dsl, t.entity(), t.field(), dialect.type(t.to()));
            case SchemaChange.ChangeKey k -> keys.replace(k);
        }
    }

    private static List<List<String>> indexes(Entity entity) {
        List<List<String>> result = new ArrayList<>(entity.indexes());
        for (Link link : entity.links().values()) {
            if (!link.isToMany() && !result.contains(List.of(link.field()))) {
                result.add(List.of(link.field()));
            }
        }
        return result;
    }

    private boolean indexExists(String indexName) {
        return dsl.fetchExists(dsl.selectOne().from(table(name("pg_indexes")))
                .where(field(name("indexname")).eq(indexName))
                .and(field(name("schemaname")).eq(DSL.field("current_schema()", String.class))));
    }

    private long values(String entity, String fieldName) {
        return dsl.fetchCount(dsl.selectOne().from(table(name(entity))).where(field(name(fieldName)).isNotNull()));
    }

    private void record(Entity entity) {
        StringBuilder definition = new StringBuilder();
        for (Field f : entity.fields().values()) {
            definition.append(f.name()).append(' ').append(f.type().spelling()).append('\n');
        }
        dsl.deleteFrom(REGISTRY).where(NAME.eq(entity.name())).execute();
        dsl.insertInto(REGISTRY, NAME, DEFINITION, APPLIED_AT)
                .values(entity.name(), definition.toString(), store.now())
                .execute();
    }

    private Map<String, Map<String, FieldType>> applied() {
        Map<String, Map<String, FieldType>> result = new LinkedHashMap<>();
        for (Record2<String, String> r : dsl.select(NAME, DEFINITION).from(REGISTRY).orderBy(NAME).fetch()) {
            Map<String, FieldType> fields = new LinkedHashMap<>();
            for (String line : r.value2().split("\n")) {
                if (!line.isBlank()) {
                    int space = line.indexOf(' ');
                    fields.put(line.substring(0, space), FieldType.parse(line.substring(space + 1)));
                }
            }
            result.put(r.value1(), fields);
        }
        return result;
    }
}
