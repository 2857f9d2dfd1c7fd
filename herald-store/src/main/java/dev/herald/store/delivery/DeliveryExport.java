package dev.herald.store.delivery;

import static org.jooq.impl.DSL.cast;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Activity;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.activity.Delivery;
import dev.herald.channel.ChannelTypes;
import dev.herald.error.UserError;
import dev.herald.delivery.MessageLog;
import dev.herald.load.CsvCell;
import dev.herald.load.FileFormat;
import dev.herald.load.ImportException;
import dev.herald.store.Dialect;
import dev.herald.store.Store;
import dev.herald.store.load.Exporter;
import dev.herald.campaign.run.RunRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;

/**
 * Writes what a delivery activity of a run produced to CSV or Parquet, through the store's COPY
 * path (never row by row): its messages — each with its status, exclusion reason and address —
 * or, for a direct-mail activity, its file: a header of its columns, then the line of each message.
 */
public final class DeliveryExport {

    /** What was written: how many rows, and which. */
    public record Written(long rows, String what) {
    }

    private static final Map<String, String> MESSAGE_COLUMNS = columns("message_id", "BIGINT", "recipient", "VARCHAR",
            "secondary", "VARCHAR", "address", "VARCHAR", "status", "VARCHAR", "reason", "VARCHAR", "sent_at", "TIMESTAMPTZ",
            "error", "VARCHAR");

    private final Store store;
    private final DSLContext dsl;

    public DeliveryExport(Store store) {
        this.store = store;
        this.dsl = store.dsl();
    }

    /**
     * Exports a delivery activity of a run: for a direct-mail activity its lines, unless
     * {@code messages}; for any other channel its messages.
     */
    public Written export(Plan plan, RunRecord run, String activityId, boolean messages, Path file) {
        Activity a = plan.activity(activityId);
        if (!(a.config() instanceof Delivery delivery)) {
            List<String> deliveries = plan.order().stream().filter(x -> x.config() instanceof Delivery).map(Activity::id).toList();
            throw UserError.invalid("'" + a.id() + "' is a " + a.type() + " activity, not a delivery"
                    + (deliveries.isEmpty() ? "; campaign " + plan.campaign().id() + " has none"
                    : " (deliveries: " + String.join(", ", deliveries) + ")"));
        }
        long id = new DeliveryTables(store).find(run.id(), a.id()).orElseThrow(() -> UserError.notFound(
                "'" + a.id() + "' has not prepared its messages in run " + run.id() + " yet", null));
        if (delivery.channel().equals(ChannelTypes.DIRECT_MAIL) && !messages) {
            return new Written(lines(id, List.copyOf(delivery.columns().keySet()), file), "lines");
        }
        return new Written(messages(id, file), "messages");
    }

    /** A delivery's messages, in the order they were numbered. */
    public long messages(long deliveryId, Path file) {
        var m = table(name(MessageLog.TABLE));
        String query = dsl.render(dsl.select(
                        field(name("id")).as("message_id"),
                        coalesce(cast(field(name("recipient_id")), SQLDataType.VARCHAR), field(name("recipient_code"), String.class)).as("recipient"),
                        coalesce(cast(field(name("secondary_id")), SQLDataType.VARCHAR), field(name("secondary_code"), String.class)).as("secondary"),
                        field(name("address")), field(name("status")), field(name("reason")), field(name("sent_at")), field(name("error")))
                .from(m).where(field(name("delivery_id"), Long.class).eq(inline(deliveryId))).orderBy(field(name("id"))));
        return new Exporter(store).export(query, MESSAGE_COLUMNS, file, "the messages of delivery " + deliveryId);
    }

    /**
     * A direct-mail delivery's file: the header, then each line as it was rendered (already a CSV
     * line), in the order of the messages. A test run renders none: the file has its header only.
     */
    public long lines(long deliveryId, List<String> columns, Path file) {
        FileFormat format = FileFormat.of(file);
        if (format == FileFormat.NDJSON) {
            throw new ImportException("export writes CSV (.csv, .csv.gz) or Parquet (.parquet); NDJSON is read only");
        }
        String header = columns.stream().map(CsvCell::quote).collect(Collectors.joining(","));
        String query = "SELECT line FROM (SELECT 0 AS position, " + dsl.render(inline(header)) + " AS line UNION ALL "
                + "SELECT message_id, body FROM herald_outbox WHERE delivery_id = " + deliveryId + ") lines ORDER BY position";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path csv = format == FileFormat.CSV ? file : store.temporaryFile("lines-", ".csv");
            try {
                long rows = store.withConnection(c -> store.isDuckDb() ? rawLinesWithDuckDb(c, query, csv) : rawLinesOutOfPostgres(c, query, csv));
                if (format == FileFormat.PARQUET) {
                    toParquet(csv, columns, file);
                }
                return rows - 1;
            } finally {
                if (!csv.equals(file)) {
                    Files.deleteIfExists(csv);
                }
            }
        } catch (IOException e) {
            throw new ImportException("cannot export the lines of delivery " + deliveryId + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Each value is a whole line already: written as it is, neither quoted nor escaped. */
    private static long rawLinesWithDuckDb(Connection c, String query, Path file) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeLargeUpdate("COPY (" + query + ") TO " + DSL.using(SQLDialect.DUCKDB).render(inline(file.toAbsolutePath().toString()))
                    + " (FORMAT csv, HEADER false, QUOTE '', ESCAPE ''" + (FileFormat.isGzip(file) ? ", COMPRESSION gzip" : "") + ")");
        }
    }

    /** PostgreSQL's text format escapes backslashes and control characters; the stream undoes it as it arrives. */
    private static long rawLinesOutOfPostgres(Connection c, String query, Path file) throws SQLException, IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream zipped = FileFormat.isGzip(file) ? new GZIPOutputStream(raw, 1 << 16) : raw;
             OutputStream out = new CopyTextDecoder(zipped)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT (FORMAT text)", out);
        }
    }

    private void toParquet(Path csv, List<String> columns, Path file) {
        String types = columns.stream().map(c -> dsl.render(inline(c)) + ": 'VARCHAR'").collect(Collectors.joining(", "));
        String read = "SELECT * FROM read_csv(" + dsl.render(inline(csv.toAbsolutePath().toString()))
                + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {" + types + "})";
        String copy = "COPY (" + read + ") TO " + DSL.using(SQLDialect.DUCKDB).render(inline(file.toAbsolutePath().toString()))
                + " (FORMAT parquet)";
        if (store.isDuckDb()) {
            store.withConnection(c -> {
                Dialect.execute(c, copy);
                return null;
            });
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            Dialect.execute(c, copy);
        } catch (SQLException e) {
            throw new ImportException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> columns(String... nameAndType) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < nameAndType.length; i += 2) {
            columns.put(nameAndType[i], nameAndType[i + 1]);
        }
        return columns;
    }
}
