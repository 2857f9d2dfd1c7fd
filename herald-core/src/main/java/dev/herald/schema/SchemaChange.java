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

    /**
     * A new key for an entity: its primary key is replaced. {@code sharedKeys} keys of the new key
     * are held by {@code sharingRecords} records, and {@code missing} counts, per new key field,
     * the records that leave it empty; any of them refuses the change. {@code fields} are the
     * entity's fields in the schema (a table rebuilt for its new key keeps only those).
     */
    record ChangeKey(String entity, List<String> from, List<String> to, long sharedKeys, long sharingRecords,
                     java.util.Map<String, Long> missing, List<String> fields) implements SchemaChange {
        public ChangeKey {
            from = List.copyOf(from);
            to = List.copyOf(to);
            fields = List.copyOf(fields);
            missing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(missing));
        }

        public boolean destructive() {
            return false;
        }

        /** Whether existing records would break the new key. */
        public boolean refused() {
            return sharedKeys > 0 || missing.values().stream().anyMatch(n -> n > 0);
        }

        public String describe() {
            return "change the key of '" + entity + "' from (" + String.join(", ", from) + ") to (" + String.join(", ", to) + ")"
                    + (refused() ? " — refused: " + reasons() : "");
        }

        /** Why the change is refused, in words. */
        public String refusal() {
            return "the key of '" + entity + "' cannot change from (" + String.join(", ", from) + ") to ("
                    + String.join(", ", to) + "): " + reasons() + ".";
        }

        private String reasons() {
            List<String> reasons = new java.util.ArrayList<>();
            if (sharedKeys > 0) {
                reasons.add(String.format("%,d %s shared by %,d records", sharedKeys, sharedKeys == 1 ? "key is" : "keys are",
                        sharingRecords));
            }
            missing.forEach((field, n) -> {
                if (n > 0) {
                    reasons.add(String.format("%,d %s no %s", n, n == 1 ? "record has" : "records have", field));
                }
            });
            return String.join("; ", reasons);
        }
    }
}
