package dev.herald.schema;

import java.util.List;

/** The changes that bring the store in line with a schema, in the order they run. */
public record SchemaPlan(List<SchemaChange> changes) {

    public SchemaPlan {
        changes = List.copyOf(changes);
    }

    public List<SchemaChange> destructive() {
        return changes.stream().filter(SchemaChange::destructive).toList();
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
