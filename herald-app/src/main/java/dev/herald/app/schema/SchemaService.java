package dev.herald.app.schema;

import dev.herald.app.engine.Engine;
import dev.herald.store.schema.SchemaApplier;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaPlan;

/** The workspace's schema: check it, see what applying it would change, apply it. */
public final class SchemaService {

    private final Engine app;

    public SchemaService(Engine app) {
        this.app = app;
    }

    /** The schema, checked: every problem with its path, or the schema. */
    public Schema check() {
        return app.schema();
    }

    /** What applying the schema would change; nothing is changed. */
    public SchemaPlan plan() {
        app.store().checkSystemTables(); // the commands that change the store's structure check them all
        return new SchemaApplier(app.store()).plan(app.schema());
    }

    /** Creates or alters the tables; a change that loses data is refused unless allowed. */
    public SchemaPlan apply(boolean allowDestructive) {
        app.store().checkSystemTables();
        return new SchemaApplier(app.store()).apply(app.schema(), allowDestructive);
    }
}
