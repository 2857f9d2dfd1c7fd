package dev.herald.schema;

import dev.herald.error.Problem;
import dev.herald.error.UserError;
import java.util.List;

/** Thrown when a schema has problems; carries every one of them, not only the first. */
public class InvalidSchemaException extends UserError {

    public InvalidSchemaException(String source, List<Problem> problems) {
        super(Kind.INVALID, source + " has " + problems.size() + (problems.size() == 1 ? " error" : " errors"), problems);
    }
}
