package dev.herald.store;

import dev.herald.error.Problem;
import dev.herald.error.UserError;
import java.util.List;

/** A failure of the store itself: it cannot be reached or opened, or a statement failed unexpectedly. */
public class StoreException extends UserError {
    public StoreException(String message) {
        super(Kind.UNAVAILABLE, null, List.of(new Problem(null, message)));
    }

    public StoreException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, null, List.of(new Problem(null, message)), cause);
    }
}
