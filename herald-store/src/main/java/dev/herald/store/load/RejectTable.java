package dev.herald.store.load;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.load.Reject;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The temporary table of rejected rows of one import: {@code (ord, line, col, reason, key)}. */
final class RejectTable {

    static final Table<?> TABLE = table(name("herald_reject"));
    static final Field<Long> ORD = field(name("herald_reject", "ord"), Long.class);
    static final Field<Long> LINE = field(name("herald_reject", "line"), Long.class);
    static final Field<String> COLUMN = field(name("herald_reject", "col"), String.class);
    static final Field<String> REASON = field(name("herald_reject", "reason"), String.class);
    static final Field<String> KEY = field(name("herald_reject", "key"), String.class);
    static final Field<Long> ORD_COLUMN = field(name("ord"), Long.class);
    static final Field<Long> LINE_COLUMN = field(name("line"), Long.class);
    static final Field<String> COLUMN_COLUMN = field(name("col"), String.class);
    static final Field<String> REASON_COLUMN = field(name("reason"), String.class);
    static final Field<String> KEY_COLUMN = field(name("key"), String.class);

    private RejectTable() {
    }

    static void create(DSLContext dsl) {
        dsl.dropTableIfExists(TABLE).execute();
        dsl.createTemporaryTable(TABLE)
                .column(field(name("ord"), SQLDataType.BIGINT))
                .column(field(name("line"), SQLDataType.BIGINT))
                .column(field(name("col"), SQLDataType.VARCHAR))
                .column(field(name("reason"), SQLDataType.VARCHAR))
                .column(field(name("key"), SQLDataType.VARCHAR))
                .execute();
    }

    static void insert(DSLContext dsl, List<Reject> rejects) {
        for (int from = 0; from < rejects.size(); from += 1000) {
            var insert = dsl.insertInto(TABLE, LINE_COLUMN, COLUMN_COLUMN, REASON_COLUMN, KEY_COLUMN);
            for (Reject r : rejects.subList(from, Math.min(rejects.size(), from + 1000))) {
                insert = insert.values(r.line(), r.column(), r.reason(), r.key());
            }
            insert.execute();
        }
    }
}
