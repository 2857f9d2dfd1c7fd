package dev.herald.schema;

import dev.herald.error.Problem;
import dev.herald.error.UserError;
import java.util.List;

/**
 * Refuses a change of an entity's key that existing records would break — keys they share, or
 * key fields they leave empty — saying how many, and what to do. Nothing is changed; unlike a
 * destructive change, no option forces it.
 */
public class KeyChangeRefusedException extends UserError {

    public KeyChangeRefusedException(List<SchemaChange.ChangeKey> refused) {
        super(Kind.CONFLICT, null, problems(refused));
    }

    private static List<Problem> problems(List<SchemaChange.ChangeKey> refused) {
        List<Problem> problems = new java.util.ArrayList<>();
        refused.forEach(c -> problems.add(new Problem(null, "refused: " + c.refusal())));
        problems.add(new Problem(null, "Nothing was changed. Make each key whole and unique first (correct or delete those records), "
                + "or keep the key as it is."));
        return problems;
    }
}
