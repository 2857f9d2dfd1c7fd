package dev.herald.campaign;

import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.schema.FieldType;
import dev.herald.schema.Link;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transition carries, known before anything runs: no rows at all (a scheduler's or a test's
 * signal), records of a dimension, or the rows of a file; and the worktable's columns — the key
 * first, then any segment code and enrichment. Expressions read the columns as {@code target.NAME}.
 * {@code unique} says whether each key appears once (false after moving many records to the one
 * they share, or giving a record to several overlapping subsets).
 */
public record Population(Kind kind, Entity dimension, Map<String, FieldType> columns, boolean unique) {

    /** The name of the worktable's record in expressions. */
    public static final String TARGET = "target";
    /** The key column of a file's rows: its line in the file. */
    public static final String LINE = "line";
    /** The column holding a split's subset name when all subsets share one worktable. */
    public static final String SEGMENT = "segment";

    public enum Kind { NONE, RECORDS, FILE }

    public Population {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static Population none() {
        return new Population(Kind.NONE, null, Map.of(), true);
    }

    /**
     * Why records of {@code entity} cannot be a population, or null when they can: a worktable
     * carries one key column, and the message log one recipient key per message, so an entity
     * whose key has several fields is no target (docs/campaigns.md).
     */
    public static String notATarget(Entity entity) {
        if (entity.key().size() == 1) {
            return null;
        }
        String whole = entity.links().values().stream().filter(l -> !l.isToMany()).map(Link::target).findFirst()
                .map(t -> "the " + t + " they belong to").orElse("an entity they link to");
        return entity.name() + " has a composite key (" + String.join(", ", entity.key()) + "); a campaign targets records of an "
                + "entity with a one-field key, as a worktable and the message log hold one key per record — target " + whole
                + " (change-dimension through a link), or give " + entity.name() + " a one-field key";
    }

    /** Records of {@code dimension}, with their key only; see {@link #notATarget}. */
    public static Population of(Entity dimension) {
        String refusal = notATarget(dimension);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        Map<String, FieldType> columns = new LinkedHashMap<>();
        columns.put(dimension.key().get(0), dimension.keyFields().get(0).type());
        return new Population(Kind.RECORDS, dimension, columns, true);
    }

    /** Rows of a file: their line number and the declared columns. */
    public static Population file(Map<String, FieldType> fileColumns) {
        Map<String, FieldType> columns = new LinkedHashMap<>();
        columns.put(LINE, FieldType.of(FieldType.Kind.LONG));
        columns.putAll(fileColumns);
        return new Population(Kind.FILE, null, columns, true);
    }

    public boolean hasRows() {
        return kind != Kind.NONE;
    }

    public boolean isRecords() {
        return kind == Kind.RECORDS;
    }

    /** The key column: the dimension's key, or the file line. */
    public String key() {
        return kind == Kind.RECORDS ? dimension.key().get(0) : LINE;
    }

    /** The same population with more columns. */
    public Population with(Map<String, FieldType> added) {
        Map<String, FieldType> all = new LinkedHashMap<>(columns);
        all.putAll(added);
        return new Population(kind, dimension, all, unique);
    }

    /** The same population, where a key may appear more than once. */
    public Population withRepeatedKeys() {
        return new Population(kind, dimension, columns, false);
    }

    /** The worktable's columns as a record for expressions ({@code target.spend}). */
    public Entity target() {
        Map<String, Field> fields = new LinkedHashMap<>();
        columns.forEach((n, t) -> fields.put(n, new Field(n, t)));
        return new Entity(TARGET, fields, List.of(key()), List.of(), Map.of());
    }

    /** The record expressions start from: the dimension, or for a file its own rows. */
    public Entity expressionDimension() {
        return kind == Kind.RECORDS ? dimension : target();
    }

    /** The record of the worktable's columns beside the dimension, or null for a file (whose rows are the record). */
    public Entity expressionTarget() {
        return kind == Kind.RECORDS ? target() : null;
    }

    public String describe() {
        return switch (kind) {
            case NONE -> "no records (a signal)";
            case RECORDS -> dimension.name() + " records" + (columns.size() > 1 ? " with " + String.join(", ",
                    columns.keySet().stream().skip(1).toList()) : "");
            case FILE -> "file rows (" + String.join(", ", columns.keySet()) + ")";
        };
    }
}
