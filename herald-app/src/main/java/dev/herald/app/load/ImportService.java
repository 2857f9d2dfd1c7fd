package dev.herald.app.load;

import dev.herald.app.engine.Engine;
import dev.herald.store.load.Exporter;
import dev.herald.store.load.Importer;
import dev.herald.error.UserError;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.text.Echo;
import java.nio.file.Path;

/** Loading files into entities, and writing entities out. */
public final class ImportService {

    private final Engine app;

    public ImportService(Engine app) {
        this.app = app;
    }

    /** Imports one file into one entity; bad rows are rejected with their line, column and reason. */
    public ImportSummary importFile(ImportRequest request) {
        return new Importer(app.store(), app.schema()).run(request);
    }

    /** Writes an entity's rows, ordered by key, to CSV or Parquet; returns how many. */
    public long export(String entity, Path file) {
        Schema schema = app.schema();
        Entity e = schema.entity(entity).orElseThrow(() -> UserError.invalid("entity", "unknown entity " + Echo.quoted(entity)
                + DidYouMean.hint(entity, schema.entities().keySet()) + " (entities: " + String.join(", ", schema.entities().keySet()) + ")"));
        return new Exporter(app.store()).export(e, file);
    }

    /** How many records an entity has. */
    public long count(String entity) {
        return app.store().count(entity);
    }
}
