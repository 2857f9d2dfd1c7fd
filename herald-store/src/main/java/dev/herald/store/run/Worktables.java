package dev.herald.store.run;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.run.WorktableStore;
import dev.herald.error.UserError;
import dev.herald.preview.Preview;
import dev.herald.schema.DidYouMean;
import dev.herald.store.Store;
import dev.herald.text.Echo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The worktables of runs: a preview of one, and dropping those of runs that ended long ago. */
public final class Worktables implements WorktableStore {

    private final Store store;
    private final Runs runs;

    public Worktables(Store store, Runs runs) {
        this.store = store;
        this.runs = runs;
    }

    /**
     * The first {@code limit} rows of a worktable by key: its columns, then the chosen fields of the
     * dimension's records.
     */
    @Override
    public Preview preview(String worktable, Population p, List<String> fields, int limit) {
        Table<?> t = table(name(worktable)).as("t");
        List<Field<?>> columns = new ArrayList<>();
        p.columns().keySet().forEach(c -> columns.add(field(name("t", c)).as(c)));
        Table<?> from = t;
        if (!fields.isEmpty()) {
            if (!p.isRecords()) {
                throw UserError.invalid("fields", "fields of the dimension's records are read; this transition carries "
                        + p.describe());
            }
            for (String f : fields) {
                if (!p.dimension().fields().containsKey(f)) {
                    throw UserError.invalid("fields", "unknown field " + Echo.quoted(f) + " on " + p.dimension().name()
                            + DidYouMean.hint(f, p.dimension().fields().keySet()));
                }
                columns.add(field(name("d", f)).as(p.dimension().name() + "." + f));
            }
            from = t.leftJoin(table(name(p.dimension().name())).as("d"))
                    .on(field(name("d", p.dimension().key().get(0))).eq(field(name("t", p.key()))));
        }
        Result<Record> rows = store.dsl().select(columns).from(from).orderBy(field(name("t", p.key()))).limit(limit).fetch();
        return new Preview(columns.stream().map(Field::getName).toList(), rows.stream().map(r -> java.util.Arrays.asList(r.intoArray())).toList());
    }

    @Override
    public int purge(Instant before) {
        int purged = 0;
        for (long runId : runs.purgeable(before)) {
            store.inTransaction(() -> {
                for (String v : viewsOf(runId)) {
                    store.dsl().dropViewIfExists(name(v)).execute(); // views first: they read the tables
                }
                for (String t : tablesOf(runId)) {
                    store.dsl().dropTableIfExists(name(t)).execute();
                }
                runs.purged(runId);
                runs.log(runId, "info", null, "worktables purged", null);
                return null;
            });
            purged++;
        }
        return purged;
    }

    /** The worktables of one run that are tables. */
    public List<String> tablesOf(long runId) {
        return worktables(runId, false);
    }

    /** The worktables of one run that are views (a delivery's recipients). */
    public List<String> viewsOf(long runId) {
        return worktables(runId, true);
    }

    private List<String> worktables(long runId, boolean views) {
        String prefix = "herald_wt_" + runId + "_";
        return store.dsl().select(field(name("table_name"), String.class)).from(table(name("information_schema", "tables")))
                .where(field(name("table_name"), String.class).startsWith(prefix))
                .and(field(name("table_schema")).eq(DSL.field("current_schema()", String.class)))
                .and(views ? field(name("table_type")).eq(DSL.inline("VIEW")) : field(name("table_type")).ne(DSL.inline("VIEW")))
                .fetch(0, String.class).stream().filter(n -> n.startsWith(prefix)).toList(); // '_' is a LIKE wildcard
    }
}
