package dev.herald.store.load;

import dev.herald.load.CsvOptions;
import dev.herald.load.ImportColumns;
import dev.herald.load.Reject;
import dev.herald.schema.Entity;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.jooq.Field;

/**
 * Loads a CSV file through the store's bulk path into the temporary table {@code herald_stage}
 * (one typed column per file column) and records the rows it could not parse in
 * {@code herald_reject}. Everything after staging is the same SQL on every store.
 */
interface ImportStage {

    String TABLE = "herald_stage";

    /**
     * Stages {@code csv}; {@code earlierRejects} are rows a conversion already refused;
     * {@code typedByReader} names the columns whose values the store's reader may type itself.
     *
     * @return the number of data records read from the file
     */
    long load(Entity entity, Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects,
              Set<String> typedByReader) throws SQLException;

    /**
     * Loads {@code csv} straight into the entity's table, recording unparsable rows in
     * {@code herald_reject}. A missing or taken key fails with the engine's constraint error.
     */
    Copied copyInto(Entity entity, Path csv, ImportColumns columns, CsvOptions options, List<Reject> earlierRejects,
                    Set<String> typedByReader) throws SQLException;

    /** Records read from the file and rows the table took. */
    record Copied(long read, long rows) {
    }

    /** A number that orders staged rows as they were in the file. */
    Field<Long> order();

    /** The line number of a staged row in the source file. */
    Field<Long> line();

    /** The key of a staged row as text, to name it in a reject (see {@link Reject#key}). */
    Field<String> key();

    /** {@link Reject#key} in SQL: the one value, or {@code name=value, …}; NULL when every part is. */
    static Field<String> keyText(List<String> names, List<Field<?>> parts) {
        List<Field<String>> text = parts.stream().map(p -> org.jooq.impl.DSL.cast(p, String.class)).toList();
        if (text.size() == 1) {
            return text.get(0);
        }
        List<Field<?>> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            pieces.add(org.jooq.impl.DSL.inline((i == 0 ? "" : ", ") + names.get(i) + "="));
            pieces.add(org.jooq.impl.DSL.coalesce(text.get(i), org.jooq.impl.DSL.inline("")));
        }
        org.jooq.Condition allNull = org.jooq.impl.DSL.and(text.stream().map(Field::isNull).toList());
        return org.jooq.impl.DSL.when(allNull, org.jooq.impl.DSL.inline((String) null))
                .otherwise(org.jooq.impl.DSL.concat(pieces.toArray(Field<?>[]::new)));
    }
}
