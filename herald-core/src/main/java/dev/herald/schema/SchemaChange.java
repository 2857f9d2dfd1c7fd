package dev.herald.schema;

import java.util.List;

/** One step that brings the store's tables in line with the schema. */
public sealed interface SchemaChange {

    /** Whether the step can lose data. */
    boolean destructive();

    /** What the step does, in words. */
    String describe();

    record CreateEntity(Entity entity) implements SchemaChange {
        public boolean destructive() {
            return false;
        }

        public String describe() {
            return "create entity '" + entity.name() + "' (" + entity.fields().size() + " fields)";
        }
    }

    record AddField(String entity, Field field) implements SchemaChange {
        public boolean destructive() {
            return false;
        }

        public String describe() {
            return "add field '" + entity + "." + field.name() + "' " + field.type();
        }
    }

    record AddIndex(String entity, List<String> fields) implements SchemaChange {
        public boolean destructive() {
            return false;
        }

        public String describe() {
            return "add index on '" + entity + "' (" + String.join(", ", fields) + ")";
        }

        public String indexName() {
            return "ix_" + entity + "_" + String.join("_", fields);
        }
    }

    record DropEntity(String entity, long rows) implements SchemaChange {
        public boolean destructive() {
            return true;
        }

        public String describe() {
            return String.format("drop entity '%s' and its %,d rows", entity, rows);
        }
    }

    record DropField(String entity, String field, long values) implements SchemaChange {
        public boolean destructive() {
            return true;
        }

        public String describe() {
            return String.format("drop field '%s.%s' and its %,d non-null values", entity, field, values);
        }
    }

    record ChangeType(String entity, String field, FieldType from, FieldType to, long values) implements SchemaChange {
        public boolean destructive() {
            return true;
        }

        public String describe() {
            return String.format("change '%s.%s' from %s to %s (%,d non-null values are converted; the import fails if one does not convert)",
                    entity, field, from, to, values);
        }
    }
}
