package dev.herald.schema;

import dev.herald.error.Action;
import dev.herald.error.Problem;
import dev.herald.error.UserError;
import java.util.List;

/** Refuses a schema change that would lose data, saying what would be lost; nothing was changed. */
public class DestructiveChangeException extends UserError {

    public DestructiveChangeException(List<SchemaChange> changes) {
        super(Kind.CONFLICT, "refused: applying this schema would lose data (nothing was changed)",
                changes.stream().map(c -> new Problem(null, c.describe(), new Action.ApplySchema(true))).toList());
    }
}
