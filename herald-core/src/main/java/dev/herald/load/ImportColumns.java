package dev.herald.load;

import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of an import file matched to an entity's fields, by position. A file may leave out
 * non-key fields; a column the entity lacks is an error. {@code _change} ({@code u} or {@code d})
 * sets the mode per row; {@code _line} carries source line numbers for converted files.
 *
 * @param header the file's column names, in order
 * @param byPosition for each column, the field it loads, or null ({@code _change}, {@code _line})
 */
public record ImportColumns(List<String> header, List<Field> byPosition, boolean hasChange, boolean hasLine) {

    public static final String CHANGE = "_change";
    public static final String LINE = "_line";

    public static ImportColumns match(Entity entity, List<String> header, ImportMode mode, Path file) {
        List<Field> byPosition = new ArrayList<>();
        Set<String> seen = new HashSet<>();
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
                f = entity.fields().get(column);
                if (f == null) {
                    throw new ImportException(file + ": column '" + column + "' is not a field of '" + entity.name() + "'"
                            + DidYouMean.hint(column, entity.fields().keySet())
                            + " (fields: " + String.join(", ", entity.fields().keySet()) + ")");
                }
            }
            byPosition.add(f);
        }
        for (String k : entity.key()) {
            if (!seen.contains(k)) {
                throw new ImportException(file + ": the header has no column '" + k + "', the key of '" + entity.name()
                        + "'; the first line must name the columns (found: " + String.join(", ", header) + ")");
            }
        }
        if (change && mode == ImportMode.INSERT) {
            throw new ImportException(file + ": a '_change' column needs --mode upsert (rows marked 'u' are upserted, 'd' deleted)");
        }
        return new ImportColumns(List.copyOf(header), java.util.Collections.unmodifiableList(byPosition), change, line);
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
