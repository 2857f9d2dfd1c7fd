package dev.herald.store.load;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.herald.load.BadValueException;
import dev.herald.load.CsvOptions;
import dev.herald.load.CsvRecordReader;
import dev.herald.load.ImportColumns;
import dev.herald.load.ImportException;
import dev.herald.load.InputFiles;
import dev.herald.load.Reject;
import dev.herald.load.ValueConverter;
import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.schema.FieldType;
import dev.herald.store.SqlTypes;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    PostgresStage(DSLContext dsl, Connection connection) {
        this.dsl = dsl;
        this.connection = connection;
    }

    @Override
    public long load(Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects) throws SQLException {
        var create = dsl.createTemporaryTable(TABLE).column(field(name(ImportColumns.LINE), SQLDataType.BIGINT));
        for (String column : columns.header()) {
            if (!column.equals(ImportColumns.LINE)) {
                Field f = fieldOf(columns, column);
                create = create.column(name(column), f == null ? SQLDataType.VARCHAR : SqlTypes.of(f.type(), SQLDialect.POSTGRES));
            }
        }
        dsl.dropTableIfExists(TABLE).execute();
        create.execute();
        List<Reject> rejects = new ArrayList<>(earlierRejects);
        long read = stream(csv, columns, options, rejects, TABLE, true, List.of()).read();
        RejectTable.insert(dsl, rejects);
        return read;
    }

    /**
     * Copies straight into the entity's table, for inserts: rows with a bad value or no key are
     * rejected on the way; a key that is taken makes the COPY fail (then the caller stages).
     */
    @Override
    public Copied copyInto(Entity entity, Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects)
            throws SQLException {
        List<Reject> rejects = new ArrayList<>(earlierRejects);
        Copied copied = stream(csv, columns, options, rejects, entity.name(), false, entity.key());
        RejectTable.insert(dsl, rejects);
        return copied;
    }

    private Copied stream(Path csv, ImportColumns columns, CsvOptions options, List<Reject> rejects, String table,
                          boolean withLine, List<String> requiredKey) throws SQLException {
        List<String> header = columns.header();
        int width = header.size();
        ValueConverter[] converters = new ValueConverter[width];
        boolean[] isKey = new boolean[width];
        int lineIndex = header.indexOf(ImportColumns.LINE);
        List<String> copyColumns = new ArrayList<>();
        if (withLine) {
            copyColumns.add(ImportColumns.LINE);
        }
        for (int i = 0; i < width; i++) {
            String column = header.get(i);
            if (i != lineIndex) {
                Field f = fieldOf(columns, column);
                converters[i] = new ValueConverter(f == null ? FieldType.of(FieldType.Kind.STRING) : f.type(), options);
                isKey[i] = requiredKey.contains(column);
                copyColumns.add(column);
            }
        }
        String copy = "COPY " + dsl.render(name(table)) + " ("
                + String.join(", ", copyColumns.stream().map(c -> dsl.render(name(c))).toList()) + ") FROM STDIN (FORMAT csv)";
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        // One thread reads, checks and converts the file while this one feeds the server: the
        // server's parsing and index work overlaps Herald's, on separate cores.
        BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "herald-import-reader");
            t.setDaemon(true);
            return t;
        });
        Future<Long> reading = reader.submit(() -> read(csv, options, header, lineIndex, converters, isKey, withLine,
                rejects, chunks));
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
            if (cause instanceof CharacterCodingException) {
                throw new ImportException(csv + " is not valid UTF-8 text; save it as UTF-8 and import again");
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

    /** Reads records, rejects bad ones, and queues canonical CSV in chunks; returns the records read. */
    private static long read(Path csv, CsvOptions options, List<String> header, int lineIndex, ValueConverter[] converters,
                             boolean[] isKey, boolean withLine, List<Reject> rejects, BlockingQueue<byte[]> chunks)
            throws IOException, InterruptedException {
        int width = header.size();
        long read = 0;
        try (CsvRecordReader reader = new CsvRecordReader(InputFiles.reader(csv), options)) {
            reader.next();
            StringBuilder out = new StringBuilder(FLUSH_BYTES + 4096);
            String[] canonical = new String[width];
            List<String> values;
            while ((values = reader.next()) != null) {
                long line = reader.recordNumber();
                if (values.size() == 1 && values.get(0) == null && width > 1) {
                    continue; // a blank line
                }
                read++;
                if (lineIndex >= 0) {
                    line = Long.parseLong(values.get(lineIndex));
                }
                if (values.size() != width) {
                    rejects.add(new Reject(line, null, "expected " + width + " columns, found " + values.size()));
                    continue;
                }
                Reject bad = null;
                for (int i = 0; i < width && bad == null; i++) {
                    if (i == lineIndex) {
                        continue;
                    }
                    try {
                        canonical[i] = converters[i].convert(values.get(i));
                    } catch (BadValueException e) {
                        bad = new Reject(line, header.get(i), e.getMessage());
                    }
                    if (bad == null && isKey[i] && canonical[i] == null) {
                        bad = new Reject(line, header.get(i), "missing key value");
                    }
                }
                if (bad != null) {
                    rejects.add(bad);
                    continue;
                }
                boolean first = true;
                if (withLine) {
                    out.append(line);
                    first = false;
                }
                for (int i = 0; i < width; i++) {
                    if (i != lineIndex) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        appendCsv(out, canonical[i]);
                    }
                }
                out.append('\n');
                if (out.length() >= FLUSH_BYTES) {
                    chunks.put(out.toString().getBytes(StandardCharsets.UTF_8));
                    out.setLength(0);
                }
            }
            if (!out.isEmpty()) {
                chunks.put(out.toString().getBytes(StandardCharsets.UTF_8));
            }
            return read;
        } finally {
            chunks.put(END);
        }
    }

    private static Field fieldOf(ImportColumns columns, String column) {
        for (Field f : columns.fields()) {
            if (f.name().equals(column)) {
                return f;
            }
        }
        return null;
    }

    private static void appendCsv(StringBuilder out, String value) {
        if (value == null) {
            return;
        }
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    @Override
    public org.jooq.Field<Long> order() {
        return field(name(TABLE, ImportColumns.LINE), Long.class);
    }

    @Override
    public org.jooq.Field<Long> line() {
        return order();
    }
}
