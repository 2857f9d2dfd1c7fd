package dev.herald.store.schema;

import dev.herald.schema.SchemaChange;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.schema.Entity;
import dev.herald.store.Store;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;

/**
 * The primary keys of entity tables as the store has them (read from its catalog, so a store
 * applied by an older Herald is compared too), what a new key would break, and replacing one.
 */
final class Keys {

    private static final String REKEY = "herald_rekey_";

    private final Store store;
    private final DSLContext dsl;

    Keys(Store store) {
        this.store = store;
        this.dsl = store.dsl();
    }

    /** The columns of {@code table}'s primary key, in order. */
    List<String> primaryKey(String table) {
        return constraint(table).getValues(field(name("kcu", "column_name"), String.class));
    }

    private org.jooq.Result<org.jooq.Record2<String, String>> constraint(String table) {
        var tc = table(name("information_schema", "table_constraints")).as("tc");
        var kcu = table(name("information_schema", "key_column_usage")).as("kcu");
        return dsl.select(field(name("kcu", "column_name"), String.class), field(name("tc", "constraint_name"), String.class))
                .from(tc).join(kcu).on(field(name("kcu", "constraint_name")).eq(field(name("tc", "constraint_name")))
                        .and(field(name("kcu", "table_name")).eq(field(name("tc", "table_name"))))
                        .and(field(name("kcu", "table_schema")).eq(field(name("tc", "table_schema")))))
                .where(field(name("tc", "constraint_type")).eq(DSL.inline("PRIMARY KEY")))
                .and(field(name("tc", "table_name")).eq(table))
                .and(field(name("tc", "table_schema")).eq(DSL.field("current_schema()", String.class)))
                .orderBy(field(name("kcu", "ordinal_position")))
                .fetch();
    }

    /**
     * The change to {@code entity}'s key from {@code current}, counting the records in its way;
     * {@code existing} are the fields the table has now (a new key field is empty in every record).
     */
    SchemaChange.ChangeKey change(Entity entity, List<String> current, Collection<String> existing) {
        String t = entity.name();
        long rows = store.count(t);
        Map<String, Long> missing = new LinkedHashMap<>();
        Condition whole = DSL.noCondition();
        boolean allExist = true;
        for (String k : entity.key()) {
            if (!existing.contains(k)) {
                missing.put(k, rows);
                allExist = false;
            } else {
                missing.put(k, (long) dsl.fetchCount(dsl.selectOne().from(table(name(t))).where(field(name(k)).isNull())));
                whole = whole.and(field(name(k)).isNotNull());
            }
        }
        long sharedKeys = 0;
        long sharingRecords = 0;
        if (allExist) {
            var groups = dsl.select(count().as("n")).from(table(name(t))).where(whole)
                    .groupBy(entity.key().stream().map(k -> field(name(k))).toList()).having(count().gt(1)).asTable("g");
            Record1<Long> shared = dsl.select(DSL.coalesce(DSL.sum(field(name("g", "n"), Long.class)), DSL.inline(0L)).cast(Long.class))
                    .from(groups).fetchOne();
            sharingRecords = shared.value1();
            sharedKeys = dsl.fetchCount(groups);
        }
        return new SchemaChange.ChangeKey(t, current, entity.key(), sharedKeys, sharingRecords, missing,
                List.copyOf(entity.fields().keySet()));
    }

    /**
     * Replaces the primary key. PostgreSQL drops and adds the constraint (and lets the fields that
     * leave the key be empty again). DuckDB can drop neither a constraint nor a column before an
     * indexed one, so the table is copied into a new one, with the columns the schema keeps in
     * their order, that gets the new key.
     */
    void replace(SchemaChange.ChangeKey k) {
        var newKey = k.to().stream().map(c -> field(name(c))).toList();
        if (store.dialect().rekeysByCopy()) {
            List<org.jooq.Field<Object>> kept = dsl.select(field(name("column_name"), String.class))
                    .from(table(name("information_schema", "columns")))
                    .where(field(name("table_name")).eq(k.entity()))
                    .and(field(name("table_schema")).eq(DSL.field("current_schema()", String.class)))
                    .orderBy(field(name("ordinal_position")))
                    .fetch(0, String.class).stream().filter(k.fields()::contains).map(c -> field(name(c))).toList();
            dsl.createTable(name(REKEY + k.entity())).as(dsl.select(kept).from(table(name(k.entity())))).execute();
            dsl.dropTable(name(k.entity())).execute();
            dsl.alterTable(name(REKEY + k.entity())).renameTo(name(k.entity())).execute();
        } else {
            String constraint = constraint(k.entity()).getValue(0, field(name("tc", "constraint_name"), String.class));
            dsl.alterTable(name(k.entity())).dropConstraint(name(constraint)).execute();
            for (String old : k.from()) {
                if (!k.to().contains(old)) {
                    dsl.alterTable(name(k.entity())).alterColumn(name(old)).dropNotNull().execute();
                }
            }
        }
        dsl.alterTable(name(k.entity())).add(DSL.primaryKey(newKey.toArray(org.jooq.Field[]::new))).execute();
    }
}
