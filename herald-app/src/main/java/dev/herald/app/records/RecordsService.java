package dev.herald.app.records;

import dev.herald.app.engine.Engine;
import dev.herald.error.UserError;
import dev.herald.load.CsvOptions;
import dev.herald.load.CsvRecordReader;
import dev.herald.load.Reject;
import dev.herald.load.FileFormat;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.store.audience.StoredRows;
import dev.herald.store.load.Exporter;
import dev.herald.store.load.Importer;
import dev.herald.text.Echo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records written one or a batch at a time, and files sent whole — the API's records, imports and
 * exports — through the very import engine of {@code herald import}: every value is stored exactly
 * or its row is rejected with its line, column and reason, and the rest loads, in one transaction,
 * visible to the next audience count. What is sent waits in the workspace's {@code data/uploads}
 * while it is read, and is deleted after.
 */
public final class RecordsService {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Engine app;

    public RecordsService(Engine app) {
        this.app = app;
    }

    /** What a load did, and its rejected rows in the order of the data: the first {@link #REJECTS_SHOWN} of them. */
    public record Loaded(ImportSummary summary, List<Reject> rejects) {
    }

    /** How many rejected rows a load tells, at most (its summary counts them all). */
    public static final int REJECTS_SHOWN = 1_000;

    /** Loads {@code data} (CSV with a header, or NDJSON: one JSON object per line) into {@code entity}. */
    public Loaded load(String entity, InputStream data, FileFormat format, ImportMode mode, long maxErrors) {
        entity(entity);
        Path file = upload(data, format == FileFormat.NDJSON ? ".ndjson" : ".csv");
        Path rejects = ImportRequest.defaultRejectsFile(file);
        try {
            ImportSummary summary = new Importer(app.store(), app.schema()).run(new ImportRequest(entity, file, format, mode,
                    CsvOptions.DEFAULT, maxErrors, rejects));
            return new Loaded(summary, summary.rejected() == 0 ? List.of() : rejects(rejects));
        } finally {
            delete(file);
            delete(rejects);
        }
    }

    /** The rows of a rejects file ({@code line,column,reason,key}), the first {@link #REJECTS_SHOWN}. */
    private static List<Reject> rejects(Path file) {
        List<Reject> rejects = new ArrayList<>();
        try (CsvRecordReader in = new CsvRecordReader(file, CsvOptions.DEFAULT)) {
            in.next(); // its header
            for (List<String> row = in.next(); row != null && rejects.size() < REJECTS_SHOWN; row = in.next()) {
                rejects.add(new Reject(Long.parseLong(row.get(0)), blank(row.get(1)), row.get(2), row.size() > 3 ? blank(row.get(3)) : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rejects of the load: " + e.getMessage(), e);
        }
        return rejects;
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** One record by its key, with its fields; empty when there is none. */
    public Optional<Map<String, Object>> read(String entity, String key) {
        Entity e = entity(entity);
        return new StoredRows(app.store(), app.schema()).read(e, RecordKey.of(e, key, "key")).map(RecordKey::values);
    }

    /** Deletes one record by its key, through the import engine as a batch of one; false when there was none. */
    public boolean delete(String entity, String key) {
        Entity e = entity(entity);
        String line;
        try {
            line = JSON.writeValueAsString(Map.of(e.key().getFirst(), RecordKey.of(e, key, "key")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        Loaded done = load(entity, new java.io.ByteArrayInputStream(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                FileFormat.NDJSON, ImportMode.DELETE, 0);
        return done.summary().deleted() == 1;
    }

    /**
     * Writes every record of {@code entity}, ordered by key, as CSV with a header to a file of the
     * uploads folder, opened for reading once: the file is deleted when the stream is closed.
     */
    public InputStream export(String entity) {
        Entity e = entity(entity);
        Path file = uploadsFile(".csv");
        try {
            new Exporter(app.store()).export(e, file);
            return Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException ex) {
            delete(file);
            throw ex instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) ex;
        }
    }

    private Entity entity(String name) {
        return app.schema().entity(name).orElseThrow(() -> UserError.notFound("no entity " + Echo.quoted(name)
                + DidYouMean.hint(name, app.schema().entities().keySet()) + " (entities: " + String.join(", ", app.schema().entities().keySet())
                + ")", null));
    }

    private Path upload(InputStream data, String suffix) {
        return new Uploads(app.workspace().uploadsDir()).keep(data, suffix);
    }

    private Path uploadsFile(String suffix) {
        return new Uploads(app.workspace().uploadsDir()).newFile(suffix);
    }

    private static void delete(Path file) {
        Uploads.delete(file);
    }
}
