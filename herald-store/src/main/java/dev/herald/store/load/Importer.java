package dev.herald.store.load;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import dev.herald.error.Action;
import dev.herald.load.CsvOptions;
import dev.herald.load.ImportColumns;
import dev.herald.load.ImportException;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.load.InputFiles;
import dev.herald.load.Reject;
import dev.herald.load.RejectsFile;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.store.DiskFullException;
import dev.herald.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Imports one file into one entity: stage it through the store's bulk path, reject what cannot
 * load (with line, column and reason), then insert, upsert or delete in one set-based statement.
 * Everything happens in one transaction; past {@code maxErrors} rejects it is rolled back.
 */
public final class Importer {

    private static final int SUMMARY_REJECTS = 10;
    private static final String ORDER = "herald_ord";

    private final Store store;
    private final Schema schema;
    private final DSLContext dsl;

    public Importer(Store store, Schema schema) {
        this.store = store;
        this.schema = schema;
        this.dsl = store.dsl();
    }

    public ImportSummary run(ImportRequest request) {
        try {
            return runOnce(request);
        } catch (DiskFullException e) {
            throw new DiskFullException(store.location(), "run the import again", e.getCause());
        }
    }

    private ImportSummary runOnce(ImportRequest request) {
        long started = System.nanoTime();
        Entity entity = schema.entity(request.entity()).orElseThrow(() -> new ImportException(
                "unknown entity '" + request.entity() + "'" + DidYouMean.hint(request.entity(), schema.entities().keySet())
                        + " (entities: " + String.join(", ", schema.entities().keySet()) + ")"));
        InputFiles.requireReadable(request.file());
        if (!store.hasTable(entity.name())) {
            throw new ImportException("entity '" + entity.name() + "' has no table in the store yet; apply the schema first",
                    new Action.ApplySchema(false));
        }
        try (Conversion conversion = Conversion.of(request, entity, store)) {
            try {
                return load(request, entity, conversion, started);
            } catch (RuntimeException e) {
                if (conversion.temporary() || !DuckDbStage.isReaderFailure(e)) {
                    throw e;
                }
            }
            // DuckDB's reader failed on a file Herald found plain (undone): Herald's reader reads it instead
            try (Conversion herald = Conversion.readByHerald(request, entity, store)) {
                return load(request, entity, herald, started);
            }
        }
    }

    private ImportSummary load(ImportRequest request, Entity entity, Conversion conversion, long started) {
        Path csv = conversion.csv();
        CsvOptions options = conversion.options();
        ImportColumns columns = conversion.columns();
        try {
            if (request.mode() == ImportMode.INSERT && !columns.hasChange()) {
                try {
                    return store.inTransaction(() -> copyDirectly(stage(), request, entity, columns, csv, options,
                            conversion, started));
                } catch (NeedsStaging undone) {
                    // undone; the staged path below names every row whose key or value cannot load
                }
            }
            return store.inTransaction(() -> importStaged(request, entity, columns, stage(), csv, options,
                    conversion, started));
        } catch (RolledBack r) {
            // logged after the rollback, in a transaction of its own: the log says it was tried
            store.inTransaction(() -> {
                log(request, r.summary);
                return null;
            });
            return r.summary;
        }
    }

    /** The engine's bulk path, on the connection of the unit of work under way. */
    private ImportStage stage() {
        return store.isDuckDb() ? new DuckDbStage(dsl, store.connection()) : new PostgresStage(dsl, store.connection());
    }

    /**
     * Inserts go straight into the table, as fast as the engine's own bulk load. A key that is
     * missing or taken makes the load fail with a constraint error, and on DuckDB so does a value
     * that does not fit; then the transaction is undone ({@link NeedsStaging}) and the import goes
     * through the stage instead.
     */
    private ImportSummary copyDirectly(ImportStage stage, ImportRequest request, Entity entity, ImportColumns columns,
                                       Path csv, CsvOptions options, Conversion conversion, long started) throws SQLException {
        RejectTable.create(dsl);
        ImportStage.Copied copied;
        try {
            copied = stage.copyInto(entity, csv, columns, options, conversion.rejects(), conversion.typedByReader());
        } catch (SQLException | org.jooq.exception.DataAccessException e) {
            if (isKeyConflict(e) || DuckDbStage.isBadValue(e)) {
                throw new NeedsStaging();
            }
            throw e;
        }
        Rejected rejected = settle(request, entity, copied.read(), started);
        return finish(request, entity, copied.read(), copied.rows(), 0, 0, rejected, started);
    }

    /** The rejects of an import: how many, and the first few for the summary. */
    private record Rejected(long count, List<Reject> first) {
    }

    /** Writes the rejects file; past the limit, unwinds the transaction with a rolled-back summary. */
    private Rejected settle(ImportRequest request, Entity entity, long read, long started) {
        long count = dsl.fetchCount(RejectTable.TABLE);
        List<Reject> first = writeRejects(request.rejectsFile(), count);
        if (count > request.maxErrors()) {
            throw new RolledBack(new ImportSummary(entity.name(), read, 0, 0, 0, count,
                    Duration.ofNanos(System.nanoTime() - started), first, request.rejectsFile(), true));
        }
        return new Rejected(count, first);
    }

    /** Logs the import and drops its temporary tables. */
    private ImportSummary finish(ImportRequest request, Entity entity, long read, long inserted, long updated, long deleted,
                                 Rejected rejected, long started) {
        ImportSummary summary = new ImportSummary(entity.name(), read, inserted, updated, deleted, rejected.count(),
                Duration.ofNanos(System.nanoTime() - started), rejected.first(),
                rejected.count() > 0 ? request.rejectsFile() : null, false);
        log(request, summary);
        dsl.dropTableIfExists(table(name(ImportStage.TABLE))).execute();
        dsl.dropTableIfExists(RejectTable.TABLE).execute();
        return summary;
    }

    /** A unique or not-null violation: PostgreSQL's SQL states 23505/23502, DuckDB's "Constraint Error". */
    private static boolean isKeyConflict(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("23505".equals(sql.getSQLState()) || "23502".equals(sql.getSQLState())
                    || (sql.getMessage() != null && sql.getMessage().startsWith("Constraint Error")))) {
                return true;
            }
        }
        return false;
    }

    /** Thrown to undo a direct insert that met a missing or taken key, or a value that does not fit. */
    private static final class NeedsStaging extends RuntimeException {
        NeedsStaging() {
            super("needs staging", null, false, false);
        }
    }

    private ImportSummary importStaged(ImportRequest request, Entity entity, ImportColumns columns, ImportStage stage,
                                       Path csv, CsvOptions options, Conversion conversion, long started) throws SQLException {
        RejectTable.create(dsl);
        long read = stage.load(entity, csv, columns, options, conversion.rejects(), conversion.typedByReader());
        Table<?> staged = table(name(ImportStage.TABLE));
        rejectInvalidRows(request.mode(), entity, columns, stage, conversion);
        Rejected rejected = settle(request, entity, read, started);
        Table<?> target = table(name(entity.name()));
        Select<? extends Record> valid = dsl.select(stage.order().as(ORDER), staged.asterisk()).from(staged)
                .where(rejected.count() == 0 ? DSL.noCondition()
                        : notExists(selectOne().from(RejectTable.TABLE).where(RejectTable.ORD.eq(stage.order()))));
        long inserted = 0;
        long updated = 0;
        long deleted = 0;
        List<Field<Object>> fields = columns.fields().stream().map(f -> field(name(f.name()))).toList();
        List<Field<Object>> key = entity.key().stream().map(k -> field(name(k))).toList();
        if (request.mode() == ImportMode.INSERT) {
            inserted = dsl.insertInto(target).columns(fields).select(select(fields).from(valid.asTable("v"))).execute();
        } else if (request.mode() == ImportMode.DELETE) {
            deleted = delete(target, entity, valid.asTable("v"));
        } else {
            Table<?> ranked = latest(valid, key).asTable("latest");
            if (columns.hasChange()) {
                Field<String> change = field(name("latest", ImportColumns.CHANGE), String.class);
                deleted = delete(target, entity, dsl.selectFrom(ranked).where(DSL.lower(change).eq(inline("d"))).asTable("d"));
                ranked = dsl.selectFrom(ranked).where(change.isNull().or(DSL.lower(change).ne(inline("d")))).asTable("u");
            }
            Table<?> latest = ranked;
            updated = dsl.fetchCount(dsl.selectOne().from(latest).whereExists(selectOne().from(target)
                    .where(keyMatch(entity, target, latest))));
            long total = dsl.fetchCount(latest);
            List<Field<Object>> latestFields = columns.fields().stream().map(f -> field(name(latest.getName(), f.name()))).toList();
            var insert = dsl.insertInto(target).columns(fields).select(select(latestFields).from(latest))
                    .onConflict(key);
            if (columns.hasNonKeyFields(entity)) {
                var set = new java.util.LinkedHashMap<Field<?>, Field<?>>();
                for (var f : columns.fields()) {
                    if (!entity.isKey(f.name())) {
                        set.put(field(name(f.name())), DSL.excluded(field(name(f.name()))));
                    }
                }
                insert.doUpdate().set(set).execute();
            } else {
                insert.doNothing().execute();
            }
            inserted = total - updated;
        }
        return finish(request, entity, read, inserted, updated, deleted, rejected, started);
    }

    /** Records rows that staged but cannot load: a missing key, a bad change code, a key that is taken. */
    private void rejectInvalidRows(ImportMode mode, Entity entity, ImportColumns columns, ImportStage stage, Conversion conversion) {
        Table<?> staged = table(name(ImportStage.TABLE));
        for (String k : entity.key()) {
            rejectWhere(stage, conversion.columnOf(k), "missing key value", field(name(ImportStage.TABLE, k)).isNull());
        }
        if (columns.hasChange()) {
            Field<String> change = field(name(ImportStage.TABLE, ImportColumns.CHANGE), String.class);
            rejectWhere(stage, ImportColumns.CHANGE, "_change must be 'u' (upsert) or 'd' (delete)",
                    change.isNotNull().and(DSL.lower(change).notIn(inline("u"), inline("d"))));
        }
        if (mode != ImportMode.INSERT) {
            return;
        }
        List<Field<Object>> key = entity.key().stream().map(k -> field(name(ImportStage.TABLE, k))).toList();
        Table<?> numbered = dsl.select(stage.order().as("ord"), rowNumber().over().partitionBy(key).orderBy(stage.order()).as("rn"))
                .from(staged).asTable("numbered");
        Field<Long> ord = field(name("numbered", "ord"), Long.class);
        rejectWhere(stage, conversion.columnOf(entity.key().get(0)), "duplicate key: an earlier line of the file has the same key",
                stage.order().in(select(ord).from(numbered).where(field(name("numbered", "rn"), Long.class).gt(1L))));
        Table<?> target = table(name(entity.name()));
        if (dsl.fetchExists(target)) {
            Table<?> stagedAlias = staged;
            rejectWhere(stage, conversion.columnOf(entity.key().get(0)), "key already exists in '" + entity.name()
                            + "' (import with --mode upsert to update it)",
                    DSL.exists(selectOne().from(target).where(keyMatch(entity, target, stagedAlias))));
        }
    }

    private void rejectWhere(ImportStage stage, String column, String reason, Condition condition) {
        Table<?> staged = table(name(ImportStage.TABLE));
        dsl.insertInto(RejectTable.TABLE, RejectTable.ORD_COLUMN, RejectTable.LINE_COLUMN, RejectTable.COLUMN_COLUMN,
                        RejectTable.REASON_COLUMN, RejectTable.KEY_COLUMN)
                .select(select(stage.order(), stage.line(), inline(column), inline(reason), stage.key()).from(staged)
                        .where(condition)
                        .and(notExists(selectOne().from(RejectTable.TABLE).where(RejectTable.ORD.eq(stage.order())))))
                .execute();
    }

    /** Per key, the row that comes last in the file. */
    private Select<? extends Record> latest(Select<? extends Record> valid, List<Field<Object>> key) {
        Table<?> v = valid.asTable("v");
        Field<Long> order = field(name("v", ORDER), Long.class);
        List<Field<Object>> vKey = key.stream().map(k -> field(name("v", k.getName()))).toList();
        Table<?> ranked = dsl.select(v.asterisk(), rowNumber().over().partitionBy(vKey).orderBy(order.desc()).as("herald_rn"))
                .from(v).asTable("ranked");
        return dsl.select(ranked.fields()).from(ranked).where(field(name("ranked", "herald_rn"), Long.class).eq(1L));
    }

    private int delete(Table<?> target, Entity entity, Table<?> keys) {
        return dsl.deleteFrom(target).whereExists(selectOne().from(keys).where(keyMatch(entity, target, keys))).execute();
    }

    private static Condition keyMatch(Entity entity, Table<?> a, Table<?> b) {
        Condition c = DSL.noCondition();
        for (String k : entity.key()) {
            c = c.and(field(name(a.getName(), k)).eq(field(name(b.getName(), k))));
        }
        return c;
    }

    private List<Reject> writeRejects(Path rejectsFile, long rejected) {
        List<Reject> first = new ArrayList<>();
        if (rejected == 0) {
            return first;
        }
        try (RejectsFile out = new RejectsFile(rejectsFile, true)) {
            for (var r : dsl.select(RejectTable.LINE, RejectTable.COLUMN, RejectTable.REASON, RejectTable.KEY).from(RejectTable.TABLE)
                    .orderBy(RejectTable.LINE).fetchLazy()) {
                Reject reject = new Reject(r.value1() == null ? 0 : r.value1(), r.value2(), r.value3(), r.value4());
                out.write(reject);
                if (first.size() < SUMMARY_REJECTS) {
                    first.add(reject);
                }
            }
        } catch (IOException e) {
            throw new ImportException("cannot write the rejects file " + rejectsFile + ": " + e.getMessage(), e);
        }
        return first;
    }

    private void log(ImportRequest request, ImportSummary s) {
        dsl.insertInto(table(name("herald_import")))
                .set(field(name("entity")), s.entity())
                .set(field(name("file")), request.file().toString())
                .set(field(name("mode")), request.mode().name().toLowerCase())
                .set(field(name("started_at")), store.now().minus(s.took()))
                .set(field(name("rows_read")), s.read())
                .set(field(name("inserted")), s.inserted())
                .set(field(name("updated")), s.updated())
                .set(field(name("deleted")), s.deleted())
                .set(field(name("rejected")), s.rejected())
                .set(field(name("rolled_back")), s.rolledBack())
                .set(field(name("seconds")), s.took().toNanos() / 1e9)
                .execute();
    }

    /** Unwinds the transaction while carrying the summary out of it. */
    private static final class RolledBack extends RuntimeException {
        private final transient ImportSummary summary;

        RolledBack(ImportSummary summary) {
            super("rolled back", null, false, false);
            this.summary = summary;
        }
    }

}
