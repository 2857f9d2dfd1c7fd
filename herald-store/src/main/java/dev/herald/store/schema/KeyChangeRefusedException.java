package dev.herald.store.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Refuses a change of an entity's key that existing records would break — keys they share, or
 * key fields they leave empty — saying how many, and what to do. Nothing is changed; unlike a
 * destructive change, no option forces it.
 */
public class KeyChangeRefusedException extends RuntimeException {

    public KeyChangeRefusedException(List<SchemaChange.ChangeKey> refused) {
        super(refused.stream().map(c -> "refused: " + c.refusal()).collect(Collectors.joining("\n"))
                + "\nNothing was changed. Make each key whole and unique first (correct or delete those records), "
                + "or keep the key as it is.");
    }
}
