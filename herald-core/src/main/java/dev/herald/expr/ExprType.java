package dev.herald.expr;

/** The type of an expression node after checking. */
public enum ExprType {
    BOOL, INT, DOUBLE, STRING, TIMESTAMP, DURATION, DYN, NULL;

    public boolean isNumber() {
        return this == INT || this == DOUBLE;
    }
}
