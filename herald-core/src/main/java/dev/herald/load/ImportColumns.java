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
 * The columns of an import file matched to an entity's fields. A file may leave out non-key
 * fields; it may not have a column the entity lacks. {@code _change} ({@code u} or {@code d}) sets
 * the mode per row; {@code _line} carries source line numbers for converted files.
 */
public record ImportColumns(List<String> header, List<Field> fields, boolean hasChange, boolean hasLine) {

    public static final String CHANGE = "_change";
    public static final String LINE = "_line";

    public static ImportColumns match(Entity entity, List<String> header, ImportMode mode, Path file) {
        List<Field> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean change = false;
        boolean line = false;
        for (String column : header) {
            if (!seen.add(column)) {
                throw new ImportException(file + ": column '" + column + "' appears twice in the header");
            }
            if (column.equals(CHANGE)) {
                change = true;
            } else if (column.equals(LINE)) {
                line = true;
            } else {
                Field f = entity.fields().get(column);
                if (f == null) {
                    throw new ImportException(file + ": column '" + column + "' is not a field of '" + entity.name() + "'"
                            + DidYouMean.hint(column, entity.fields().keySet())
                            + " (fields: " + String.join(", ", entity.fields().keySet()) + ")");
                }
                fields.add(f);
            }
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
        return new ImportColumns(header, fields, change, line);
    }

    public boolean hasNonKeyFields(Entity entity) {
        return fields.stream().anyMatch(f -> !entity.isKey(f.name()));
    }
}
