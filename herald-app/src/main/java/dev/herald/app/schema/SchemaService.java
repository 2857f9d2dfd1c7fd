package dev.herald.app.schema;

import dev.herald.app.engine.Engine;
import dev.herald.store.schema.Orphans;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.error.UserError;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.OrphanReport;
import dev.herald.text.Echo;
import java.util.List;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaPlan;

/** The workspace's schema: check it, see what applying it would change, apply it. */
public final class SchemaService {

    private final Engine app;

    public SchemaService(Engine app) {
        this.app = app;
    }

    /** The schema as {@code schema.yaml} says now, checked: every problem with its path, or the schema. */
    public Schema check() {
        return app.reloadSchema();
    }

    /** What applying the schema would change; nothing is changed. */
    public SchemaPlan plan() {
        app.store().checkSystemTables(); // the commands that change the store's structure check them all
        return new SchemaApplier(app.store()).plan(app.reloadSchema());
    }

    /** Creates or alters the tables; a change that loses data is refused unless allowed. */
    public SchemaPlan apply(boolean allowDestructive) {
        app.store().checkSystemTables();
        return new SchemaApplier(app.store()).apply(app.reloadSchema(), allowDestructive);
    }

    /** Whether the entity has its table in the store yet (the schema applied since it was added). */
    public boolean hasTable(String entity) {
        return app.store().hasTable(entity(entity).name());
    }

    /**
     * Per many-to-one link of {@code entity}, how many of its rows point to no record (one anti-join
     * per link), with up to {@code examples} of them.
     */
    public List<OrphanReport> orphans(String entity, int examples) {
        return new Orphans(app.store().dsl(), app.schema()).of(entity(entity), examples);
    }

    private Entity entity(String name) {
        Schema schema = app.schema();
        return schema.entity(name).orElseThrow(() -> UserError.invalid("entity", "unknown entity " + Echo.quoted(name)
                + DidYouMean.hint(name, schema.entities().keySet())));
    }
}
