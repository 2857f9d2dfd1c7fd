package dev.herald.load;

import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of an import file matched to an entity's fields, by position. A file may leave out
 * non-key fields; a column the entity lacks is an error unless it is mapped to a field or extra
 * columns are ignored. {@code _change} ({@code u} or {@code d})
 * sets the mode per row; {@code _line} carries source line numbers for converted files.
 *
 * @param header the file's column names, in order
 * @param byPosition for each column, the field it loads, or null ({@code _change}, {@code _line}, an ignored column)
 */
public record ImportColumns(List<String> header, List<Field> byPosition, boolean hasChange, boolean hasLine) {

    public static final String CHANGE = "_change";
    public static final String LINE = "_line";

    public static ImportColumns match(Entity entity, List<String> header, ImportMode mode, Path file) {
        return match(entity, header, mode, file, Map.of(), false);
    }

    /**
     * Matches the header to the entity's fields: a column loads the field of its name, or the one
     * {@code map} names for it ({@code csv_column → field}); with {@code ignoreExtra}, a column that
     * is no field is skipped instead of refusing the file.
     */
    public static ImportColumns match(Entity entity, List<String> header, ImportMode mode, Path file, Map<String, String> map,
                                      boolean ignoreExtra) {
        for (var e : map.entrySet()) {
            if (!header.contains(e.getKey())) {
                throw new ImportException(file + ": --map " + e.getKey() + "=" + e.getValue() + ": the file has no column '" + e.getKey()
                        + "'" + DidYouMean.hint(e.getKey(), header) + " (its columns: " + String.join(", ", header) + ")");
            }
            if (!entity.fields().containsKey(e.getValue())) {
                throw new ImportException(file + ": --map " + e.getKey() + "=" + e.getValue() + ": '" + e.getValue()
                        + "' is not a field of '" + entity.name() + "'" + DidYouMean.hint(e.getValue(), entity.fields().keySet())
                        + " (fields: " + String.join(", ", entity.fields().keySet()) + ")");
            }
        }
        List<Field> byPosition = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> loadedBy = new HashMap<>();
        boolean change = false;
        boolean line = false;
        for (String column : header) {
            if (!seen.add(column)) {
                throw new ImportException(file + ": column '" + column + "' appears twice in the header");
            }
            Field f = null;
            if (column.equals(CHANGE)) {
                change = true;
            } else if (column.equals(LINE)) {
                line = true;
            } else {
                f = entity.fields().get(map.getOrDefault(column, column));
                if (f == null && !ignoreExtra) {
                    throw new ImportException(file + ": column '" + column + "' is not a field of '" + entity.name() + "'"
                            + DidYouMean.hint(column, entity.fields().keySet())
                            + " (fields: " + String.join(", ", entity.fields().keySet()) + "); map it to a field (--map "
                            + column + "=FIELD) or skip the columns that are no field (--ignore-extra-columns)");
                }
                if (f != null && loadedBy.putIfAbsent(f.name(), column) != null) {
                    throw new ImportException(file + ": columns '" + loadedBy.get(f.name()) + "' and '" + column
                            + "' both load the field '" + f.name() + "'");
                }
            }
            byPosition.add(f);
        }
        for (String k : entity.key()) {
            if (!loadedBy.containsKey(k)) {
                throw new ImportException(file + ": the header has no column '" + k + "', the key of '" + entity.name()
                        + "'; the first line must name the columns (found: " + String.join(", ", header) + ")"
                        + (map.isEmpty() ? "" : "; --map COLUMN=" + k + " names the column that holds it"));
            }
        }
        if (change && mode == ImportMode.INSERT) {
            throw new ImportException(file + ": a '_change' column needs --mode upsert (rows marked 'u' are upserted, 'd' deleted)");
        }
        return new ImportColumns(List.copyOf(header), java.util.Collections.unmodifiableList(byPosition), change, line);
    }

    /** The file's column that loads {@code field} (the field's name when none does). */
    public String columnOf(String field) {
        for (int i = 0; i < header.size(); i++) {
            if (byPosition.get(i) != null && byPosition.get(i).name().equals(field)) {
                return header.get(i);
            }
        }
        return field;
    }

    /** The fields the file loads, in the file's order. */
    public List<Field> fields() {
        return byPosition.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** The field column {@code i} loads, or null. */
    public Field fieldAt(int i) {
        return byPosition.get(i);
    }

    public int lineIndex() {
        return header.indexOf(LINE);
    }

    public int changeIndex() {
        return header.indexOf(CHANGE);
    }

    /** The name column {@code i} has once loaded: its field's, {@code _change} or {@code _line}; null when it is not loaded. */
    public String loadedName(int i) {
        Field f = byPosition.get(i);
        if (f != null) {
            return f.name();
        }
        String h = header.get(i);
        return h.equals(CHANGE) || h.equals(LINE) ? h : null;
    }

    public boolean hasNonKeyFields(Entity entity) {
        return fields().stream().anyMatch(f -> !entity.isKey(f.name()));
    }
}
