package dev.herald.store.schema;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import dev.herald.schema.OrphanReport;
import dev.herald.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Rows that point to no record: for each many-to-one link of an entity ({@code purchase.store}),
 * the rows whose link field is set to a key its target does not have. Counted in one set-based
 * query per link (an anti-join), with a few examples.
 */
public final class Orphans {

    private final DSLContext dsl;
    private final Schema schema;

    public Orphans(DSLContext dsl, Schema schema) {
        this.dsl = dsl;
        this.schema = schema;
    }

    /** The orphans of each many-to-one link of {@code entity}, with up to {@code examples} examples each. */
    public List<OrphanReport> of(Entity entity, int examples) {
        List<OrphanReport> reports = new ArrayList<>();
        for (Link link : entity.links().values()) {
            if (link.isToMany()) {
                continue;
            }
            Entity target = schema.entity(link.target()).orElseThrow();
            Table<?> rows = table(name(entity.name())).as("r");
            Table<?> records = table(name(target.name())).as("t");
            Condition orphan = field(name("r", link.field())).isNotNull().and(notExists(selectOne().from(records)
                    .where(field(name("t", target.key().get(0))).eq(field(name("r", link.field()))))));
            long count = dsl.fetchCount(dsl.selectOne().from(rows).where(orphan));
            List<String> found = new ArrayList<>();
            if (count > 0 && examples > 0) {
                var keys = entity.key().stream().map(k -> field(name("r", k))).toList();
                List<org.jooq.SelectField<?>> select = new ArrayList<>(keys);
                select.add(field(name("r", link.field())));
                for (Record r : dsl.select(select).from(rows).where(orphan).orderBy(keys).limit(examples).fetch()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < entity.key().size(); i++) {
                        b.append(i == 0 ? "" : ", ").append(entity.key().get(i)).append(' ').append(r.get(i));
                    }
                    found.add(b.append(" (").append(link.field()).append(' ').append(r.get(entity.key().size())).append(')').toString());
                }
            }
            reports.add(new OrphanReport(entity.name(), link, count, found));
        }
        return reports;
    }
}
