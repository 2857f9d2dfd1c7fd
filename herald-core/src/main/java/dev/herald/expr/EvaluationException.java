package dev.herald.expr;

/** An expression that cannot be evaluated with the values given (an unknown variable, a bad constant). */
public class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }
}
