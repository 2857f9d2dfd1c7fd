package dev.herald.schema;

import java.util.List;

/**
 * One many-to-one link's orphans: how many rows of {@code entity} have the link's field set to a
 * key its target does not have, and a few of them (their key, and the value that points nowhere).
 */
public record OrphanReport(String entity, Link link, long rows, List<String> examples) {

    public OrphanReport {
        examples = List.copyOf(examples);
    }

    /** {@code purchase.store → store: 3 rows point to no store}, then examples when asked. */
    public String describe(boolean withExamples) {
        String head = entity + "." + link.name() + " → " + link.target() + ": " + (rows == 0
                ? "every row points to a record"
                : String.format("%,d %s to no %s (%s set to a key %s does not have)", rows, rows == 1 ? "row points" : "rows point",
                link.target(), link.field(), link.target()));
        return withExamples && !examples.isEmpty() ? head + ", e.g. " + String.join("; ", examples) : head;
    }
}
