package dev.herald.load;

import dev.herald.error.Action;
import dev.herald.error.Problem;
import dev.herald.error.UserError;
import java.util.List;

/** A problem with an import that the user can fix; its message is one line that says what to do. */
public class ImportException extends UserError {
    public ImportException(String message) {
        super(Kind.INVALID, null, List.of(new Problem(null, message)));
    }

    /** A problem and the action that fixes it. */
    public ImportException(String message, Action hint) {
        super(Kind.INVALID, null, List.of(new Problem(null, message, hint)));
    }

    public ImportException(String message, Throwable cause) {
        super(Kind.INVALID, null, List.of(new Problem(null, message)), cause);
    }
}
