package dev.herald.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.herald.app.Application;
import dev.herald.app.records.RecordsService;
import dev.herald.error.Problem;
import dev.herald.load.FileFormat;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportSummary;
import dev.herald.load.Reject;
import dev.herald.security.Role.Permission;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The records of any entity over the API — upserted, inserted or deleted one or a batch at a time,
 * read by key, imported as a whole file, exported — through the import engine of {@code herald
 * import}: every value stored exactly or its record rejected with its path and reason, the rest
 * loaded in one transaction and visible to targeting at once.
 */
final class RecordsApi {

    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;
    static final int MAX_BATCH_RECORDS = 10_000;
    static final long MAX_UPLOAD_BYTES = 1024L * 1024 * 1024;
    private static final Set<String> BATCH_FIELDS = Set.of("records", "mode", "max_errors");

    /** Numbers as written: 1.10 stays 1.10, and a decimal of 30 digits keeps them all. */
    private static final ObjectMapper EXACT = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    /** What a load did; each rejected record with its path ({@code records[3].age}) or, in a file, its line and column. */
    record Loaded(String entity, String mode, long read, long inserted, long updated, long deleted, long rejected, List<Rejected> rejects) {
    }

    record Rejected(String path, Long line, String field, String reason, String key) {
    }

    private final Application app;

    RecordsApi(Application app) {
        this.app = app;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/records/{entity}", Permission.EDIT, "Upsert, insert or delete a batch of records, each stored exactly or "
                                + "rejected with its path; the rest load together", 200,
                        "{records: [{field: value, ...}] (at most 10,000), mode: upsert (default) | insert | delete (the key fields only), "
                                + "max_errors: 100 (past it nothing is changed)}", this::batch),
                ApiRoute.get("/records/{entity}/{key}", Permission.READ, "One record by its key, with its fields", call -> app.records()
                        .read(call.path("entity"), call.path("key")).orElseThrow(() -> new ApiProblem(404, "not-found", "no "
                                + call.path("entity") + " with the key " + dev.herald.text.Echo.quoted(call.path("key"))))),
                ApiRoute.delete("/records/{entity}/{key}", Permission.EDIT, "Delete one record by its key", call -> {
                    if (!app.records().delete(call.path("entity"), call.path("key"))) {
                        throw new ApiProblem(404, "not-found", "no " + call.path("entity") + " with the key "
                                + dev.herald.text.Echo.quoted(call.path("key")));
                    }
                    call.did("deleted " + call.path("entity") + " " + call.path("key"));
                    return java.util.Map.of("deleted", 1);
                }),
                new ApiRoute("POST", "/imports/{entity}", Permission.EDIT, "Import a whole file (the request body, up to 1 GiB) as herald "
                        + "import does: each bad row rejected with its line, column and reason, the rest loaded", 200,
                        List.of("format: csv (default; a header, comma-separated, RFC 4180 quotes) or ndjson (a JSON object per line)",
                                "mode: insert (default) | upsert | delete", "max_errors: how many rejected rows are allowed (default 100); "
                                        + "past it nothing is changed"),
                        "the file itself", this::upload),
                ApiRoute.get("/exports/{entity}", Permission.READ, "Every record of an entity as CSV with a header, ordered by key",
                        call -> new Download("text/csv; charset=utf-8", call.path("entity") + ".csv", app.records().export(call.path("entity")))));
    }

    private Loaded batch(ApiCall call) throws Exception {
        JsonNode body = parse(call.upload(MAX_BATCH_BYTES).readAllBytes());
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BATCH_FIELDS.contains(name)) {
                throw ApiProblem.badRequest(name, "unknown field '" + name + "' (fields: max_errors, mode, records)");
            }
        }
        JsonNode records = body.path("records");
        if (!records.isArray() || records.isEmpty()) {
            throw ApiProblem.badRequest("records", "records is a list of records, each a JSON object of fields");
        }
        if (records.size() > MAX_BATCH_RECORDS) {
            throw ApiProblem.badRequest("records", String.format("at most %,d records a call (this one has %,d); POST /imports/{entity} "
                    + "takes a whole file", MAX_BATCH_RECORDS, records.size()));
        }
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        for (int i = 0; i < records.size(); i++) {
            if (!records.get(i).isObject()) {
                throw ApiProblem.badRequest("records[" + i + "]", "a record is a JSON object of fields");
            }
            ndjson.write(EXACT.writeValueAsBytes(records.get(i))); // one line each: record i is line i + 1
            ndjson.write('\n');
        }
        ImportMode mode = mode(body.path("mode").isMissingNode() ? null : body.path("mode").asText(), ImportMode.UPSERT);
        long maxErrors = body.path("max_errors").isMissingNode() ? 100 : whole(body.path("max_errors"));
        String entity = call.path("entity");
        RecordsService.Loaded done = app.records().load(entity, new ByteArrayInputStream(ndjson.toByteArray()), FileFormat.NDJSON, mode,
                maxErrors);
        return answer(call, entity, mode, done, true);
    }

    private Loaded upload(ApiCall call) throws Exception {
        String format = call.ctx.queryParam("format");
        FileFormat f = format == null || format.equals("csv") ? FileFormat.CSV : format.equals("ndjson") ? FileFormat.NDJSON : null;
        if (f == null) {
            throw ApiProblem.badRequest("format", "format is csv or ndjson");
        }
        ImportMode mode = mode(call.ctx.queryParam("mode"), ImportMode.INSERT);
        long maxErrors = call.whole("max_errors", 100, 0, Integer.MAX_VALUE);
        String entity = call.path("entity");
        RecordsService.Loaded done = app.records().load(entity, call.upload(MAX_UPLOAD_BYTES), f, mode, maxErrors);
        return answer(call, entity, mode, done, false);
    }

    /** The load as answered; one that rejected more rows than allowed changed nothing and is a {@code 422} with every reject's path. */
    private static Loaded answer(ApiCall call, String entity, ImportMode mode, RecordsService.Loaded done, boolean batch) {
        ImportSummary s = done.summary();
        List<Rejected> rejects = done.rejects().stream().map(r -> rejected(r, batch)).toList();
        if (s.rolledBack()) {
            throw new ApiProblem(422, "invalid", String.format("%,d of %,d %s rejected, more than max_errors: nothing was changed", s.rejected(),
                    s.read(), batch ? "records" : "rows"), rejects.stream().map(r -> new Problem(r.path() != null ? r.path()
                    : "line " + r.line() + (r.field() == null ? "" : ", column " + r.field()), r.reason())).toList());
        }
        String word = mode.name().toLowerCase(Locale.ROOT);
        call.did(String.format("%s %s: read %,d, inserted %,d, updated %,d, deleted %,d, rejected %,d", batch ? "wrote records of" : "imported",
                entity, s.read(), s.inserted(), s.updated(), s.deleted(), s.rejected()));
        return new Loaded(entity, word, s.read(), s.inserted(), s.updated(), s.deleted(), s.rejected(), rejects);
    }

    private static Rejected rejected(Reject r, boolean batch) {
        if (!batch) {
            return new Rejected(null, r.line(), r.column(), r.reason(), r.key());
        }
        String path = "records[" + (r.line() - 1) + "]" + (r.column() == null ? "" : "." + r.column());
        return new Rejected(path, null, r.column(), r.reason(), r.key());
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiProblem.badRequest(null, "the request needs a JSON body: {\"records\": [...]}");
        }
        try {
            JsonNode node = EXACT.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiProblem.badRequest(null, "the body is a JSON object: {\"records\": [...]}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest(null, "not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ImportMode mode(String text, ImportMode fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        return switch (text) {
            case "insert" -> ImportMode.INSERT;
            case "upsert" -> ImportMode.UPSERT;
            case "delete" -> ImportMode.DELETE;
            default -> throw ApiProblem.badRequest("mode", "mode is insert, upsert or delete");
        };
    }

    private static long whole(JsonNode n) {
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
            throw ApiProblem.badRequest("max_errors", "max_errors is a whole number from 0");
        }
        return n.asLong();
    }
}
