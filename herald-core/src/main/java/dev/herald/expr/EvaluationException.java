package dev.herald.expr;

import dev.herald.error.Problem;
import dev.herald.error.UserError;
import java.util.List;

/** An expression that cannot be evaluated with the values given (an unknown variable, a bad constant). */
public class EvaluationException extends UserError {
    public EvaluationException(String message) {
        super(Kind.INVALID, null, List.of(new Problem(null, message)));
    }
}
