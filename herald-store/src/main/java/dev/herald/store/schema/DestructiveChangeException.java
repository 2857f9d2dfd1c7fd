package dev.herald.store.schema;

import java.util.List;
import java.util.stream.Collectors;

/** Refuses a schema change that would lose data, saying what would be lost. */
public class DestructiveChangeException extends RuntimeException {

    public DestructiveChangeException(List<SchemaChange> changes) {
        super("refused: applying this schema would lose data:\n"
                + changes.stream().map(c -> "  - " + c.describe()).collect(Collectors.joining("\n"))
                + "\nNothing was changed. Re-run with --allow-destructive to apply it anyway.");
    }
}
