package dev.herald.server.api;

import dev.herald.app.Application;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaChange;
import dev.herald.schema.SchemaPlan;
import dev.herald.security.Role.Permission;
import java.util.List;
import java.util.Map;

/**
 * The workspace's schema over the API: read it (checked — a schema with errors is a 422 with every
 * problem's path), see what applying it would change, apply it: the same as {@code herald schema
 * check|plan|apply}. The schema itself is the workspace's {@code schema.yaml}, kept in version control.
 */
final class SchemaApi {

    record Apply(Boolean destructive) {
    }

    record EntityView(String name, List<String> key, List<FieldView> fields, List<String> links) {
        static EntityView of(Entity e) {
            return new EntityView(e.name(), e.key(), e.fields().values().stream().map(f -> new FieldView(f.name(), f.type().toString())).toList(),
                    List.copyOf(e.links().keySet()));
        }
    }

    record FieldView(String name, String type) {
    }

    record Change(String change, boolean destructive) {
    }

    private final Application app;

    SchemaApi(Application app) {
        this.app = app;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/schema", Permission.READ, "The schema: each entity's key, fields with their types and links", call -> {
                    Schema schema = app.schemas().check();
                    return Map.of("dimension", schema.dimension(), "entities", schema.entities().values().stream().map(EntityView::of).toList());
                }),
                ApiRoute.get("/schema/plan", Permission.READ, "What applying the schema would change in the store; nothing is changed",
                        call -> changes(app.schemas().plan())),
                ApiRoute.post("/schema/apply", Permission.ADMINISTER, "Create or alter the store's tables to match the schema", 200,
                        "{destructive: true also drops and retypes (default false: a change that loses data is refused)}", call -> {
                            Apply a = call.body(Apply.class);
                            Map<String, Object> applied = changes(app.schemas().apply(Boolean.TRUE.equals(a.destructive())));
                            call.did("applied the schema: " + ((List<?>) applied.get("changes")).size() + " change(s)");
                            return applied;
                        }));
    }

    private static Map<String, Object> changes(SchemaPlan plan) {
        List<Change> changes = plan.changes().stream().map((SchemaChange c) -> new Change(c.describe(), c.destructive())).toList();
        return Map.of("changes", changes, "up_to_date", plan.isEmpty());
    }
}
