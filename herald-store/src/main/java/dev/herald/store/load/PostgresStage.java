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
import dev.herald.schema.Field;
import dev.herald.store.SqlTypes;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        List<String> header = columns.header();
        Map<String, Field> byName = new java.util.HashMap<>();
        columns.fields().forEach(f -> byName.put(f.name(), f));
        int width = header.size();
        ValueConverter[] converters = new ValueConverter[width];
        int lineIndex = -1;
        var create = dsl.createTemporaryTable(TABLE).column(field(name(ImportColumns.LINE), SQLDataType.BIGINT));
        List<String> copyColumns = new ArrayList<>();
        copyColumns.add(ImportColumns.LINE);
        for (int i = 0; i < width; i++) {
            String column = header.get(i);
            if (column.equals(ImportColumns.LINE)) {
                lineIndex = i;
                continue;
            }
            Field f = byName.get(column);
            converters[i] = new ValueConverter(f == null ? dev.herald.schema.FieldType.of(dev.herald.schema.FieldType.Kind.STRING)
                    : f.type(), options);
            org.jooq.DataType<?> type = f == null ? SQLDataType.VARCHAR : SqlTypes.of(f.type(), SQLDialect.POSTGRES);
            create = create.column(name(column), type);
            copyColumns.add(column);
        }
        dsl.dropTableIfExists(TABLE).execute();
        create.execute();
        String copy = "COPY " + TABLE + " (" + String.join(", ", copyColumns.stream().map(c -> dsl.render(name(c))).toList())
                + ") FROM STDIN (FORMAT csv)";
        List<Reject> rejects = new ArrayList<>(earlierRejects);
        long read = 0;
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
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
                }
                if (bad != null) {
                    rejects.add(bad);
                    continue;
                }
                out.append(line);
                for (int i = 0; i < width; i++) {
                    if (i != lineIndex) {
                        out.append(',');
                        appendCsv(out, canonical[i]);
                    }
                }
                out.append('\n');
                if (out.length() >= FLUSH_BYTES) {
                    flush(in, out);
                }
            }
            flush(in, out);
            in.endCopy();
        } catch (CharacterCodingException e) {
            in.cancelCopy();
            throw new ImportException(csv + " is not valid UTF-8 text (near record " + (read + 2) + "); save it as UTF-8 and import again");
        } catch (IOException e) {
            if (in.isActive()) {
                in.cancelCopy();
            }
            throw new ImportException("cannot read " + csv + ": " + e.getMessage(), e);
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        RejectTable.insert(dsl, rejects);
        return read;
    }

    private static void flush(CopyIn in, StringBuilder out) throws SQLException {
        if (!out.isEmpty()) {
            byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            out.setLength(0);
        }
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
