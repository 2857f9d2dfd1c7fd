package dev.herald.store.load;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.herald.load.CsvOptions;
import dev.herald.load.ImportColumns;
import dev.herald.load.ImportException;
import dev.herald.load.Reject;
import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.store.SqlTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Stages a CSV file into PostgreSQL with {@code COPY … FROM STDIN}. Herald reads the file once,
 * checks every value against its field type (rejecting bad rows with their line numbers), and
 * streams canonical values to the server, which parses them in parallel with the reading.
 */
final class PostgresStage implements ImportStage {

    private static final int FLUSH_BYTES = 1 << 18;

    private final DSLContext dsl;
    private final Connection connection;
    private List<String> keyNames = List.of();
    private List<String> keyFields = List.of();

    PostgresStage(DSLContext dsl, Connection connection) {
        this.dsl = dsl;
        this.connection = connection;
    }

    @Override
    public long load(Entity entity, Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects,
                     Set<String> typedByReader) throws SQLException {
        this.keyNames = entity.key().stream().map(columns::columnOf).toList();
        this.keyFields = entity.key();
        var create = dsl.createTemporaryTable(TABLE).column(field(name(ImportColumns.LINE), SQLDataType.BIGINT));
        for (int i = 0; i < columns.header().size(); i++) {
            String loaded = columns.loadedName(i);
            if (loaded != null && !loaded.equals(ImportColumns.LINE)) {
                Field f = columns.fieldAt(i);
                create = create.column(name(loaded), f == null ? SQLDataType.VARCHAR : SqlTypes.of(f.type(), SQLDialect.POSTGRES));
            }
        }
        dsl.dropTableIfExists(TABLE).execute();
        create.execute();
        List<Reject> rejects = new ArrayList<>(earlierRejects);
        long read = stream(csv, new CheckedCsv(columns, options, true, entity.key(), false), rejects, TABLE).read();
        RejectTable.insert(dsl, rejects);
        return read;
    }

    /**
     * Copies straight into the entity's table, for inserts: rows with a bad value or no key are
     * rejected on the way; a key that is taken makes the COPY fail (then the caller stages).
     */
    @Override
    public Copied copyInto(Entity entity, Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects,
                           Set<String> typedByReader) throws SQLException {
        List<Reject> rejects = new ArrayList<>(earlierRejects);
        Copied copied = stream(csv, new CheckedCsv(columns, options, false, entity.key(), true), rejects, entity.name());
        RejectTable.insert(dsl, rejects);
        return copied;
    }

    private Copied stream(Path csv, CheckedCsv checked, List<Reject> rejects, String table) throws SQLException {
        String copy = "COPY " + dsl.render(name(table)) + " ("
                + String.join(", ", checked.header().stream().map(c -> dsl.render(name(c))).toList()) + ") FROM STDIN (FORMAT csv)";
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        // One thread reads, checks and converts the file while this one feeds the server: the
        // server's parsing and index work overlaps Herald's, on separate cores.
        BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "herald-import-reader");
            t.setDaemon(true);
            return t;
        });
        Future<Long> reading = reader.submit(() -> {
            try {
                return checked.copy(csv, rejects, text -> chunks.put(text.getBytes(StandardCharsets.UTF_8)));
            } finally {
                chunks.put(END);
            }
        });
        try {
            while (true) {
                byte[] chunk = chunks.take();
                if (chunk == END) {
                    break;
                }
                in.writeToCopy(chunk, 0, chunk.length);
            }
            long read = reading.get();
            return new Copied(read, in.endCopy());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ImportException ie) {
                throw ie;
            }
            throw new ImportException("cannot read " + csv + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException("the import of " + csv + " was interrupted", e);
        } finally {
            reading.cancel(true);
            reader.shutdownNow();
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static final byte[] END = new byte[0];

    @Override
    public org.jooq.Field<Long> order() {
        return field(name(TABLE, ImportColumns.LINE), Long.class);
    }

    @Override
    public org.jooq.Field<Long> line() {
        return order();
    }

    @Override
    public org.jooq.Field<String> key() {
        return ImportStage.keyText(keyNames, keyFields.stream().<org.jooq.Field<?>>map(k -> field(name(TABLE, k))).toList());
    }
}
