package dev.herald.testkit.audience;


import dev.herald.store.audience.StoredRow;
import dev.herald.expr.Row;
import dev.herald.store.audience.StoredRow;
import dev.herald.schema.Entity;
import dev.herald.store.audience.StoredRow;
import dev.herald.schema.Link;
import dev.herald.store.audience.StoredRow;
import dev.herald.schema.Schema;
import dev.herald.store.audience.StoredRow;
import dev.herald.store.Store;
import dev.herald.store.audience.StoredRow;
import java.util.ArrayList;
import dev.herald.store.audience.StoredRow;
import java.util.HashMap;
import dev.herald.store.audience.StoredRow;
import java.util.LinkedHashMap;
import dev.herald.store.audience.StoredRow;
import java.util.List;
import dev.herald.store.audience.StoredRow;
import java.util.Map;

/**
 * Every row of a small test store held in memory with its links, so the in-memory interpreter can
 * be compared with SQL on the same data. For tests only: production code never loads a population.
 */
final class LoadedRows {

    private final Map<String, Map<Object, Record>> byKey = new HashMap<>();
    private final Map<String, Map<Object, List<Row>>> byForeignKey = new HashMap<>();

    LoadedRows(Store store, Schema schema) {
        for (Entity entity : schema.entities().values()) {
            Map<Object, Record> rows = new LinkedHashMap<>();
            for (Map<String, Object> values : StoredRow.read(store, entity, org.jooq.impl.DSL.noCondition())) {
                rows.put(values.get(entity.key().get(0)), new Record(entity, values));
            }
            byKey.put(entity.name(), rows);
        }
        for (Entity entity : schema.entities().values()) {
            for (Link link : entity.links().values()) {
                if (!link.isToMany()) {
                    Map<Object, List<Row>> groups = new HashMap<>();
                    for (Record r : byKey.get(entity.name()).values()) {
                        Object fk = r.values.get(link.field());
                        if (fk != null) {
                            groups.computeIfAbsent(fk, k -> new ArrayList<>()).add(r);
                        }
                    }
                    byForeignKey.put(entity.name() + "." + link.name(), groups);
                }
            }
        }
    }

    List<Row> all(String entity) {
        return new ArrayList<>(byKey.get(entity).values());
    }

    final class Record implements Row {
        private final Entity entity;
        private final Map<String, Object> values;

        Record(Entity entity, Map<String, Object> values) {
            this.entity = entity;
            this.values = values;
        }

        Object key() {
            return values.get(entity.key().get(0));
        }

        @Override
        public Entity entity() {
            return entity;
        }

        @Override
        public Object get(String field) {
            return values.get(field);
        }

        @Override
        public Row one(Link link) {
            Object fk = values.get(link.field());
            return fk == null ? null : byKey.get(link.target()).get(fk);
        }

        @Override
        public List<Row> many(Link link) {
            return byForeignKey.get(link.target() + "." + link.inverse()).getOrDefault(key(), List.of());
        }
    }
}
