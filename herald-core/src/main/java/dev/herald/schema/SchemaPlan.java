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

    /** The key changes that existing records would break: applying the plan is refused. */
    public List<SchemaChange.ChangeKey> refused() {
        return changes.stream().filter(c -> c instanceof SchemaChange.ChangeKey k && k.refused())
                .map(SchemaChange.ChangeKey.class::cast).toList();
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
